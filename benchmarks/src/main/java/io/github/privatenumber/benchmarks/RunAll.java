package io.github.privatenumber.benchmarks;

import io.github.privatenumber.benchmarks.jmh.PushFactory;
import io.github.privatenumber.benchmarks.jmh.ReceiverBenchmark;
import io.github.privatenumber.benchmarks.jmh.SigningBenchmark;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every harness and writes one Markdown report: {@code reports/latest.md} (and {@code reports/scaling.png})
 * beside this module's pom for a full run, {@code target/quick.md} (and {@code target/scaling.png}) for a quick one,
 * or in the directory named by {@code -Dbenchmarks.reportDir}. Argument {@code quick} shortens every run for a smoke
 * test. Every figure is reported as a ratio to a baseline measured in the same run.
 */
public final class RunAll {

    /** Durations and sizes of one run. */
    private record Settings(boolean quick, int jmhWarmups, int jmhIterations, int jmhPasses, double loadWarmup, double loadSlice,
            int loadRounds, long[] clientCheckpoints, double clientBudget, long[] cdrCheckpoints,
            long[] eventCheckpoints, double simulatorWarmup, double simulatorSeconds) {

        /**
         * Full runs give JMH six one-second warm-ups: the receiver's path is long and its code is still being compiled
         * after two or three (measured, one call event: 24, 8.5, 6.4, 3.4, 6.7, 3.3 µs in the six warm-ups, then 3.1-3.5).
         */
        static Settings of(boolean quick) {
            return quick
                    ? new Settings(true, 1, 2, 1, 0.5, 0.5, 3, new long[] {2_000, 10_000}, 15,
                            new long[] {10_000, 100_000, 200_000}, new long[] {10_000, 100_000, 200_000}, 1, 2)
                    : new Settings(false, 6, 5, 3, 2, 1, 7, new long[] {10_000, 100_000, 1_000_000}, 240,
                            new long[] {10_000, 100_000, 200_000, 1_000_000, 5_000_000, 6_000_000},
                            new long[] {10_000, 50_000, 100_000, 200_000, 500_000, 1_000_000}, 5, 10);
        }
    }

    private static final int[] QUERY_LEVELS = {1, 2, 4, 8, 16, 32, 64};
    private static final int[] BIND_LEVELS = {1, 16, 64};

    private RunAll() {
    }

