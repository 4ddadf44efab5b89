package io.github.privatenumber.notifications.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@link PushParser} against {@link LegacyPushParser}, the tree-based reading it replaced, over generated
 * bodies: valid pushes of every field type, odd and unreadable values, unknown and nested fields, duplicate keys at
 * every depth, limits just below and above, several lines, non-ASCII text (the character parser), and byte-level
 * mutations of all of these. For each body both must refuse with the same status and message, or both read the same
 * push: equal events or records (raw JSON included), equal unreadable-field and refused-record lists.
 */
class PushParserDifferentialTest {

    private static final String[] EVENT_FIELDS = {"sessionId", "timestamp", "caller", "called", "subscriptionId",
        "userData", "stateCode", "stateDesc"};
    private static final String[] CDR_FIELDS = {"direction", "spId", "appKey", "icid", "bindNum", "sessionId",
        "subscriptionId", "callerNum", "calleeNum", "fwdDisplayNum", "fwdDstNum", "callInTime", "fwdStartTime",
        "fwdAlertingTime", "fwdAnswerTime", "callEndTime", "failTime", "recordStartTime", "fwdUnaswRsn", "ulFailReason",
        "sipStatusCode", "callOutUnaswRsn", "recordFlag", "recordDomain", "recordBucketName", "recordObjectName",
        "ttsPlayTimes", "ttsTransDuration", "mptyId", "serviceType", "hostName", "userData", "recordFileDownloadUrl"};
    private static final String[] EVENT_TYPES = {"callin", "callout", "alerting", "answer", "disconnect", "fee",
        "xnumberStatus", "", " ", "CALLIN", "bad type", "\u4e2d"};
    private static final String[] UNKNOWN = {"extra", "notifyType", "ICID", "EventType", "a'b", "it's", "x".repeat(70),
        "\u540d\u5b57", "", " ", "feeLst2", "status\"Info"};

    private final LegacyPushParser legacy = new LegacyPushParser();
    private final PushParser streaming = new PushParser();
    private final Map<String, int[]> outcomes = new TreeMap<>();

    /** A JSON writer with random layout. */
    private static final class Out {
        final StringBuilder b = new StringBuilder();
        final Random r;
        final boolean spaced;

        Out(Random r) {
            this.r = r;
            this.spaced = r.nextInt(4) == 0;
        }

        Out ws() {
            if (spaced) {
                b.append(new String[] {"", " ", "\n", "\r\n  ", "\t"}[r.nextInt(5)]);
            }
            return this;
        }

        Out raw(String s) {
            b.append(s);
            return this;
        }

