package io.github.privatenumber.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates well-formed pushes the way the platform sends them (SPEC §10): CDR batches and call events with
 * realistic, randomly chosen fields. Every record gets a fresh id in its namespace, so the records of different
 * generators never collide; {@link Push#keys()} names them as the test's sink counts them ({@code cdr:<icid>},
 * {@code session:<sessionId>}). All phone numbers come from a fixed list that is registered with {@link Sensitive}.
 * Not thread-safe.
 */
final class PushFactory {

    static final DateTimeFormatter PLATFORM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    static final String[] EVENT_TYPES = {"callin", "callout", "alerting", "answer", "disconnect"};

    /** A push: its JSON tree (mutable, for the hostile generators) and the records it carries. */
    record Push(String kind, Map<String, Object> tree, List<String> keys) {
        String json() {
            return Json.write(tree);
        }

        byte[] bytes() {
            return json().getBytes(StandardCharsets.UTF_8);
        }
    }

    private final Random rnd;
    private final String namespace;
    private final List<String> numbers;
    private long sequence;

    /**
     * @param rnd the random source
     * @param namespace prefix of every id, unique per factory
     * @param numbers global-form numbers to use (registered with {@link Sensitive} by the caller)
     */
    PushFactory(Random rnd, String namespace, List<String> numbers) {
        this.rnd = rnd;
        this.namespace = namespace;
        this.numbers = numbers;
    }