    /**
     * @param args {@code full} (default) or {@code quick}
     * @throws Exception when a harness fails
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Settings s = Settings.of(args.length > 0 && "quick".equals(args[0]));
        Path dir = Path.of(System.getProperty("benchmarks.reportDir", s.quick() ? "target" : "reports"));
        Files.createDirectories(dir);
        long started = System.nanoTime();
        String machine = machine();

        StringBuilder report = new StringBuilder();
        report.append("# Benchmark report\n\n");
        report.append(machine).append('\n');
        report.append("Mode: ").append(s.quick() ? "**quick** (smoke run: figures are rough)" : "full").append(". ")
                .append("The machine has two cores and was shared with other builds, so absolute figures move from run ")
                .append("to run: every figure is put next to a baseline measured in the same run, and the ratio is ")
                .append("what to read. Command: `./mvnw -B -q -pl benchmarks -am -DskipTests -Prun-benchmarks verify`")
                .append(s.quick() ? " `-Dbenchmarks.args=quick`" : "").append(".\n\n");

        List<String> summary = new ArrayList<>();
        StringBuilder body = new StringBuilder();

        // 1 and 3: JMH
        System.out.println("== JMH: signing and receiving");
        List<Collection<RunResult>> jmh = new ArrayList<>();
        for (int pass = 0; pass < s.jmhPasses(); pass++) {
            jmh.add(jmh(s, pass));
        }
        signing(body, summary, jmh, s);
        receiving(body, summary, jmh, s);

        // 2 and 5: client overhead and scaling
        System.out.println("== client overhead and scaling");
        List<ClientOverhead.Row> rows = ClientOverhead.run(QUERY_LEVELS, BIND_LEVELS, s.loadWarmup(), s.loadSlice(),
                s.loadRounds());
        clientOverhead(body, summary, rows, s);
        scaling(body, rows, dir);

        // 4: memory
        System.out.println("== memory");
        List<MemoryFootprint.Series> memory = new ArrayList<>(MemoryFootprint.clients(s.clientCheckpoints(),
                s.clientBudget(), 16));
        memory.add(MemoryFootprint.receiver(PushFactory.Kind.CDR50, s.cdrCheckpoints()));
        memory.add(MemoryFootprint.receiver(PushFactory.Kind.EVENT, s.eventCheckpoints()));
        memory(body, summary, memory);

        // 6: the simulator
        System.out.println("== simulator");
        body.append("## 6. The simulator: authenticated queries per second\n\n");
        body.append("Client: Apache HttpClient 5 (classic, pooled, one connection per thread), each request signed ")
                .append("afresh (AKSK, new nonce). Baseline: a bare JDK `HttpServer` answering the same bytes with no ")
                .append("authentication or state, same client, same threads. Target: at least 5,000 queries/s. ")
                .append(String.format(Locale.ROOT, "%.0f s warm-up, %.0f s measured per row.%n%n",
                        s.simulatorWarmup(), s.simulatorSeconds()));
        List<LoadResult> simulator = SimulatorThroughput.run(new int[] {16, 64}, s.simulatorWarmup(),
                s.simulatorSeconds());
        table(body, simulator);
        for (int i = 0; i + 1 < simulator.size(); i += 2) {
            LoadResult bare = simulator.get(i);
            LoadResult sim = simulator.get(i + 1);
            summary.add(String.format(Locale.ROOT, "| simulator, authenticated queries/s, %d threads | %,.0f | bare JDK "
                    + "`HttpServer`: %,.0f | %.2f | ≥ 5,000/s | %s |", sim.concurrency(), sim.perSecond(),
                    bare.perSecond(), sim.perSecond() / bare.perSecond(), verdict(sim.perSecond() >= 5000)));
        }

        report.append("## Headline figures\n\n");
        report.append("| what | figure | baseline (same run) | ratio | target | met |\n|---|---:|---|---:|---|---|\n");
        summary.forEach(line -> report.append(line).append('\n'));
        report.append('\n').append(body);
        report.append(String.format(Locale.ROOT, "Whole run: %.1f minutes.%n", (System.nanoTime() - started) / 60e9));

        String text = report.toString();
        System.out.println(text);
        // a quick smoke run never overwrites the committed full report
        Path file = dir.resolve(s.quick() ? "quick.md" : "latest.md");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        System.out.println("report written to " + file.toAbsolutePath());
    }

    private static Collection<RunResult> jmh(Settings s, int pass) throws Exception {
        Path log = Path.of("target", "jmh-" + (pass + 1) + ".log");
        Files.createDirectories(log.getParent());
        Options options = new OptionsBuilder()
                .include(SigningBenchmark.class.getName() + "\\.")
                .include(ReceiverBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(s.jmhWarmups())
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(s.jmhIterations())
                .measurementTime(TimeValue.seconds(1))
                .threads(1)
                .jvmArgs("-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error")
                .output(log.toString())
                .build();
        System.out.println("JMH log: " + log.toAbsolutePath());
        return new Runner(options).run();
    }

    /**
     * One benchmark's score: the median over the passes (a pass that other work on this shared machine slowed down
     * moves the mean, not the median), and the largest confidence half-width of a pass.
     */
    private record Score(double median, double error, String passes) {
    }