        Out str(String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            b.append('"');
            return this;
        }
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    /** A value in JSON: any type, often one a field reads leniently, sometimes one it cannot read. */
    private static void value(Out o, Random r, String field, int depth) {
        int k = r.nextInt(depth > 3 ? 12 : 16);
        switch (k) {
            case 0, 1, 2 -> o.str(typical(r, field));
            case 3 -> o.str(pick(r, "", " ", "0", " 8102 ", "1.0", "1e3", "-1", "true", "FALSE", "yes", "soon",
                    "2147483648", "0x10", "+1", "1.5"));
            case 4 -> o.str(pick(r, "2024-05-01 08:00:03", "2024-05-01T08:00:03", "2024-05-01 08:00:03.5",
                    "2024-05-01T08:00:03.123456789", "2024-05-01T08:00:03Z", "2024-05-01T08:00:03.25Z", "1714550403",
                    "1714550403000", "20190124023022", "0", "2024-02-30 08:00:03", "2024-05-01 24:00:00",
                    "2024-05-01 08:00:03.", "2024-05-01 08:00:03.1234567890", " 2024-05-01 08:00:03 ",
                    "2024-05-01+08:00:03", "946684799", "946684800", "4102444800", "4102444799999"));
            case 5 -> o.raw(pick(r, "0", "-0", "1", "-1", "8102", "2147483647", "2147483648", "-2147483649",
                    "9223372036854775807", "9223372036854775808", "123456789012345678901234567890", "1.0", "1.5",
                    "-0.0", "1e3", "1E-3", "1e308", "1e309", "2.5e10", "1714550403", "1714550403000", "1.7145504e12",
                    "0.0", "100.000", "7e0"));
            case 6 -> o.raw(pick(r, "true", "false", "null"));
            case 7 -> o.str(pick(r, "+8613800000001", "\u0001ctl", "a\tb", "\u4e2d\u6587", "\ud83d\ude00smile",
                    "caf\u00e9", "\u2028", "\u00a0", "\u3000", "line\nbreak", "quote\"and\\back"));
            case 8 -> o.str("x".repeat(new int[] {70, 255, 256, 257, 1024, 1025}[r.nextInt(6)]));
            case 9 -> o.raw(pick(r, "\"\\ud800\"", "\"\\udc00x\"", "\"\\u00e9\"", "\"\\n\"", "\"\\/\"",
                    "\"\\u0000\""));
            case 10, 11 -> {
                o.raw("{").ws();
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        o.raw(",").ws();
                    }
                    // now and then the same key twice inside a nested object
                    o.str(i > 0 && r.nextInt(30) == 0 ? "n" + (i - 1) : i == 0 && r.nextInt(8) == 0 ? "icid" : "n" + i)
                            .ws().raw(":").ws();
                    value(o, r, "nested", depth + 1);
                }
                o.ws().raw("}");
            }
            default -> {
                o.raw("[").ws();
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        o.raw(",").ws();
                    }
                    value(o, r, "nested", depth + 1);
                }
                o.ws().raw("]");
            }
        }
    }

    private static String typical(Random r, String field) {
        return switch (field) {
            case "sessionId" -> "1200_1827_" + r.nextInt(1000) + "@callenabler246.huaweicaas.com";
            case "timestamp", "callInTime", "fwdStartTime", "fwdAlertingTime", "fwdAnswerTime", "callEndTime",
                    "failTime", "recordStartTime" -> "2024-05-01 08:0" + r.nextInt(10) + ":" + (10 + r.nextInt(50));
            case "caller", "called", "bindNum", "callerNum", "calleeNum", "fwdDisplayNum", "fwdDstNum" ->
                    "+86138" + (10_000_000 + r.nextInt(89_999_999));
            case "icid" -> "ba4a0f9b" + r.nextInt(100_000);
            case "direction", "fwdUnaswRsn", "ulFailReason", "sipStatusCode", "callOutUnaswRsn", "ttsPlayTimes",
                    "ttsTransDuration", "stateCode" -> Integer.toString(r.nextInt(9000));
            case "recordFlag" -> pick(r, "0", "1", "true", "false");
            default -> pick(r, "simulator-sp", "order-42", "003", "obs.example.com", "a3b4c5d6e7f8", "x");
        };
    }

    /** The fields of one object: a random subset of the known ones, in random order, plus unknown ones. */
    private static void object(Out o, Random r, String[] known, boolean dupes) {
        List<String> names = new ArrayList<>();
        for (String f : known) {
            if (r.nextInt(4) != 0) {
                names.add(f);
            }
        }
        int unknown = r.nextInt(5) == 0 ? 1 + r.nextInt(3) : 0;
        for (int i = 0; i < unknown; i++) {
            String name = pick(r, UNKNOWN);
            if (!names.contains(name)) {
                names.add(r.nextInt(names.size() + 1), name);
            }
        }
        if (dupes && !names.isEmpty() && r.nextInt(3) == 0) {
            names.add(r.nextInt(names.size() + 1), names.get(r.nextInt(names.size())));
        }
        o.raw("{").ws();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                o.raw(",").ws();
            }
            String name = names.get(i);
            o.str(name).ws().raw(":").ws();
            if (r.nextInt(3) == 0) {
                value(o, r, name, 0);
            } else if (name.equals("icid") || name.equals("sessionId") || name.endsWith("Time")
                    || name.equals("timestamp")) {
                o.str(typical(r, name));
            } else if (name.equals("direction") || name.endsWith("Rsn") || name.endsWith("Reason")
                    || name.equals("stateCode") || name.equals("sipStatusCode") || name.startsWith("tts")) {
                o.raw(typical(r, name));
            } else {
                o.str(typical(r, name));
            }
            o.ws();
        }
        o.raw("}");
    }

    private static String body(Random r) {
        Out o = new Out(r);
        boolean dupes = r.nextInt(4) == 0;
        boolean fee = r.nextInt(2) == 0;
        List<String> top = new ArrayList<>();
        top.add("eventType");
        top.add(fee ? "feeLst" : "statusInfo");
        if (r.nextInt(6) == 0) {
            top.add(fee ? "statusInfo" : "feeLst");
        }
        if (r.nextInt(5) == 0) {
            String name = pick(r, UNKNOWN);
            if (!top.contains(name)) {
                top.add(name);
            }
        }
        if (r.nextInt(10) == 0) {
            top.remove(r.nextInt(top.size()));
        }
        if (dupes && r.nextInt(4) == 0) {
            top.add(top.get(r.nextInt(top.size())));
        }
        java.util.Collections.shuffle(top, r);
        if (r.nextInt(20) == 0) {
            o.raw("\uFEFF");
        }
        o.ws().raw("{").ws();
        for (int i = 0; i < top.size(); i++) {
            if (i > 0) {
                o.raw(",").ws();
            }
            String name = top.get(i);
            o.str(name).ws().raw(":").ws();
            switch (name) {
                case "eventType" -> {
                    if (r.nextInt(10) == 0) {
                        value(o, r, name, 0);
                    } else {
                        o.str(fee ? (r.nextInt(10) == 0 ? pick(r, EVENT_TYPES) : "fee") : pick(r, EVENT_TYPES));
                    }
                }
                case "statusInfo" -> {
                    if (r.nextInt(8) == 0) {
                        value(o, r, name, 0);
                    } else {
                        object(o, r, EVENT_FIELDS, dupes);
                    }
                }
                case "feeLst" -> {
                    if (r.nextInt(10) == 0) {
                        value(o, r, name, 0);
                    } else {
                        int n = r.nextInt(8) == 0 ? new int[] {0, 49, 50, 51, 52}[r.nextInt(5)] : 1 + r.nextInt(4);
                        o.raw("[").ws();
                        for (int k = 0; k < n; k++) {
                            if (k > 0) {
                                o.raw(",").ws();
                            }
                            if (r.nextInt(12) == 0) {
                                value(o, r, "element", 0);
                            } else {
                                object(o, r, CDR_FIELDS, dupes);
                            }
                        }
                        o.ws().raw("]");
                    }
                }
                default -> value(o, r, name, 0);
            }
            o.ws();
        }
        o.raw("}").ws();
        return o.b.toString();
    }

    /** Byte-level damage, or a limit probed: the kinds of body a hostile or broken sender produces. */
    private static byte[] mutate(byte[] body, Random r) {
        byte[] b = body.clone();
        switch (r.nextInt(9)) {
            case 0 -> {
                return java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
            }
            case 1 -> {
                for (int i = 0, n = 1 + r.nextInt(3); i < n && b.length > 0; i++) {
                    b[r.nextInt(b.length)] = (byte) "{}[],:\"\\ 0a-.eE+\u0001".charAt(r.nextInt(17));
                }
                return b;
            }
            case 2 -> {
                if (b.length > 0) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return b;
            }
            case 3 -> {
                int at = r.nextInt(b.length + 1);
                int len = Math.min(b.length - at, r.nextInt(40));
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at + len);
                System.arraycopy(b, at, out, at + len, b.length - at);
                return out;
            }
            case 4 -> {
                String s = new String(b, StandardCharsets.UTF_8);
                return (s + pick(r, " x", "{}", "]", ",", " ", "\n", "null")).getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> {
                String s = new String(b, StandardCharsets.UTF_8);
                int at = s.indexOf(':');
                if (at < 0) {
                    return b;
                }
                int depth = 62 + r.nextInt(4);
                String nest = "[".repeat(depth) + "1" + "]".repeat(depth);
                return (s.substring(0, at + 1) + "{\"deep\":" + nest + ",\"d\":" + s.substring(at + 1))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 6 -> {
                String s = new String(b, StandardCharsets.UTF_8);
                int at = s.lastIndexOf('}');
                if (at < 1) {
                    return b;
                }
                String big = r.nextBoolean() ? "\"" + "s".repeat(256 * 1024 + r.nextInt(3) - 1) + "\""
                        : "1".repeat(63 + r.nextInt(3));
                String key = r.nextInt(4) == 0 ? "k".repeat(1023 + r.nextInt(3)) : "big";
                return (s.substring(0, at) + ",\"" + key + "\":" + big + s.substring(at))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 7 -> {
                // the same key twice, somewhere inside
                String s = new String(b, StandardCharsets.UTF_8);
                int at = s.indexOf("{", 1 + r.nextInt(Math.max(1, s.length() - 1)));
                if (at < 0) {
                    return b;
                }
                return (s.substring(0, at + 1) + "\"d\":1,\"d\":" + pick(r, "2", "{\"x\":1}", "[1]", "\"x\"", "null")
                        + "," + s.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                return new byte[] {(byte) 0xC0, (byte) 0x80};
            }
        }
    }

    private String outcome(Object parser, byte[] body, boolean asText) {
        try {
            ParsedPush push;
            if (asText) {
                String text = new String(body, StandardCharsets.UTF_8);
                push = parser instanceof PushParser ? ((PushParser) parser).parse(text)
                        : ((LegacyPushParser) parser).parse(text);
            } else {
                push = parser instanceof PushParser ? ((PushParser) parser).parse(body, body.length)
                        : ((LegacyPushParser) parser).parse(body, body.length);
            }
            return describe(push);
        } catch (PushRejectedException e) {
            return "refused " + e.status() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return "threw " + e;
        }
    }

    private static String describe(ParsedPush push) {
        if (push instanceof ParsedPush.EventPush ev) {
            return "event " + ev.event() + " raw=" + ev.event().rawJson() + " key=" + ev.event().deduplicationKey()
                    + " hash=" + ev.event().hashCode() + " unreadable=" + ev.unreadableFields() + " userData="
                    + ev.event().userData();
        }
        ParsedPush.CdrPush cdrs = (ParsedPush.CdrPush) push;
        StringBuilder b = new StringBuilder("cdrs");
        for (var r : cdrs.records()) {
            b.append("\n  ").append(r).append(" raw=").append(r.rawJson()).append(" hash=").append(r.hashCode());
        }
        return b.append("\n unreadable=").append(cdrs.unreadableFields()).append(" refused=")
                .append(cdrs.refusedRecords()).toString();
    }

    private void compare(byte[] body, String what) {
        for (boolean asText : new boolean[] {false, true}) {
            if (asText && new String(body, StandardCharsets.UTF_8).indexOf('\uFFFD') >= 0) {
                continue; // not text
            }
            String want = outcome(legacy, body, asText);
            String got = outcome(streaming, body, asText);
            if (!want.equals(got)) {
                fail(what + (asText ? " (as text)" : "") + "\nbody: " + new String(body, StandardCharsets.UTF_8)
                        + "\nlegacy:    " + want + "\nstreaming: " + got);
            }
            String kind = want.startsWith("refused") ? want.substring(0, Math.min(want.length(), 50))
                    : want.split("\\s", 2)[0];
            outcomes.computeIfAbsent(kind.replaceAll("[0-9]+", "#"), x -> new int[1])[0]++;
        }
    }

    @Test
    void readsEveryGeneratedBodyAsTheTreeBasedReadingDid() {
        Random r = new Random(20261203);
        for (int i = 0; i < 12_000; i++) {
            String body = body(r);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            compare(bytes, "body " + i);
            if (r.nextInt(2) == 0) {
                compare(mutate(bytes, r), "mutation of body " + i);
            }
        }
        // both outcomes occur in numbers: pushes read and pushes refused for each reason
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v[0]));
        int read = counts.getOrDefault("event", 0) + counts.getOrDefault("cdrs", 0);
        assertTrue(read > 5_000, counts.toString());
        assertTrue(counts.getOrDefault("cdrs", 0) > 2_000, counts.toString());
        String outcomes = counts.toString();
        for (String reason : new String[] {"duplicate key", "not valid JSON", "exceeds a limit", "has no icid",
            "not valid UTF", "must be a JSON object", "at most", "eventType is missing"}) {
            assertTrue(counts.keySet().stream().anyMatch(k -> k.contains(reason)), reason + " in " + outcomes);
        }
        System.out.println("differential outcomes: " + outcomes);
    }

    @Test
    void duplicateKeysAreReportedWhereTheTreeFoundThem() {
        String[] bodies = {
            "{\"eventType\":\"answer\",\"statusInfo\":{\"sessionId\":\"a\",\"sessionId\":\"b\"}}",
            "{\"eventType\":\"answer\",\"statusInfo\":{\"sessionId\":\"a\",\"sessionId\":{\"x\":1,\"x\":2}}}",
            "{\"eventType\":\"answer\",\"statusInfo\":{\"sessionId\":\"a\",\n\"sessionId\" : [1,\n2]  }}",
            "{\"eventType\":\"answer\",\"statusInfo\":{\"x\":{\"q\":1,\"q\":2}}}",
            "{\"eventType\":\"answer\",\"statusInfo\":{\"a'b\":1,\"a'b\":2}}",
            "{\"eventType\":\"answer\",\"statusInfo\":{\"sessionId\":\"a\",\"sessionId\":\"b\\q\"}}",
            "{\"eventType\":\"answer\",\"statusInfo\":{\"stateCode\":1,\"stateCode\":1e999999}}",
            "{\"eventType\":\"answer\",\"statusInfo\":{\"" + "k".repeat(80) + "\":1,\"" + "k".repeat(80) + "\":2}}",
            "{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"1\",\"icid\":\"2\"},{\"icid\":\"3\",\"icid\":\"4\"}]}",
            "{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"1\"},[{\"a\":1,\"a\":1}]]}",
            "{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"\u4e2d\",\"extra\":1,\"extra\":[2,]}]}",
            "{\"eventType\":\"answer\",\"eventType\":\"x\"}",
        };
        for (String b : bodies) {
            compare(b.getBytes(StandardCharsets.UTF_8), b);
        }
        assertEquals(bodies.length * 2, outcomes.values().stream().mapToInt(c -> c[0]).sum());
    }
}
