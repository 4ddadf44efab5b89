package io.github.privatenumber.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.notifications.NotificationEndpoint;
import io.github.privatenumber.notifications.NotificationReceiver;
import io.github.privatenumber.notifications.ReceiverResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue item 1: hostile pushes against the notification receiver, straight into
 * {@link NotificationReceiver#handle} (byte array and stream forms) and a share over HTTP through
 * {@link NotificationEndpoint}. Truncated and deeply nested JSON, wrong types, huge strings, invalid UTF-8, duplicate
 * keys, missing and forged signature headers, oversize bodies, byte-level mutations and random JSON, mixed with valid
 * pushes, re-pushes and replays ({@link Fuzzer}).
 *
 * <p>Checked for every input: {@code handle} never throws; the status is one the input may get; a 5xx only when the
 * sink failed; a refused input never reaches the sink; the answer's body leaks nothing. At the end: every record of a
 * valid push was accepted exactly once (after the re-pushes a failing sink asks for), and no record was accepted twice.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostilePushFuzzTest {

    private static final int DIRECT = Knobs.integer("reliability.fuzz.direct", 12_000, 100, 10_000_000);
    private static final int OVER_HTTP = Knobs.integer("reliability.fuzz.http", 1_500, 50, 1_000_000);
    private static final long TIME_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(150);

    @BeforeAll
    static void init() {
        Harness.init();
    }

    /** What one input did. */
    private static final class Tally {
        final Map<String, Map<Integer, AtomicInteger>> byCategory = new TreeMap<>();
        final Map<Integer, AtomicInteger> byStatus = new TreeMap<>();
        final Map<String, long[]> nanosByCategory = new TreeMap<>();
        final List<String> failures = new ArrayList<>();
        int inputs;
        int rePushes;

        void count(String category, int status) {
            inputs++;
            byCategory.computeIfAbsent(category, k -> new TreeMap<>()).computeIfAbsent(status, k -> new AtomicInteger())
                    .incrementAndGet();
            byStatus.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
        }

        void fail(String message) {
            if (failures.size() < 200) {
                failures.add(message);
            }
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void hostilePushesAreRefusedCleanlyAndValidRecordsArriveExactlyOnce() throws Exception {
        Random rnd = Knobs.random("hostile-pushes");
        AppCredentials app = AppCredentials.of("fuzz-app-key", "fuzz-secret-" + Long.toHexString(rnd.nextLong()));
        AppCredentials other = AppCredentials.of("fuzz-other-key", "fuzz-other-secret-" + Long.toHexString(rnd.nextLong()));
        Sensitive.secret(app.appSecret());
        Sensitive.secret(other.appSecret());
        List<String> numbers = PushFactory.numbers(rnd, 40, 10);

        CountingSink[] self = new CountingSink[1];
        CountingSink sink = new CountingSink(CountingSink.failOnceMarked(self), true);
        self[0] = sink;
        NotificationReceiver receiver = NotificationReceiver.builder().credentials(app).sink(sink).build();
        Fuzzer fuzzer = new Fuzzer(rnd, app, other, numbers);
        Tally direct = new Tally();
        Tally http = new Tally();
        List<Fuzzer.Case> mustDeliver = new ArrayList<>();
        long start = System.nanoTime();

        for (int i = 0; i < DIRECT && System.nanoTime() - start < TIME_BUDGET_NANOS; i++) {
            long t0 = System.nanoTime();
            Fuzzer.Case c = fuzzer.next();
            runDirect(c, receiver, sink, fuzzer, direct, rnd, mustDeliver);
            direct.nanosByCategory.computeIfAbsent(c.category, k -> new long[1])[0] += System.nanoTime() - t0;
        }
        long directNanos = System.nanoTime() - start;

        long httpStart = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fuzz-http-writer");
            t.setDaemon(true);
            return t;
        });
        try (NotificationEndpoint endpoint = NotificationEndpoint.builder(receiver)
                .address(new InetSocketAddress("127.0.0.1", 0)).path("/privatenumber/events").start()) {
            RawHttp raw = new RawHttp(endpoint.address(), writers, 10_000);
            String host = "127.0.0.1:" + endpoint.address().getPort();
            for (int i = 0; i < OVER_HTTP && System.nanoTime() - start < TIME_BUDGET_NANOS + TimeUnit.SECONDS.toNanos(30);
                    i++) {
                Fuzzer.Case c = rnd.nextInt(8) == 0 ? fuzzer.nextHttpOnly() : fuzzer.next();
                if (c.directOnly) {
                    i--;
                    continue;
                }
                runHttp(c, raw, host, sink, fuzzer, http, mustDeliver);
            }
        } finally {
            writers.shutdownNow();
        }
        long httpNanos = System.nanoTime() - httpStart;

        // every valid push ended acknowledged, so each of its records must have been accepted exactly once
        int validRecords = 0;
        int lost = 0;
        int duplicated = 0;
        for (Fuzzer.Case c : mustDeliver) {
            for (String key : c.keys) {
                validRecords++;
                int n = sink.accepted(key);
                if (n == 0) {
                    lost++;
                } else if (n > 1) {
                    duplicated++;
                }
            }
        }
        long anyTwice = sink.acceptedCounts().values().stream().filter(n -> n.get() > 1).count();
        List<String> failures = new ArrayList<>(direct.failures);
        failures.addAll(http.failures);
        failures.addAll(sink.leaks());
        if (lost > 0 || duplicated > 0 || anyTwice > 0) {
            failures.add("records: lost=" + lost + " duplicated=" + duplicated + " accepted-twice=" + anyTwice);
        }

        report(direct, http, directNanos, httpNanos, validRecords, lost, duplicated, anyTwice, sink);
        assertTrue(failures.isEmpty(), failures.size() + " problem(s), seed " + Knobs.seed() + ":\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        assertEquals(0, lost);
        if (DIRECT >= 12_000 && OVER_HTTP >= 1_500) {
            assertTrue(direct.inputs + http.inputs >= 10_000, "fewer than 10,000 inputs ran within the time budget");
        }
    }

    // ------------------------------------------------------------------ direct

    private static void runDirect(Fuzzer.Case c, NotificationReceiver receiver, CountingSink sink, Fuzzer fuzzer,
            Tally tally, Random rnd, List<Fuzzer.Case> mustDeliver) {
        long failuresBefore = sink.failures();
        long deliveredBefore = sink.deliveries();
        ReceiverResponse r;
        try {
            r = handle(receiver, c, rnd);
        } catch (Throwable t) {
            tally.count(c.category, -2);
            tally.fail("direct [" + c.category + "]: handle threw " + t);
            return;
        }
        tally.count(c.category, r.status());
        check("direct", c, r.status(), r.body(), sink, failuresBefore, deliveredBefore, tally);
        int status = r.status();
        for (int attempt = 0; status == 500 && (c.mustDeliver || c.partial) && attempt < 5; attempt++) {
            // the platform pushes again, signed afresh
            tally.rePushes++;
            c.headers = fuzzer.freshHeaders();
            c.mode = Fuzzer.BodyMode.BYTES;
            long fb = sink.failures();
            long db = sink.deliveries();
            try {
                r = handle(receiver, c, rnd);
            } catch (Throwable t) {
                tally.fail("direct re-push [" + c.category + "]: handle threw " + t);
                return;
            }
            status = r.status();
            check("direct re-push", c, status, r.body(), sink, fb, db, tally);
        }
        afterAnswer(c, status, sink, fuzzer, tally, mustDeliver, "direct");
    }

    private static ReceiverResponse handle(NotificationReceiver receiver, Fuzzer.Case c, Random rnd) {
        var lookup = NotificationReceiver.headerLookup(c.headers);
        return switch (c.mode) {
            case BYTES -> receiver.handle(c.method, lookup, c.body);
            case STREAM -> receiver.handle(c.method, lookup, new ByteArrayInputStream(c.body));
            case TRICKLE -> receiver.handle(c.method, lookup, trickle(c.body, rnd.nextLong()));
            case FAILING -> receiver.handle(c.method, lookup, failing(c.body, rnd.nextInt(Math.max(1, c.body.length))));
        };
    }

    // ------------------------------------------------------------------ over HTTP

    private static void runHttp(Fuzzer.Case c, RawHttp raw, String host, CountingSink sink, Fuzzer fuzzer, Tally tally,
            List<Fuzzer.Case> mustDeliver) throws IOException {
        boolean bigHeader = c.headers.values().stream().flatMap(List::stream).anyMatch(v -> v.length() > 6000);
        if (bigHeader) {
            c.httpLevel = true;
        }
        long failuresBefore = sink.failures();
        long deliveredBefore = sink.deliveries();
        RawHttp.Answer a = send(c, raw, host);
        tally.count(c.category, a.status());
        checkHttp(c, a, sink, failuresBefore, deliveredBefore, tally);
        int status = a.status();
        for (int attempt = 0; status == 500 && (c.mustDeliver || c.partial) && attempt < 5; attempt++) {
            tally.rePushes++;
            c.headers = fuzzer.freshHeaders();
            c.chunked = false;
            c.declaredLength = null;
            long fb = sink.failures();
            long db = sink.deliveries();
            a = send(c, raw, host);
            status = a.status();
            checkHttp(c, a, sink, fb, db, tally);
        }
        afterAnswer(c, status, sink, fuzzer, tally, mustDeliver, "http");
    }

    private static void checkHttp(Fuzzer.Case c, RawHttp.Answer a, CountingSink sink, long failuresBefore,
            long deliveredBefore, Tally tally) {
        if (c.httpLevel && (a.status() == -1 || (a.status() >= 400 && a.status() < 500))) {
            // malformed at the HTTP level: the JDK server may refuse it itself or drop the connection
            if (sink.deliveries() != deliveredBefore && c.mustNotReachSink) {
                tally.fail("http [" + c.category + "]: reached the sink");
            }
            tally.failures.addAll(Sensitive.leaks("http answer body [" + c.category + "]", a.body()));
            return;
        }
        if (a.status() == -1) {
            tally.fail("http [" + c.category + "]: connection closed without an answer");
            return;
        }
        check("http", c, a.status(), a.body(), sink, failuresBefore, deliveredBefore, tally);
    }

    private static RawHttp.Answer send(Fuzzer.Case c, RawHttp raw, String host) throws IOException {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        c.headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Length")) {
                headers.put(k, v);
            }
        });
        if (!headers.containsKey("Content-Type")) {
            headers.put("Content-Type", List.of("application/json;charset=UTF-8"));
        }
        String path = c.path != null ? c.path : "/privatenumber/events";
        byte[] body = c.body;
        String length;
        boolean halfClose = false;
        if (c.chunked) {
            headers.put("Transfer-Encoding", List.of("chunked"));
            body = chunk(c.body, c.brokenChunks);
            length = null;
        } else if (c.declaredLength != null) {
            length = c.declaredLength;
            halfClose = true;
        } else {
            length = String.valueOf(body.length);
        }
        return raw.send(RawHttp.head(c.method, path, host, headers, length), body, halfClose);
    }

    private static byte[] chunk(byte[] body, boolean broken) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        int i = 0;
        int size = 1 + body.length / 3;
        while (i < body.length) {
            int n = Math.min(size, body.length - i);
            String head = broken && i == 0 ? "zz\r\n" : Integer.toHexString(n) + "\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            i += n;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ checks

    private static void check(String how, Fuzzer.Case c, int status, String body, CountingSink sink, long failuresBefore,
            long deliveredBefore, Tally tally) {
        boolean sinkFailed = sink.failures() > failuresBefore;
        String where = how + " [" + c.category + "]";
        if (status >= 500 && !(status == 500 && sinkFailed)) {
            tally.fail(where + ": " + status + " without a sink failure: " + body);
        } else if (!c.allowed.contains(status) && !(status == 500 && sinkFailed)) {
            tally.fail(where + ": status " + status + ", expected " + c.allowed + ": " + body);
        }
        if (c.mustNotReachSink && sink.deliveries() != deliveredBefore) {
            tally.fail(where + ": status " + status + " but the sink received " + (sink.deliveries() - deliveredBefore)
                    + " record(s)");
        }
        tally.failures.addAll(Sensitive.leaks(where + " answer body", body));
    }

    private static void afterAnswer(Fuzzer.Case c, int status, CountingSink sink, Fuzzer fuzzer, Tally tally,
            List<Fuzzer.Case> mustDeliver, String how) {
        if (status == 200) {
            fuzzer.acknowledged(c);
            for (String key : c.keys) {
                if (sink.accepted(key) != 1) {
                    tally.fail(how + " [" + c.category + "]: acknowledged, but record " + key.substring(0, 4)
                            + "… was accepted " + sink.accepted(key) + " times");
                }
            }
        }
        if (c.mustDeliver) {
            mustDeliver.add(c);
            if (status != 200) {
                tally.fail(how + " [" + c.category + "]: a valid push ended with " + status);
            }
        }
        if (c.partial) {
            if (status != 400) {
                tally.fail(how + " [" + c.category + "]: a push with an unusable record ended with " + status);
            }
            for (String key : c.keys) {
                if (sink.accepted(key) != 1) {
                    tally.fail(how + " [" + c.category + "]: a good record beside an unusable one was accepted "
                            + sink.accepted(key) + " times");
                }
            }
        }
    }

    // ------------------------------------------------------------------ streams

    /** Hands out 1-7 bytes per read. */
    private static InputStream trickle(byte[] body, long seed) {
        Random r = new Random(seed);
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < body.length ? body[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (pos >= body.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 1 + r.nextInt(7)), body.length - pos);
                System.arraycopy(body, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** Throws an {@code IOException} after {@code after} bytes. */
    private static InputStream failing(byte[] body, int after) {
        return new InputStream() {
            int pos;

            @Override
            public int read() throws IOException {
                if (pos >= after) {
                    throw new IOException("connection reset by peer (injected)");
                }
                return pos < body.length ? body[pos++] & 0xff : -1;
            }
        };
    }

    // ------------------------------------------------------------------ report

    private static void report(Tally direct, Tally http, long directNanos, long httpNanos, int validRecords, int lost,
            int duplicated, long anyTwice, CountingSink sink) {
        int inputs = direct.inputs + http.inputs;
        String area = "1. Hostile pushes";
        Report.summary(area, "inputs tried (direct `handle` + over HTTP)", Report.count(inputs) + " ("
                + Report.count(direct.inputs) + " + " + Report.count(http.inputs) + ")");
        Report.summary(area, "unhandled exceptions / 5xx not caused by the sink", String.valueOf(
                direct.failures.stream().filter(f -> f.contains("threw") || f.contains("without a sink failure")).count()
                + http.failures.stream().filter(f -> f.contains("without a sink failure")).count()));
        Report.summary(area, "valid records delivered / lost / duplicated", Report.count(validRecords - lost) + " / "
                + lost + " / " + duplicated);
        Report.summary(area, "sink failures injected (answered 500, re-pushed)", Report.count(sink.failures()));
        Report.summary(area, "problems found", String.valueOf(direct.failures.size() + http.failures.size()
                + sink.leaks().size()));
        Report.summary(area, "duration", Report.seconds(directNanos) + " direct, " + Report.seconds(httpNanos) + " HTTP");

        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s inputs straight into `NotificationReceiver.handle` (byte[] and"
                + " InputStream forms) in %s, %s over HTTP through `NotificationEndpoint` (raw sockets) in %s.",
                Report.count(direct.inputs), Report.seconds(directNanos), Report.count(http.inputs),
                Report.seconds(httpNanos)));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "Valid records: %s in pushes that had to be acknowledged; accepted once:"
                + " %s, lost: %d, accepted twice: %d (any record accepted twice, valid or not: %d). The sink failed %s"
                + " times on purpose; each such push was answered 500 and re-pushed with a fresh signature (%s re-pushes)"
                + " until 200.", Report.count(validRecords), Report.count(validRecords - lost - duplicated), lost,
                duplicated, anyTwice, Report.count(sink.failures()), Report.count(direct.rePushes + http.rePushes)));
        lines.add("");
        lines.add("| category | direct: statuses | direct: time | HTTP: statuses |");
        lines.add("|---|---|---|---|");
        Map<String, String[]> rows = new TreeMap<>();
        direct.byCategory.forEach((k, v) -> rows.computeIfAbsent(k, x -> new String[] {"", "", ""})[0] = statuses(v));
        direct.nanosByCategory.forEach((k, v) -> rows.computeIfAbsent(k, x -> new String[] {"", "", ""})[1] =
                String.format(Locale.ROOT, "%.0f ms", v[0] / 1e6));
        http.byCategory.forEach((k, v) -> rows.computeIfAbsent(k, x -> new String[] {"", "", ""})[2] = statuses(v));
        rows.forEach((k, v) -> lines.add("| " + k + " | " + v[0] + " | " + v[1] + " | " + v[2] + " |"));
        lines.add("");
        lines.add("Status `-1`: the connection closed without an answer (only accepted for requests malformed at the"
                + " HTTP level, which the JDK server may drop itself).");
        Map<Integer, Integer> all = new HashMap<>();
        direct.byStatus.forEach((k, v) -> all.merge(k, v.get(), Integer::sum));
        http.byStatus.forEach((k, v) -> all.merge(k, v.get(), Integer::sum));
        lines.add("");
        lines.add("All statuses: " + statuses(new TreeMap<>(all)));
        List<String> problems = new ArrayList<>(direct.failures);
        problems.addAll(http.failures);
        problems.addAll(sink.leaks());
        lines.add("");
        lines.add("Problems: " + (problems.isEmpty() ? "none." : problems.size()));
        for (String p : problems.subList(0, Math.min(50, problems.size()))) {
            lines.add("- " + p.replace("|", "\\|"));
        }
        Report.section("1. Hostile pushes", lines);
    }

    private static String statuses(Map<Integer, ?> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((status, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(status).append(" ×")
                .append(n instanceof AtomicInteger a ? a.get() : n));
        return sb.toString();
    }
}