    private static Score find(List<Collection<RunResult>> passes, String method, String kind) {
        double[] scores = new double[passes.size()];
        int n = 0;
        double error = 0;
        StringBuilder each = new StringBuilder();
        for (Collection<RunResult> results : passes) {
            RunResult found = null;
            for (RunResult r : results) {
                String name = r.getParams().getBenchmark();
                if (name.endsWith("." + method) && (kind == null || kind.equals(r.getParams().getParam("kind")))) {
                    found = r;
                }
            }
            if (found == null) {
                throw new IllegalStateException("no JMH result for " + method + (kind == null ? "" : " " + kind));
            }
            double score = found.getPrimaryResult().getScore();
            double e = found.getPrimaryResult().getScoreError();
            scores[n++] = score;
            error = Double.isNaN(e) ? error : Math.max(error, e);
            each.append(each.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", score));
        }
        return new Score(LoadLoop.median(scores), error, each.toString());
    }

    private static String jmhSettings(Settings s) {
        return String.format(Locale.ROOT, "JMH 1.37 through its Runner API: 1 fork, 1 thread, %d × 1 s warm-up, "
                + "%d × 1 s measured, average time; the whole JMH suite runs %d time(s) in a row (baseline and SDK "
                + "alternate), each figure is the median of the passes (each pass in brackets), ± the largest 99.9%% "
                + "confidence half-width of a pass", s.jmhWarmups(), s.jmhIterations(), s.jmhPasses());
    }

    private static void signing(StringBuilder body, List<String> summary, List<Collection<RunResult>> jmh,
            Settings s) {
        Score sdk = find(jmh, "sdkSign", null);
        Score bare = find(jmh, "bareHmacBase64", null);
        double sdkNs = sdk.median();
        double bareNs = bare.median();
        double ratio = sdkNs / bareNs;
        body.append("## 1. Signing: time per signature\n\n");
        body.append("`AkskSigner.sign()` (fresh nonce from SecureRandom, UTC `Created`, HMAC-SHA256, Base64, both header ")
                .append("values) against the bare minimum: HMAC-SHA256 + Base64 of an input of the same size (32-character ")
                .append("nonce + 20-character `Created`) on a `javax.crypto.Mac` initialised once. ")
                .append(jmhSettings(s)).append(". Target: at most 1.5× the bare cost and under 2 µs.\n\n");
        body.append("| what | ns per signature | ratio to baseline |\n|---|---:|---:|\n");
        body.append(String.format(Locale.ROOT, "| bare `Mac.doFinal` + `Base64` (baseline) | %.0f ± %.0f (%s) | 1.00 |%n",
                bareNs, bare.error(), bare.passes()));
        body.append(String.format(Locale.ROOT, "| `AkskSigner.sign()` | %.0f ± %.0f (%s) | %.2f |%n%n", sdkNs,
                sdk.error(), sdk.passes(), ratio));
        summary.add(String.format(Locale.ROOT, "| signing, `AkskSigner.sign()` | %.2f µs | bare HMAC + Base64: %.2f µs "
                + "| %.2f | ≤ 1.5×, < 2 µs | %s |", sdkNs / 1000, bareNs / 1000, ratio,
                verdict(ratio <= 1.5 && sdkNs < 2000)));
    }

    private static void receiving(StringBuilder body, List<String> summary, List<Collection<RunResult>> jmh,
            Settings s) {
        body.append("## 3. Receiving: pushes per second through `NotificationReceiver`\n\n");
        body.append("`NotificationReceiver.handle(\"POST\", headers, bytes)`: verify the AKSK signature (digest, skew, ")
                .append("nonce replay), decode strict UTF-8, parse into typed records, de-duplicate (default in-memory ")
                .append("store, 100,000 keys), dispatch to a no-op sink. Baseline: Jackson `ObjectMapper.readTree` of the ")
                .append("same bytes. Every push is new: fresh signed headers (nonce, `Created`) and new ids (event ")
                .append("`sessionId`, CDR `icid`s), prepared outside the timed region in batches of ")
                .append(ReceiverBenchmark.BATCH).append(" pushes; the replay guard is sized for the run (")
                .append(String.format(Locale.ROOT, "%,d", ReceiverBenchmark.REPLAY_CAPACITY))
                .append(" nonces). Pushes: one `disconnect` event (~400 bytes) and a `fee` push of 50 answered, recorded ")
                .append("CDRs (~44 KB). One thread, so per second = per core. ").append(jmhSettings(s))
                .append(". Targets: at most 2× the `readTree` time; at least 20,000 CDRs per second per core.\n\n");
        body.append("| push | `readTree` µs (baseline) | receiver µs | ratio | pushes/s | records/s |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (String kind : List.of("EVENT", "CDR50")) {
            Score rec = find(jmh, "receiver", kind);
            Score tree = find(jmh, "readTree", kind);
            double us = rec.median();
            double treeUs = tree.median();
            int records = "EVENT".equals(kind) ? 1 : PushFactory.CDRS_PER_PUSH;
            double perSecond = 1e6 / us;
            String label = "EVENT".equals(kind) ? "one call event" : "50 CDRs";
            body.append(String.format(Locale.ROOT, "| %s | %.2f ± %.2f (%s) | %.2f ± %.2f (%s) | %.2f | %,.0f | %,.0f |%n",
                    label, treeUs, tree.error(), tree.passes(), us, rec.error(), rec.passes(), us / treeUs, perSecond,
                    perSecond * records));
            boolean met = us / treeUs <= 2.0 && ("EVENT".equals(kind) || perSecond * records >= 20_000);
            summary.add(String.format(Locale.ROOT, "| receiving, %s per push | %.1f µs (%,.0f %s/s per core) | "
                    + "Jackson `readTree` of the same bytes: %.1f µs | %.2f | ≤ 2×%s | %s |", label, us,
                    perSecond * records, "EVENT".equals(kind) ? "pushes" : "CDRs", treeUs, us / treeUs,
                    "EVENT".equals(kind) ? "" : ", ≥ 20,000 CDRs/s", verdict(met)));
        }
        body.append('\n');
    }

    private static void clientOverhead(StringBuilder body, List<String> summary, List<ClientOverhead.Row> rows,
            Settings s) {
        body.append("## 2. Client overhead: the SDK against the bare HTTP library\n\n");
        body.append("The simulator (in the same JVM, loopback) is called through `PrivateNumberClient` over each transport ")
                .append("and through the bare library the transport is built on, with the same freshly signed headers, ")
                .append("body and URI: `java.net.http.HttpClient.send` (HTTP/1.1) for `JdkHttpTransport`; Apache ")
                .append("HttpClient 5's async client (pool of 64, HTTP/1.1, `SimpleHttpRequest`, waiting on the future) ")
                .append("for `HttpClient5Transport`. The bare arm reads the answer into a string and checks ")
                .append("`\"resultcode\":\"0\"`; the SDK arm gets typed values. Query: one subscription. AX bind: bind, then ")
                .append("unbind what was bound (both arms, identically; each worker thread binds its own A, so the pool of ")
                .append("256 numbers never runs dry), timed as one unit of two requests. ")
                .append(String.format(Locale.ROOT, "Before a transport's first row, both arms of both operations take "
                        + "turns for %.0f s at 16 threads (JIT warm-up). Each row: the arms warm up in turns (4 × %.2f s "
                        + "each), then run %d rounds of one %.1f s slice per arm, the order reversed every other round. "
                        + "**ratio** is the median over the rounds of the SDK / bare ratio within each round (the two "
                        + "slices of a round ran seconds apart, so a burst of background load on this shared machine "
                        + "moves one round, not the median); **pooled** pools each arm's slices over the whole row, "
                        + "shown for comparison; p50 and p99 are of the pooled slices. ", 8 * s.loadWarmup(),
                        s.loadWarmup() / 4, s.loadRounds(), s.loadSlice()))
                .append("Targets: SDK throughput at least 0.9× the bare throughput, SDK p99 at most 1.2× the bare p99 "
                        + "(both judged on the median ratios).\n\n");
        body.append("| transport | operation | threads | bare /s | SDK /s | ratio (pooled) | per-round ratios | bare p50 µs "
                + "| SDK p50 µs | bare p99 µs | SDK p99 µs | p99 ratio (pooled) | errors (bare/SDK) | met |\n");
        body.append("|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (ClientOverhead.Row r : rows) {
            if (r.operation().equals("query") && r.concurrency() != 1 && r.concurrency() != 16
                    && r.concurrency() != 64) {
                continue;
            }
            StringBuilder perRound = new StringBuilder();
            for (double ratio : r.roundThroughputRatios()) {
                perRound.append(perRound.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", ratio));
            }
            body.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %,.0f | %.2f (%.2f) | %s | %d | %d | %d | %d "
                    + "| %.2f (%.2f) | %d/%d | %s |%n", r.transport(), r.operation(), r.concurrency(), r.bare().perSecond(),
                    r.sdk().perSecond(), r.throughputRatio(), r.pooledThroughputRatio(), perRound, r.bare().p50Micros(),
                    r.sdk().p50Micros(), r.bare().p99Micros(), r.sdk().p99Micros(), r.p99Ratio(), r.pooledP99Ratio(),
                    r.bare().errors(), r.sdk().errors(), verdict(met(r))));
        }
        body.append('\n');
        for (String transport : List.of(ClientOverhead.JDK, ClientOverhead.HC5)) {
            for (String op : List.of("query", "AX bind + unbind")) {
                List<ClientOverhead.Row> mine = rows.stream().filter(r -> r.transport().equals(transport)
                        && r.operation().equals(op) && (r.concurrency() == 1 || r.concurrency() == 16
                        || r.concurrency() == 64)).toList();
                double worstT = mine.stream().mapToDouble(ClientOverhead.Row::throughputRatio).min().orElse(0);
                double worstP = mine.stream().mapToDouble(ClientOverhead.Row::p99Ratio).max().orElse(0);
                StringBuilder figures = new StringBuilder();
                StringBuilder baselines = new StringBuilder();
                for (ClientOverhead.Row r : mine) {
                    figures.append(String.format(Locale.ROOT, "%s%d: %,.0f/s", figures.length() == 0 ? "" : "; ",
                            r.concurrency(), r.sdk().perSecond()));
                    baselines.append(String.format(Locale.ROOT, "%s%,.0f/s", baselines.length() == 0 ? "" : "; ",
                            r.bare().perSecond()));
                }
                summary.add(String.format(Locale.ROOT, "| client, %s over `%s`, threads 1; 16; 64 | %s | bare: %s | "
                        + "throughput %.2f–%.2f, p99 ≤ %.2f | ≥ 0.9×, p99 ≤ 1.2× | %s |", op, transport, figures,
                        baselines, worstT, mine.stream().mapToDouble(ClientOverhead.Row::throughputRatio).max().orElse(0),
                        worstP, verdict(mine.stream().allMatch(RunAll::met))));
            }
        }
    }