    /**
     * @param rnd the random source
     * @param mobiles how many mobile numbers
     * @param fixedLines how many fixed-line numbers
     * @return numbers in global form, registered with {@link Sensitive}
     */
    static List<String> numbers(Random rnd, int mobiles, int fixedLines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < mobiles; i++) {
            out.add("+861" + (3 + rnd.nextInt(7)) + digits(rnd, 9));
        }
        String[] areas = {"755", "10", "20", "21", "571"};
        for (int i = 0; i < fixedLines; i++) {
            String area = areas[rnd.nextInt(areas.length)];
            out.add("+86" + area + (2 + rnd.nextInt(7)) + digits(rnd, 10 - area.length()));
        }
        out.forEach(Sensitive::number);
        return out;
    }

    static String digits(Random rnd, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        return sb.toString();
    }

    String nextId(String kind) {
        return namespace + kind + (++sequence) + "-" + Long.toHexString(rnd.nextLong() & 0xffffffffffffL);
    }

    /**
     * @param records 1-50
     * @param failFirstRecord whether the first record's icid asks the test sink to fail once on it
     * @return a {@code fee} push
     */
    Push cdrs(int records, boolean failFirstRecord) {
        List<Object> list = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            String icid = (failFirstRecord && i == 0 ? "FAILONCE-" : "") + nextId("c");
            list.add(cdr(icid));
            keys.add("cdr:" + icid);
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("eventType", "fee");
        tree.put("feeLst", list);
        return new Push("fee", tree, keys);
    }

    /** @return a call event of a documented type (now and then an undocumented one) */
    Push event() {
        String type = rnd.nextInt(20) == 0 ? "xNumberStatus" : EVENT_TYPES[rnd.nextInt(EVENT_TYPES.length)];
        String session = "1200_" + (++sequence) + "_" + namespace + "_" + Long.toHexString(rnd.nextLong())
                + "@callenabler246.huaweicaas.com";
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("sessionId", session);
        info.put("timestamp", time(Instant.now().minusSeconds(rnd.nextInt(600))));
        info.put("caller", number());
        info.put("called", number());
        if (rnd.nextBoolean()) {
            info.put("subscriptionId", "sub-" + Long.toHexString(rnd.nextLong()));
        }
        if (rnd.nextBoolean()) {
            info.put("userData", userData());
        }
        if (type.equals("disconnect")) {
            info.put("stateCode", rnd.nextBoolean() ? pick(0, 8102, 8101, 7503, 8030, 99999) : "8102");
            info.put("stateDesc", pick("normal", "busy", "no answer", "用户忙"));
        }
        if (rnd.nextInt(5) == 0) {
            info.put("futureField" + rnd.nextInt(100), rnd.nextBoolean() ? "x" : List.of(1, 2));
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("eventType", type);
        tree.put("statusInfo", info);
        return new Push("event", tree, List.of("session:" + session));
    }

    /** @return one CDR with a random but plausible subset of the documented fields */
    Map<String, Object> cdr(String icid) {
        Map<String, Object> r = new LinkedHashMap<>();
        Instant start = Instant.now().minusSeconds(60 + rnd.nextInt(3600));
        boolean answered = rnd.nextBoolean();
        r.put("direction", rnd.nextBoolean() ? rnd.nextInt(3) : String.valueOf(rnd.nextInt(3)));
        r.put("spId", "sp-" + rnd.nextInt(1000));
        r.put("appKey", "app-" + rnd.nextInt(10));
        r.put("icid", icid);
        r.put("bindNum", number());
        r.put("sessionId", "1200_" + rnd.nextInt(100000) + "_" + Long.toHexString(rnd.nextLong()) + "@callenabler.local");
        r.put("subscriptionId", rnd.nextInt(4) == 0 ? "" : "sub-" + Long.toHexString(rnd.nextLong()));
        r.put("callerNum", number());
        r.put("calleeNum", number());
        if (rnd.nextBoolean()) {
            r.put("fwdDisplayNum", number());
            r.put("fwdDstNum", number());
        }
        r.put("callInTime", time(start));
        r.put("fwdStartTime", time(start.plusSeconds(1)));
        if (answered) {
            r.put("fwdAlertingTime", time(start.plusSeconds(2)));
            r.put("fwdAnswerTime", time(start.plusSeconds(5)));
            r.put("callEndTime", time(start.plusSeconds(5 + rnd.nextInt(600))));
        } else {
            r.put("failTime", time(start.plusSeconds(30)));
            r.put("fwdUnaswRsn", pick(19, 17, 21, "19"));
            r.put("ulFailReason", pick(8101, 8102, 7503, "8104"));
            r.put("sipStatusCode", pick(480, 486, 603));
            r.put("callOutUnaswRsn", rnd.nextInt(30));
        }
        boolean recorded = answered && rnd.nextInt(3) == 0;
        r.put("recordFlag", recorded ? pick(1, "1", true) : pick(0, "0", false));
        if (recorded) {
            r.put("recordStartTime", time(start.plusSeconds(5)));
            r.put("recordDomain", "obs.example.com");
            r.put("recordBucketName", "records");
            r.put("recordObjectName", Long.toHexString(rnd.nextLong()) + ".wav");
            r.put("recordFileDownloadUrl", "https://obs.example.com/records/" + Long.toHexString(rnd.nextLong()));
        }
        if (rnd.nextBoolean()) {
            r.put("ttsPlayTimes", rnd.nextInt(3));
            r.put("ttsTransDuration", rnd.nextInt(20));
        }
        r.put("mptyId", "m-" + rnd.nextInt(1000));
        r.put("serviceType", pick("003", "004", "x"));
        r.put("hostName", "callenabler" + rnd.nextInt(300) + ".huaweicaas.com");
        if (rnd.nextBoolean()) {
            r.put("userData", userData());
        }
        if (rnd.nextInt(6) == 0) {
            r.put("newField" + rnd.nextInt(50), rnd.nextBoolean() ? Map.of("nested", List.of(1, "two")) : 3.5);
        }
        return r;
    }

    /** @return a number from the list, in global form most of the time (the platform's), else national */
    String number() {
        String n = numbers.get(rnd.nextInt(numbers.size()));
        int form = rnd.nextInt(10);
        if (form == 0) {
            return n.substring(1); // 86...
        }
        if (form == 1 && n.startsWith("+861")) {
            return n.substring(3); // national mobile
        }
        return n;
    }

    String userData() {
        return switch (rnd.nextInt(8)) {
            case 0 -> "order-" + rnd.nextInt(1_000_000);
            case 1 -> "订单-" + rnd.nextInt(1000) + " 测试";
            case 2 -> "emoji 🚕🚗 " + rnd.nextInt(100);
            case 3 -> "quote \" backslash \\ slash / tab \t";
            case 4 -> "call me " + numbers.get(rnd.nextInt(numbers.size())); // personal data in free text
            case 5 -> "{\"json\":\"inside\"}";
            case 6 -> "x".repeat(1 + rnd.nextInt(256));
            default -> "";
        };
    }

    String time(Instant t) {
        return switch (rnd.nextInt(12)) {
            case 0 -> t.toString();
            case 1 -> String.valueOf(t.getEpochSecond());
            default -> PLATFORM_TIME.format(t);
        };
    }

    @SafeVarargs
    final <T> T pick(T... options) {
        return options[rnd.nextInt(options.length)];
    }
}
