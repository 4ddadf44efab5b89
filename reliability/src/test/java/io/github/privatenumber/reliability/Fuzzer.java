package io.github.privatenumber.reliability;

import io.github.privatenumber.core.AppCredentials;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates hostile pushes for {@link HostilePushFuzzTest}: each {@link Case} is one request (method, headers, body,
 * how the body is handed over) with the statuses it may get and what it may do to the sink. Valid pushes are mixed
 * in, and pushes that were accepted come back later as re-pushes (fresh signature: acknowledged, not delivered again)
 * and as replays (same signature: 401). Deterministic for a given {@link Random}. Not thread-safe.
 */
final class Fuzzer {

    /** How the body reaches the receiver. */
    enum BodyMode {
        /** {@code handle(method, headers, byte[])} */
        BYTES,
        /** {@code handle(method, headers, InputStream)}, the whole body at once */
        STREAM,
        /** an {@code InputStream} that hands out 1-7 bytes per read */
        TRICKLE,
        /** an {@code InputStream} that throws an {@code IOException} part-way */
        FAILING
    }

    /** One generated request and what may come of it. */
    static final class Case {
        String category;
        String method = "POST";
        Map<String, List<String>> headers;
        byte[] body;
        Set<Integer> allowed;
        /** records it carries: once it is answered 200 each must have been accepted exactly once */
        List<String> keys = List.of();
        /** a valid push: must end with 200 (after re-pushes when the sink failed) */
        boolean mustDeliver;
        /** the sink must not receive anything because of it */
        boolean mustNotReachSink;
        /**
         * a fee push with some unusable records among good ones: answered 400 (after re-pushes when the sink failed),
         * and each of {@link #keys} (the good records) accepted exactly once
         */
        boolean partial;
        BodyMode mode = BodyMode.BYTES;
        /** over HTTP: the path to post to ({@code null}: the endpoint's) */
        String path;
        /** over HTTP: Content-Length to declare instead of the real one; "" for none */
        String declaredLength;
        /** over HTTP: send the body chunked; broken on purpose when {@link #brokenChunks} */
        boolean chunked;
        boolean brokenChunks;
        /** over HTTP: a request the JDK server itself may refuse or drop (malformed at the HTTP level) */
        boolean httpLevel;
        /** not sendable over HTTP (a method token or header bytes a socket request cannot carry as such) */
        boolean directOnly;

        Case(String category) {
            this.category = category;
        }
    }

    private static final Set<Integer> OK = Set.of(200);
    private static final Set<Integer> BAD = Set.of(400);
    private static final Set<Integer> UNAUTHORIZED = Set.of(401);
    private static final Set<Integer> OK_OR_BAD = Set.of(200, 400);

    private final Random rnd;
    private final AppCredentials app;
    private final AppCredentials other;
    private final PushFactory valid;
    private final PushFactory hostile;
    private final PushFactory mutant;
    private final List<String> numbers;
    /** bodies of valid pushes that were acknowledged, for re-pushes */
    private final List<byte[]> acknowledged = new ArrayList<>();
    /** headers and body of accepted requests, for replays */
    private final List<Object[]> accepted = new ArrayList<>();
    private long bigIcid = 9_000_000_000_000L;
    private long uniq;