    private static boolean met(ClientOverhead.Row r) {
        return r.throughputRatio() >= 0.9 && r.p99Ratio() <= 1.2;
    }

    private static void scaling(StringBuilder body, List<ClientOverhead.Row> rows, Path dir) throws IOException {
        body.append("## 5. Scaling: throughput against concurrency (query)\n\n");
        body.append("The query rows of section 2 at every concurrency (same method, same run). Ratio = SDK / bare at that ")
                .append("concurrency. Chart: [scaling.png](scaling.png).\n\n![throughput against concurrency](scaling.png)\n\n");
        body.append("| threads | bare java.net.http /s | SDK over JdkHttpTransport /s | ratio | bare HttpClient 5 /s "
                + "| SDK over HttpClient5Transport /s | ratio |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("SDK over JdkHttpTransport", new ArrayList<>());
        series.put("bare java.net.http", new ArrayList<>());
        series.put("SDK over HttpClient5Transport", new ArrayList<>());
        series.put("bare HttpClient 5", new ArrayList<>());
        for (int c : QUERY_LEVELS) {
            ClientOverhead.Row jdk = queryRow(rows, ClientOverhead.JDK, c);
            ClientOverhead.Row hc5 = queryRow(rows, ClientOverhead.HC5, c);
            body.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f | %,.0f | %,.0f | %.2f |%n", c,
                    jdk.bare().perSecond(), jdk.sdk().perSecond(), jdk.throughputRatio(), hc5.bare().perSecond(),
                    hc5.sdk().perSecond(), hc5.throughputRatio()));
            series.get("SDK over JdkHttpTransport").add(new double[] {c, jdk.sdk().perSecond()});
            series.get("bare java.net.http").add(new double[] {c, jdk.bare().perSecond()});
            series.get("SDK over HttpClient5Transport").add(new double[] {c, hc5.sdk().perSecond()});
            series.get("bare HttpClient 5").add(new double[] {c, hc5.bare().perSecond()});
        }
        body.append('\n');
        ScalingChart.write(dir.resolve("scaling.png"), "Authenticated queries to the simulator (2 cores, loopback)",
                series);
    }

    private static ClientOverhead.Row queryRow(List<ClientOverhead.Row> rows, String transport, int c) {
        return rows.stream().filter(r -> r.transport().equals(transport) && r.operation().equals("query")
                && r.concurrency() == c).findFirst().orElseThrow();
    }

    private static void memory(StringBuilder body, List<String> summary, List<MemoryFootprint.Series> all) {
        body.append("## 4. Memory: heap retained after many calls and pushes\n\n");
        body.append("Retained heap = the JVM's used heap after four `System.gc()` calls (the lowest `MemoryMXBean` ")
                .append("reading) minus the same reading taken just before the client or receiver was built. Baseline of ")
                .append("each series: for a client its first point; for a receiver the first point where both of its ")
                .append("bounded memories are in their steady state: the de-duplication store full (100,000 keys) and ")
                .append("the replay guard past its window (a nonce stays until its `Created` is five minutes old, at most ")
                .append("ten when `Created` lies ahead, so after 600 s of traffic it holds a steady number): beyond that ")
                .append("a flat series has ratios near 1.00. ")
                .append("The receivers get sustained traffic of ").append(MemoryFootprint.PUSHES_PER_SIMULATED_SECOND)
                .append(" pushes per second, simulated: signer and verifier share a clock that moves 10 ms per push ")
                .append("(below the rate the default replay guard holds, about 166 pushes/s), and every push must be ")
                .append("accepted or the run fails. The clients ")
                .append("call a stub server on loopback (a JDK `HttpServer` answering every request with a real query ")
                .append("answer captured from the simulator), 16 threads, through the whole SDK. The receivers keep ")
                .append("their defaults: de-duplication store 100,000 keys / 12 h, replay guard 100,000 nonces / 5 min skew.\n\n");
        for (MemoryFootprint.Series series : all) {
            body.append("**").append(series.subject()).append("**\n\n");
            body.append("| ").append(series.unit()).append(" | retained KiB | ratio to baseline | note |\n")
                    .append("|---:|---:|---:|---|\n");
            MemoryFootprint.Point base = series.points().get((int) series.baselineIndex());
            for (MemoryFootprint.Point p : series.points()) {
                body.append(String.format(Locale.ROOT, "| %,d | %,d%s | %s | %s |%n", p.n(), p.retainedBytes() / 1024,
                        p.measured() ? "" : " (extrapolated)", p == base ? "1.00 (baseline)"
                                : String.format(Locale.ROOT, "%.2f", (double) p.retainedBytes() / base.retainedBytes()),
                        p.note()));
            }
            body.append('\n');
            MemoryFootprint.Point last = series.points().get(series.points().size() - 1);
            double ratio = (double) last.retainedBytes() / base.retainedBytes();
            summary.add(String.format(Locale.ROOT, "| memory, %s after %,d %s | %,.1f MiB%s | after %,d %s: %,.1f MiB | "
                    + "%.2f | flat beyond the bounds | %s |", series.subject(), last.n(), series.unit(),
                    last.retainedBytes() / 1048576.0, last.measured() ? "" : " (extrapolated)", base.n(), series.unit(),
                    base.retainedBytes() / 1048576.0, ratio, verdict(ratio <= 1.25)));
        }
    }

    private static String verdict(boolean met) {
        return met ? "yes" : "**no**";
    }

    static void table(StringBuilder report, List<LoadResult> results) {
        report.append("| what | threads | requests/s | p50 µs | p99 µs | errors | ratio to baseline (throughput) |\n");
        report.append("|---|---:|---:|---:|---:|---:|---:|\n");
        LoadResult baseline = null;
        for (LoadResult r : results) {
            if (r.name().contains("baseline")) {
                baseline = r;
            }
            String ratio = baseline == null || r == baseline ? "1.00 (baseline)"
                    : String.format(Locale.ROOT, "%.2f", r.perSecond() / baseline.perSecond());
            report.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %d | %d | %d | %s |%n", r.name(), r.concurrency(),
                    r.perSecond(), r.p50Micros(), r.p99Micros(), r.errors(), ratio));
        }
        report.append('\n');
    }

    static String machine() throws IOException {
        String cpu = "unknown";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            cpu = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        }
        String load = "unknown";
        Path loadavg = Path.of("/proc/loadavg");
        if (Files.isReadable(loadavg)) {
            String[] f = Files.readString(loadavg).trim().split("\\s+");
            load = f[0] + " / " + f[1] + " / " + f[2] + " (1 / 5 / 15 min)";
        }
        return "| | |\n|---|---|\n"
                + "| date | " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " |\n"
                + "| CPU | " + cpu + " |\n"
                + "| cores | " + Runtime.getRuntime().availableProcessors() + " |\n"
                + "| memory | " + String.format(Locale.ROOT, "%,d MiB max heap",
                        Runtime.getRuntime().maxMemory() / 1048576) + " |\n"
                + "| load average at start | " + load + " |\n"
                + "| OS | " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " |\n"
                + "| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " |\n"
                + "| JVM flags | " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + " |\n"
                + "| JMH forks | -Xms2g -Xmx2g, same JDK and class path |\n";
    }
}