    Fuzzer(Random rnd, AppCredentials app, AppCredentials other, List<String> numbers) {
        this.rnd = rnd;
        this.app = app;
        this.other = other;
        this.numbers = numbers;
        this.valid = new PushFactory(rnd, "v", numbers);
        this.hostile = new PushFactory(rnd, "h", numbers);
        // byte mutations can merge a number into an id (icid, sessionId), which records and logs show as received
        // by design: the mutated bodies carry decoy numbers, never registered ones
        List<String> decoys = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            decoys.add("+8619999" + PushFactory.digits(rnd, 6));
        }
        this.mutant = new PushFactory(rnd, "m", decoys);
    }

    /** Tells the generator a request was answered 200, so it can come back as a re-push or a replay. */
    void acknowledged(Case c) {
        if (c.mustDeliver && acknowledged.size() < 2000) {
            acknowledged.add(c.body);
        }
        if (accepted.size() < 2000) {
            accepted.add(new Object[] {c.headers, c.body});
        }
    }

    /** Weighted categories; the weights sum to 100. */
    Case next() {
        int roll = rnd.nextInt(100);
        int[] weights = {14, 4, 3, 8, 5, 10, 2, 6, 5, 13, 3, 2, 7, 14, 2, 2};
        int k = 0;
        for (int w : weights) {
            if (roll < w) {
                break;
            }
            roll -= w;
            k++;
        }
        return switch (k) {
            case 0 -> valid();
            case 1 -> rePush();
            case 2 -> replay();
            case 3 -> truncated();
            case 4 -> deep();
            case 5 -> wrongType();
            case 6 -> huge();
            case 7 -> badUtf8();
            case 8 -> duplicateKeys();
            case 9 -> headers();
            case 10 -> contentLength();
            case 11 -> method();
            case 12 -> randomJson();
            case 13 -> mutated();
            case 14 -> escapes();
            default -> numbers();
        };
    }

    /** HTTP-only shapes: chunked bodies, lying lengths, wrong paths, 100-continue, oversized headers. */
    Case nextHttpOnly() {
        PushFactory.Push p = hostile.cdrs(1 + rnd.nextInt(3), false);
        Case c = signed("http-level", p.bytes());
        c.keys = p.keys();
        switch (rnd.nextInt(7)) {
            case 0 -> {
                c.chunked = true;
                c.allowed = OK;
                c.mustDeliver = true;
            }
            case 1 -> {
                c.chunked = true;
                c.brokenChunks = true;
                c.allowed = BAD;
                c.httpLevel = true;
                c.mustNotReachSink = true;
            }
            case 2 -> {
                c.path = pick("/", "/privatenumber", "/privatenumber/events/", "/privatenumber/events//",
                        "/privatenumber/events/../x", "/fee");
                if (c.path.equals("/privatenumber/events/")) {
                    // a trailing slash is the same path (a console URL may carry one)
                    c.allowed = OK;
                    c.mustDeliver = true;
                } else {
                    c.allowed = Set.of(404);
                    c.mustNotReachSink = true;
                }
            }
            case 3 -> {
                // declares more than it sends, then half-closes: the body ends early
                c.declaredLength = String.valueOf(c.body.length + 1 + rnd.nextInt(1000));
                c.allowed = BAD;
                c.mustNotReachSink = true;
            }
            case 4 -> {
                // declares less than it sends: the JSON is cut
                c.declaredLength = String.valueOf(rnd.nextInt(c.body.length));
                c.allowed = BAD;
                c.mustNotReachSink = true;
            }
            case 5 -> {
                c.headers.put("Expect", new ArrayList<>(List.of("100-continue")));
                c.allowed = OK;
                c.mustDeliver = true;
            }
            default -> {
                c.headers.put("X-Padding", new ArrayList<>(List.of("p".repeat(8 * 1024 + rnd.nextInt(64 * 1024)))));
                c.allowed = Set.of(200, 400, 413, 431);
                c.httpLevel = true;
                c.mustDeliver = false;
            }
        }
        return c;
    }

    // ------------------------------------------------------------------ categories

    private Case valid() {
        boolean event = rnd.nextInt(3) == 0;
        PushFactory.Push p = event ? valid.event()
                : valid.cdrs(rnd.nextInt(20) == 0 ? 50 : 1 + rnd.nextInt(5), rnd.nextInt(12) == 0);
        Case c = signed("valid", p.bytes());
        legalHeaderVariant(c);
        c.keys = p.keys();
        c.allowed = OK;
        c.mustDeliver = true;
        c.mode = pick(BodyMode.BYTES, BodyMode.BYTES, BodyMode.STREAM, BodyMode.TRICKLE);
        return c;
    }

    private Case rePush() {
        if (acknowledged.isEmpty()) {
            return valid();
        }
        byte[] body = acknowledged.get(rnd.nextInt(acknowledged.size()));
        Case c = signed("re-push of an acknowledged push", body);
        c.allowed = OK;
        c.mustNotReachSink = true;
        return c;
    }

    private Case replay() {
        if (accepted.isEmpty()) {
            return valid();
        }
        Object[] old = accepted.get(rnd.nextInt(accepted.size()));
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = copy((Map<String, List<String>>) old[0]);
        byte[] body = rnd.nextBoolean() ? (byte[]) old[1] : hostile.cdrs(1, false).bytes();
        Case c = new Case("replayed signature");
        c.headers = headers;
        c.body = body;
        c.allowed = UNAUTHORIZED;
        c.mustNotReachSink = true;
        return c;
    }

    private Case truncated() {
        PushFactory.Push p = rnd.nextBoolean() ? hostile.cdrs(1 + rnd.nextInt(4), false) : hostile.event();
        byte[] full = p.bytes();
        byte[] cut = new byte[rnd.nextInt(full.length)];
        System.arraycopy(full, 0, cut, 0, cut.length);
        Case c = signed("truncated JSON", cut);
        c.allowed = BAD;
        c.mustNotReachSink = true;
        c.mode = pick(BodyMode.BYTES, BodyMode.STREAM, BodyMode.TRICKLE);
        return c;
    }

    private Case deep() {
        int[] depths = {5, 30, 59, 60, 61, 62, 63, 64, 65, 66, 100, 1_000, 10_000, 100_000};
        int d = depths[rnd.nextInt(depths.length)];
        boolean arrays = rnd.nextBoolean();
        boolean unterminated = d >= 1000 && rnd.nextBoolean();
        String nested = nested(d, arrays, unterminated);
        int where = rnd.nextInt(3);
        PushFactory.Push p;
        int outer;
        if (where == 0) {
            p = hostile.cdrs(1, false);
            first(p).put("deep", new Json.Raw(nested));
            outer = 3; // object, feeLst array, record object
        } else if (where == 1) {
            p = hostile.cdrs(1, false);
            p.tree().put("deep", new Json.Raw(nested));
            outer = 1;
        } else {
            p = hostile.event();
            statusInfo(p).put("deep", new Json.Raw(nested));
            outer = 2;
        }
        Case c = signed("deeply nested JSON (depth " + (d <= 66 ? "<= 66" : "> 66") + ")", p.bytes());
        c.keys = p.keys();
        if (!unterminated && outer + d <= 64) {
            c.allowed = OK;
            c.mustDeliver = true;
        } else {
            c.allowed = BAD;
            c.mustNotReachSink = true;
        }
        c.mode = pick(BodyMode.BYTES, BodyMode.STREAM);
        return c;
    }

    private static String nested(int depth, boolean arrays, boolean unterminated) {
        StringBuilder sb = new StringBuilder(depth * (arrays ? 2 : 7));
        for (int i = 0; i < depth; i++) {
            sb.append(arrays ? "[" : "{\"a\":");
        }
        sb.append('1');
        if (!unterminated) {
            for (int i = 0; i < depth; i++) {
                sb.append(arrays ? ']' : '}');
            }
        }
        return sb.toString();
    }

    private Case wrongType() {
        int variant = rnd.nextInt(7);
        if (variant == 0) {
            PushFactory.Push p = rnd.nextBoolean() ? hostile.cdrs(1, false) : hostile.event();
            Object bad = pick(123, true, null, List.of(), Map.of(), "", "x".repeat(65), "呼入", "\u0001call", " ",
                    "call in", REMOVE);
            set(p.tree(), "eventType", bad);
            return refused("wrong type: eventType", p);
        }
        if (variant == 1) {
            PushFactory.Push p = hostile.cdrs(1, false);
            List<Object> tooMany = new ArrayList<>();
            for (int i = 0; i < 51; i++) {
                tooMany.add(hostile.cdr(hostile.nextId("c")));
            }
            Object bad = pick(REMOVE, null, Map.of(), "x", 5, List.of(), tooMany, List.of(1), List.of(List.of()),
                    Collections.singletonList(null), List.of("icid"));
            set(p.tree(), "feeLst", bad);
            return refused("wrong type: feeLst", p);
        }
        if (variant == 2) {
            PushFactory.Push p = hostile.cdrs(1 + rnd.nextInt(3), false);
            Object bad = pick(REMOVE, null, Map.of(), List.of(), true, new Json.Raw("1.5"), new Json.Raw("1e3"), "",
                    "   ", "i".repeat(257), "a\u0007b", "a\nb", "\u0000");
            set(last(p), "icid", bad);
            if (p.keys().size() == 1) {
                return refused("wrong type: icid", p);
            }
            // the other records are good: they are delivered, the push is still answered 400
            Case c = signed("wrong type: icid among good records", p.bytes());
            c.allowed = BAD;
            c.partial = true;
            c.keys = p.keys().subList(0, p.keys().size() - 1);
            c.mode = pick(BodyMode.BYTES, BodyMode.STREAM, BodyMode.TRICKLE);
            return c;
        }
        if (variant == 3) {
            PushFactory.Push p = hostile.event();
            while (p.tree().get("eventType").equals("xNumberStatus")) {
                p = hostile.event();
            }
            set(p.tree(), "statusInfo", pick(REMOVE, null, List.of(), "x", 5, true));
            return refused("wrong type: statusInfo of a documented event", p);
        }
        if (variant == 4) {
            // lenient values: the record is still delivered, the field reads as absent
            PushFactory.Push p = hostile.cdrs(1 + rnd.nextInt(3), false);
            Map<String, Object> r = first(p);
            String field = pick("direction", "callInTime", "fwdAnswerTime", "callerNum", "calleeNum", "recordFlag",
                    "ulFailReason", "userData", "sessionId", "ttsPlayTimes", "fwdUnaswRsn", "recordFileDownloadUrl",
                    "subscriptionId", "hostName", "bindNum");
            r.put(field, pick("abc", List.of(), Map.of("x", 1), new Json.Raw("1.5"), true, new Json.Raw("99999999999"),
                    "2024-13-45 25:61:61", new Json.Raw("-5"), "x".repeat(65), "a\u0001b", "soon", "u".repeat(1025),
                    new Json.Raw("2147483648")));
            Case c = signed("wrong type: a value the receiver reads leniently", p.bytes());
            c.keys = p.keys();
            c.allowed = OK;
            c.mustDeliver = true;
            return c;
        }
        if (variant == 5) {
            // an integer icid is read as its text
            PushFactory.Push p = hostile.cdrs(1, false);
            long icid = ++bigIcid;
            first(p).put("icid", icid);
            Case c = signed("wrong type: integer icid", p.bytes());
            c.keys = List.of("cdr:" + icid);
            c.allowed = OK;
            c.mustDeliver = true;
            return c;
        }
        // an undocumented event type: kept whatever its statusInfo
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("eventType", pick("xNumberStatus", "futureEvent", "FEE", "Fee"));
        Object info = pick(REMOVE, List.of(1, 2), "text", Map.of("sessionId", "u-" + (++uniq) + "-" + rnd.nextLong()));
        if (info != REMOVE) {
            tree.put("statusInfo", info);
        }
        tree.put("unique", "u" + (++uniq) + "-" + rnd.nextLong());
        Case c = signed("wrong type: undocumented event", Json.write(tree).getBytes(StandardCharsets.UTF_8));
        c.allowed = OK;
        return c;
    }

    private Case huge() {
        PushFactory.Push p = hostile.cdrs(1, false);
        int variant = rnd.nextInt(9);
        Case c;
        switch (variant) {
            case 0 -> {
                first(p).put("userData", "u".repeat(256 * 1024 + 1 + rnd.nextInt(100 * 1024)));
                c = refused("huge string (over 256 KiB)", p);
            }
            case 1 -> {
                first(p).put("userData", "u".repeat(200 * 1024));
                c = accepted("huge string (200 KiB)", p);
            }
            case 2 -> {
                first(p).put("k".repeat(1025 + rnd.nextInt(3000)), 1);
                c = refused("huge key (over 1024 chars)", p);
            }
            case 3 -> {
                first(p).put("k".repeat(1000), 1);
                c = accepted("long key (1000 chars)", p);
            }
            case 4 -> {
                first(p).put("n", new Json.Raw("1" + "0".repeat(64 + rnd.nextInt(200))));
                c = refused("huge number (over 64 digits)", p);
            }
            case 5 -> {
                Map<String, Object> r = first(p);
                for (int i = 0; i < 20_000; i++) {
                    r.put("f" + i, i);
                }
                c = accepted("20,000 fields", p);
            }
            case 6 -> {
                byte[] exact = pad(p.bytes(), 1024 * 1024);
                c = signed("body of exactly 1 MiB", exact);
                c.keys = p.keys();
                c.allowed = OK;
                c.mustDeliver = true;
            }
            case 7 -> {
                c = signed("oversize body", pad(p.bytes(), 1024 * 1024 + 1 + rnd.nextInt(2 * 1024 * 1024)));
                c.allowed = Set.of(413);
                c.mustNotReachSink = true;
            }
            default -> {
                c = signed("oversize body, declared only", p.bytes());
                c.headers.put("Content-Length", new ArrayList<>(List.of(String.valueOf(1024 * 1024 + 1 + rnd.nextInt(1 << 30)))));
                c.allowed = Set.of(413);
                c.mustNotReachSink = true;
                c.directOnly = true; // over HTTP this is the lying-length case
            }
        }
        c.mode = pick(BodyMode.BYTES, BodyMode.STREAM);
        return c;
    }

    /** Inserts spaces after the opening brace until the body has exactly {@code size} bytes. */
    private static byte[] pad(byte[] json, int size) {
        byte[] out = new byte[size];
        out[0] = json[0];
        int spaces = size - json.length;
        java.util.Arrays.fill(out, 1, 1 + spaces, (byte) ' ');
        System.arraycopy(json, 1, out, 1 + spaces, json.length - 1);
        return out;
    }

    private static final byte[][] BAD_UTF8 = {
        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xE4, (byte) 0xB8},
        {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xFE}, {(byte) 0xFF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82},
    };

    private Case badUtf8() {
        int variant = rnd.nextInt(6);
        PushFactory.Push p = rnd.nextBoolean() ? hostile.cdrs(1 + rnd.nextInt(2), false) : hostile.event();
        if (variant == 4) {
            // a UTF-8 byte order mark is tolerated
            byte[] b = p.bytes();
            byte[] withBom = new byte[b.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(b, 0, withBom, 3, b.length);
            Case c = signed("UTF-8 byte order mark", withBom);
            c.keys = p.keys();
            c.allowed = OK;
            c.mustDeliver = true;
            return c;
        }
        if (variant == 5) {
            byte[] utf16 = p.json().getBytes(StandardCharsets.UTF_16);
            return refusedBytes("UTF-16 body", utf16);
        }
        byte[] seq = BAD_UTF8[rnd.nextInt(BAD_UTF8.length)];
        String marker = "\u0001MARK\u0001";
        if (variant <= 2) {
            // inside a string value
            if (p.kind().equals("fee")) {
                first(p).put("userData", "ab" + marker + "cd");
            } else {
                statusInfo(p).put("userData", "ab" + marker + "cd");
            }
        } else {
            // between tokens
            p.tree().put("z", new Json.Raw("1 " + marker));
        }
        byte[] text = p.json().replace("\\u0001MARK\\u0001", "\u0001MARK\u0001").getBytes(StandardCharsets.UTF_8);
        byte[] body = replace(text, "\u0001MARK\u0001".getBytes(StandardCharsets.UTF_8), seq);
        return refusedBytes("invalid UTF-8", body);
    }

    private Case duplicateKeys() {
        int variant = rnd.nextInt(7);
        PushFactory.Push p;
        switch (variant) {
            case 0 -> {
                p = hostile.cdrs(1, false);
                p.tree().put("eventType", new Json.Raw("\"fee\",\"eventType\":" + pick("\"fee\"", "\"callin\"")));
            }
            case 1 -> {
                p = hostile.cdrs(1, false);
                p.tree().put("feeLst2", 1);
                String json = p.json().replace("\"feeLst2\":1", "\"feeLst\":[]");
                return refusedBytes("duplicate key", json.getBytes(StandardCharsets.UTF_8));
            }
            case 2 -> {
                p = hostile.cdrs(1 + rnd.nextInt(3), false);
                last(p).put("icid", new Json.Raw("\"dup-a\",\"icid\":\"dup-b-" + (++uniq) + "\""));
            }
            case 3 -> {
                p = hostile.cdrs(1, false);
                first(p).put("callerNum", new Json.Raw(Json.quote(number()) + ",\"callerNum\":" + Json.quote(number())));
            }
            case 4 -> {
                p = hostile.event();
                statusInfo(p).put("sessionId", new Json.Raw("\"s1\",\"sessionId\":\"s2\""));
            }
            case 5 -> {
                // deep inside a field nobody reads
                p = hostile.cdrs(1, false);
                first(p).put("extra", new Json.Raw("{\"a\":{\"b\":[{\"c\":1,\"c\":2}]}}"));
            }
            default -> {
                // the duplicate key is a phone number: the error message must not echo it in clear
                p = hostile.cdrs(1, false);
                String n = numbers.get(rnd.nextInt(numbers.size()));
                String key = pick(n, n.substring(3), n.substring(0, 6) + " " + n.substring(6), n.substring(3, 6) + "-"
                        + n.substring(6));
                first(p).put("extra", new Json.Raw("{" + Json.quote(key) + ":1," + Json.quote(key) + ":2}"));
            }
        }
        return refused("duplicate key", p);
    }

    private Case headers() {
        PushFactory.Push p = hostile.cdrs(1 + rnd.nextInt(2), false);
        byte[] body = p.bytes();
        String nonce = Signatures.nonce(rnd);
        String created = Signatures.created(Instant.now());
        String digest = Signatures.aksk(app.appSecret(), nonce, created);
        List<String[]> attrs = Signatures.attributes(app.appKey(), digest, nonce, created);
        String auth = Signatures.AKSK_AUTHORIZATION;
        String tokenName = "X-AKSK";
        String label;
        boolean legal = false;
        boolean directOnly = false;
        int variant = rnd.nextInt(30);
        switch (variant) {
            case 0 -> {
                auth = null;
                label = "Authorization missing";
            }
            case 1 -> {
                tokenName = null;
                label = "X-AKSK missing";
            }
            case 2 -> {
                auth = null;
                tokenName = null;
                label = "no signature headers";
            }
            case 3 -> {
                auth = pick("", "AKSK", "Basic dXNlcjpwYXNz", "AKSK realm=\"SDP\"", "Bearer x",
                        "AKSK realm=\"XYZ\",profile=\"UsernameToken\",type=\"Appkey\"",
                        "AKSK realm=\"SDP\",profile=\"Token\",type=\"Appkey\"", "A".repeat(10_000));
                label = "Authorization forged";
            }
            case 4 -> {
                auth = pick("AKSK realm=\"SDP\"，profile=\"UsernameToken\"，type=\"Appkey\"", "AKSK realm=\"SDP\u0000\"");
                label = "Authorization with non-ASCII or NUL";
                directOnly = true;
            }
            case 5 -> {
                attrs.get(1)[1] = flip(digest);
                label = "digest tampered";
            }
            case 6 -> {
                attrs.get(1)[1] = Signatures.aksk(other.appSecret(), nonce, created);
                label = "digest made with another secret";
            }
            case 7 -> {
                attrs.get(1)[1] = pick("", "!!!", "AAAA", "QUJD", digest.substring(0, 40), digest + "AAAA",
                        "x".repeat(5000), digest.toLowerCase(Locale.ROOT));
                label = "digest malformed";
            }
            case 8 -> {
                attrs.get(0)[1] = pick(other.appKey(), "", app.appKey().toUpperCase(Locale.ROOT), app.appKey() + " ",
                        "nobody", "k".repeat(300));
                label = "unknown Username";
            }
            case 9 -> {
                String[] signedByOther = {other.appKey(), Signatures.aksk(other.appSecret(), nonce, created)};
                attrs.get(0)[1] = signedByOther[0];
                attrs.get(1)[1] = signedByOther[1];
                label = "another app's valid signature";
            }
            case 10 -> {
                attrs.remove(rnd.nextInt(4));
                label = "attribute missing";
            }
            case 11 -> {
                int i = rnd.nextInt(4);
                attrs.add(new String[] {attrs.get(i)[0], i == 0 ? other.appKey() : attrs.get(i)[1] + "x"});
                if (rnd.nextBoolean()) {
                    Collections.reverse(attrs);
                }
                label = "attribute twice";
            }
            case 12 -> {
                String stale = Signatures.created(Instant.now().minusSeconds(301 + rnd.nextInt(86_400)));
                attrs.get(3)[1] = stale;
                attrs.get(1)[1] = Signatures.aksk(app.appSecret(), nonce, stale);
                label = "stale Created";
            }
            case 13 -> {
                String future = Signatures.created(Instant.now().plusSeconds(301 + rnd.nextInt(86_400)));
                attrs.get(3)[1] = future;
                attrs.get(1)[1] = Signatures.aksk(app.appSecret(), nonce, future);
                label = "Created in the future";
            }
            case 14 -> {
                String odd = pick(created.replace('T', ' ').replace("Z", ""), created.replace("Z", ".123Z"),
                        created.replace("Z", ""), created.replace("Z", "+08:00"), "10000-01-01T00:00:00Z", "",
                        "2024-02-30T10:00:00Z", "yesterday", String.valueOf(Instant.now().getEpochSecond()));
                attrs.get(3)[1] = odd;
                attrs.get(1)[1] = Signatures.aksk(app.appSecret(), nonce, odd);
                label = "Created malformed";
            }
            case 15 -> {
                String bad = pick("", "n".repeat(129), "abc-def", "abc def", "abc_def", "ñ12", "a\"b");
                attrs.get(2)[1] = bad;
                attrs.get(1)[1] = Signatures.aksk(app.appSecret(), bad, created);
                label = "Nonce malformed";
            }
            case 16 -> {
                String token = Signatures.token(attrs, ",");
                Map<String, List<String>> h = Signatures.headers(auth, "X-AKSK", token);
                h.get("X-AKSK").add(Signatures.token(Signatures.attributes(app.appKey(),
                        Signatures.aksk(app.appSecret(), nonce + "1", created), nonce + "1", created), ","));
                return headerCase("X-AKSK twice with different values", h, p, false, false);
            }
            case 17 -> {
                Map<String, List<String>> h = Signatures.freshWsse(app, rnd);
                return headerCase("WSSE while WSSE is off", h, p, false, false);
            }
            case 18 -> {
                String t = Signatures.token(attrs, ",");
                t = pick(t.replace("\"", ""), t.replace("UsernameToken ", ""), t.replace("UsernameToken", "Token"),
                        t + ",", t.replace(",", ";"), t.substring(0, t.length() - 1), t + "\"");
                return headerCase("X-AKSK syntax broken", Signatures.headers(auth, "X-AKSK", t), p, false, false);
            }
            case 19 -> {
                String injected = app.appKey() + "\",PasswordDigest=\"" + digest;
                attrs.get(0)[1] = injected;
                label = "Username with an injected attribute";
            }
            case 20 -> {
                tokenName = pick("X-AKSK ", "X_AKSK", "X-AKSK2", "AKSK");
                label = "token under the wrong header name";
                directOnly = tokenName.endsWith(" ");
            }
            case 21 -> {
                attrs.get(1)[1] = Signatures.wsse(app.appSecret(), nonce, created);
                label = "WSSE digest in an AKSK token";
            }
            case 22 -> {
                String t = Signatures.token(attrs, ",") + "\u0000";
                return headerCase("X-AKSK with NUL", Signatures.headers(auth, "X-AKSK", t), p, false, true);
            }
            // legal variants: must be accepted and delivered
            case 23 -> {
                label = "spaces after commas (legal)";
                return headerCase(label, Signatures.headers(auth, "X-AKSK", Signatures.token(attrs, ", ")), p, true,
                        false);
            }
            case 24 -> {
                Collections.shuffle(attrs, rnd);
                return headerCase("attributes in another order (legal)",
                        Signatures.headers(auth, "X-AKSK", Signatures.token(attrs, ",")), p, true, false);
            }
            case 25 -> {
                Map<String, List<String>> h = new LinkedHashMap<>();
                h.put("authorization", new ArrayList<>(List.of(auth)));
                h.put(pick("x-aksk", "X-Aksk", "X-AKSK"), new ArrayList<>(List.of(Signatures.token(attrs, ","))));
                return headerCase("header names in other cases (legal)", h, p, true, false);
            }
            case 26 -> {
                Map<String, List<String>> h = Signatures.headers(auth, "X-AKSK", Signatures.token(attrs, ","));
                h.get("X-AKSK").add(h.get("X-AKSK").get(0));
                return headerCase("X-AKSK twice with the same value (legal)", h, p, true, false);
            }
            case 27 -> {
                Map<String, List<String>> h = Signatures.headers(auth, "X-AKSK", Signatures.token(attrs, ","));
                h.put("X-WSSE", new ArrayList<>(List.of("garbage")));
                return headerCase("valid AKSK plus a stray X-WSSE", h, p, true, false);
            }
            case 28 -> {
                // the platform's Created at the edge of the window is fine
                String edge = Signatures.created(Instant.now().minusSeconds(240));
                attrs.get(3)[1] = edge;
                attrs.get(1)[1] = Signatures.aksk(app.appSecret(), nonce, edge);
                return headerCase("Created 4 minutes old (legal)",
                        Signatures.headers(auth, "X-AKSK", Signatures.token(attrs, ",")), p, true, false);
            }
            default -> {
                String big = "x".repeat(100_000);
                attrs.add(new String[] {"Extra", big});
                label = "100 KB attribute";
            }
        }
        Map<String, List<String>> h = Signatures.headers(auth, tokenName, Signatures.token(attrs, ","));
        return headerCase(label, h, p, legal, directOnly);
    }

    private Case headerCase(String label, Map<String, List<String>> h, PushFactory.Push p, boolean legal,
            boolean directOnly) {
        Case c = new Case("signature: " + label);
        c.headers = h;
        c.body = p.bytes();
        c.keys = p.keys();
        c.directOnly = directOnly;
        if (legal) {
            c.allowed = OK;
            c.mustDeliver = true;
        } else {
            c.allowed = UNAUTHORIZED;
            c.mustNotReachSink = true;
        }
        return c;
    }

    private Case contentLength() {
        PushFactory.Push p = hostile.cdrs(1, false);
        Case c = signed("Content-Length", p.bytes());
        c.keys = p.keys();
        c.directOnly = true;
        int variant = rnd.nextInt(4);
        if (variant == 0) {
            c.headers.put("Content-Length", new ArrayList<>(List.of(pick("abc", "-1", "1.5", "0x10", "9999999999999999999",
                    "12 34", "+5", "1e3"))));
            c.allowed = BAD;
            c.mustNotReachSink = true;
        } else if (variant == 1) {
            c.headers.put("Content-Length", new ArrayList<>(List.of(String.valueOf(c.body.length), "7")));
            c.allowed = BAD;
            c.mustNotReachSink = true;
        } else if (variant == 2) {
            c.headers.put("Content-Length", new ArrayList<>(List.of(" " + c.body.length + " ")));
            c.allowed = OK;
            c.mustDeliver = true;
        } else {
            // a declared length that does not match: only sizes the first buffer
            c.headers.put("Content-Length", new ArrayList<>(List.of(String.valueOf(rnd.nextInt(100_000)))));
            c.allowed = OK;
            c.mustDeliver = true;
            c.mode = pick(BodyMode.BYTES, BodyMode.STREAM, BodyMode.TRICKLE);
        }
        if (variant >= 2) {
            c.category = "Content-Length (legal)";
        }
        return c;
    }

    private Case method() {
        PushFactory.Push p = hostile.cdrs(1, false);
        Case c = signed("method other than POST", p.bytes());
        c.method = pick("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "post", "Post", "", "POST ", "TRACE");
        c.directOnly = c.method.isEmpty() || c.method.endsWith(" ") || c.method.equals("TRACE");
        c.allowed = Set.of(405);
        c.mustNotReachSink = true;
        return c;
    }

    private Case randomJson() {
        Object v;
        if (rnd.nextInt(3) > 0) {
            Map<String, Object> top = new LinkedHashMap<>();
            top.put("eventType", pick("fee", "callin", "disconnect", "answer", "other", randomValue(2)));
            int n = rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                top.put(pick("feeLst", "statusInfo", "x", "eventType2"), randomValue(4));
            }
            v = top;
        } else {
            v = randomValue(5);
        }
        Case c = signed("random JSON", Json.write(v).getBytes(StandardCharsets.UTF_8));
        c.allowed = OK_OR_BAD;
        return c;
    }

    private static final String[] KEYS = {"icid", "sessionId", "callerNum", "direction", "timestamp", "stateCode",
        "feeLst", "statusInfo", "recordFlag", "userData", "fwdAnswerTime", "a", "", "\u0000", "键"};

    private Object randomValue(int depth) {
        int kind = rnd.nextInt(depth <= 0 ? 6 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> rnd.nextBoolean();
            case 2 -> rnd.nextInt(5) == 0 ? new Json.Raw(pick("1e308", "-0", "1.0", "123456789012345678901234567890"))
                    : rnd.nextInt();
            case 3 -> pick("", "x", "r-" + rnd.nextInt(1000), "2024-05-01 08:00:00", "0", "1", "🚕",
                    "+8600" + PushFactory.digits(rnd, 9)); // a number-like value, never one of the registered ones
            case 4 -> rnd.nextDouble();
            case 5 -> "s".repeat(rnd.nextInt(40));
            case 6 -> {
                List<Object> l = new ArrayList<>();
                int n = rnd.nextInt(5);
                for (int i = 0; i < n; i++) {
                    l.add(randomValue(depth - 1));
                }
                yield l;
            }
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                int n = rnd.nextInt(6);
                for (int i = 0; i < n; i++) {
                    m.put(KEYS[rnd.nextInt(KEYS.length)], randomValue(depth - 1));
                }
                yield m;
            }
        };
    }

    private static final String[] TOKENS = {"{", "}", "[", "]", "\"", "\\", ",", ":", "null", "1e999", "\u0000", "NaN",
        "/*", "'", "\\u", "\uFEFF", "\n", "\u2028", "-", "0", "true"};

    private Case mutated() {
        PushFactory.Push p = rnd.nextInt(3) == 0 ? mutant.event() : mutant.cdrs(1 + rnd.nextInt(4), false);
        byte[] b = p.bytes();
        int ops = 1 + rnd.nextInt(4);
        for (int i = 0; i < ops; i++) {
            b = mutate(b);
        }
        Case c = signed("byte-level mutation", b);
        c.allowed = OK_OR_BAD;
        c.mode = pick(BodyMode.BYTES, BodyMode.STREAM, BodyMode.TRICKLE);
        return c;
    }

    private byte[] mutate(byte[] b) {
        if (b.length == 0) {
            return TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 16);
        int at = rnd.nextInt(b.length);
        switch (rnd.nextInt(7)) {
            case 0 -> {
                b = b.clone();
                b[at] ^= (byte) (1 << rnd.nextInt(8));
                return b;
            }
            case 1 -> {
                b = b.clone();
                b[at] = (byte) rnd.nextInt(256);
                return b;
            }
            case 2 -> {
                byte[] ins = new byte[1 + rnd.nextInt(8)];
                rnd.nextBytes(ins);
                out.write(b, 0, at);
                out.writeBytes(ins);
                out.write(b, at, b.length - at);
            }
            case 3 -> {
                out.write(b, 0, at);
                out.writeBytes(TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
                out.write(b, at, b.length - at);
            }
            case 4 -> {
                int len = Math.min(b.length - at, 1 + rnd.nextInt(32));
                out.write(b, 0, at);
                out.write(b, at + len, b.length - at - len);
            }
            case 5 -> {
                int len = Math.min(b.length - at, 1 + rnd.nextInt(64));
                out.write(b, 0, at + len);
                out.write(b, at, len);
                out.write(b, at + len, b.length - at - len);
            }
            default -> out.write(b, 0, at);
        }
        return out.toByteArray();
    }

    private Case escapes() {
        PushFactory.Push p = hostile.cdrs(1, false);
        int variant = rnd.nextInt(8);
        Object value;
        Set<Integer> allowed;
        String field = "userData";
        switch (variant) {
            case 0 -> {
                value = new Json.Raw("\"a\\u0000b\"");
                allowed = OK;
            }
            case 1 -> {
                value = new Json.Raw(pick("\"\\ud800\"", "\"\\udc00\\ud800\"", "\"x\\ud83d\""));
                allowed = OK;
            }
            case 2 -> {
                value = new Json.Raw(pick("\"\\x41\"", "\"\\u12\"", "\"\\uZZZZ\"", "\"\\a\"", "\"\\"));
                allowed = BAD;
            }
            case 3 -> {
                value = new Json.Raw("\"a\u0001b\"");
                allowed = BAD;
            }
            case 4 -> {
                field = "icid";
                value = new Json.Raw("\"i\\u0000" + (++uniq) + "\"");
                allowed = BAD;
            }
            case 5 -> {
                field = "icid";
                value = new Json.Raw("\"i\\ud800-" + (++uniq) + "-" + rnd.nextLong() + "\"");
                allowed = OK_OR_BAD;
            }
            case 6 -> {
                field = "sessionId";
                value = new Json.Raw("\"s\\ud800\\n\"");
                allowed = OK;
            }
            default -> {
                value = new Json.Raw("\"\\u2028\\u2029\\u001b[31mred\"");
                allowed = OK;
            }
        }
        first(p).put(field, value);
        Case c = signed("string escapes", p.bytes());
        c.allowed = allowed;
        if (allowed.equals(OK)) {
            c.keys = p.keys();
            c.mustDeliver = true;
        } else if (allowed.equals(BAD)) {
            c.mustNotReachSink = true;
        }
        return c;
    }

    private Case numbers() {
        PushFactory.Push p = hostile.cdrs(1, false);
        String field = pick("direction", "ulFailReason", "callInTime", "sipStatusCode", "extra");
        String raw = pick("1e400", "-0", "9223372036854775808", "-9223372036854775809", "1E+2", "0.0000001", "NaN",
                "Infinity", "-Infinity", "01", "+1", "1.", ".5", "1e", "--1", "0x10");
        first(p).put(field, new Json.Raw(raw));
        Case c = signed("number edge cases", p.bytes());
        boolean legalJson = !Set.of("NaN", "Infinity", "-Infinity", "01", "+1", "1.", ".5", "1e", "--1", "0x10")
                .contains(raw);
        c.allowed = legalJson ? OK : BAD;
        if (legalJson) {
            c.keys = p.keys();
            c.mustDeliver = true;
        } else {
            c.mustNotReachSink = true;
        }
        return c;
    }

    // ------------------------------------------------------------------ helpers

    private static final Object REMOVE = new Object();

    private static void set(Map<String, Object> m, String key, Object value) {
        if (value == REMOVE) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
    }

    private Case signed(String category, byte[] body) {
        Case c = new Case(category);
        c.headers = Signatures.fresh(app, rnd);
        c.body = body;
        return c;
    }

    /** Re-signs a case's headers afresh (the platform's re-push carries a new signature). */
    Map<String, List<String>> freshHeaders() {
        return Signatures.fresh(app, rnd);
    }

    private Case refused(String category, PushFactory.Push p) {
        return refusedBytes(category, p.bytes());
    }

    private Case refusedBytes(String category, byte[] body) {
        Case c = signed(category, body);
        c.allowed = BAD;
        c.mustNotReachSink = true;
        c.mode = pick(BodyMode.BYTES, BodyMode.STREAM, BodyMode.TRICKLE);
        return c;
    }

    private Case accepted(String category, PushFactory.Push p) {
        Case c = signed(category, p.bytes());
        c.keys = p.keys();
        c.allowed = OK;
        c.mustDeliver = true;
        return c;
    }

    private void legalHeaderVariant(Case c) {
        switch (rnd.nextInt(10)) {
            case 0 -> c.headers.put("Content-Length", new ArrayList<>(List.of(String.valueOf(c.body.length))));
            case 1 -> {
                String v = c.headers.get("X-AKSK").get(0).replace(",", ", ");
                c.headers.put("X-AKSK", new ArrayList<>(List.of(v)));
            }
            case 2 -> c.headers.put("Content-Type", new ArrayList<>(List.of(pick("text/plain", "application/json",
                    "application/x-www-form-urlencoded", "application/json;charset=GBK"))));
            default -> {
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(PushFactory.Push p) {
        List<Object> l = (List<Object>) p.tree().get("feeLst");
        return (Map<String, Object>) l.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> last(PushFactory.Push p) {
        List<Object> l = (List<Object>) p.tree().get("feeLst");
        return (Map<String, Object>) l.get(l.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusInfo(PushFactory.Push p) {
        return (Map<String, Object>) p.tree().get("statusInfo");
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> h) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        h.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    private String flip(String digest) {
        char[] c = digest.toCharArray();
        int i = rnd.nextInt(c.length - 1);
        c[i] = c[i] == 'A' ? 'B' : 'A';
        return new String(c);
    }

    private String number() {
        return numbers.get(rnd.nextInt(numbers.size()));
    }

    private static byte[] replace(byte[] text, byte[] marker, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length);
        int i = 0;
        while (i < text.length) {
            if (i + marker.length <= text.length && java.util.Arrays.equals(text, i, i + marker.length, marker, 0,
                    marker.length)) {
                out.writeBytes(with);
                i += marker.length;
            } else {
                out.write(text[i++]);
            }
        }
        return out.toByteArray();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[rnd.nextInt(options.length)];
    }
}
