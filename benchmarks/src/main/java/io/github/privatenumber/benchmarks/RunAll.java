package io.github.privatenumber.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Runs every harness and writes one Markdown report: {@code reports/latest.md} beside this module's pom for a full run,
 * {@code target/quick.md} for a quick one (or the directory named by {@code -Dbenchmarks.reportDir}). Argument
 * {@code quick} shortens every run for a smoke test.
 */
public final class RunAll {

    private RunAll() {
    }

    /**
     * @param args {@code full} (default) or {@code quick}
     * @throws Exception when a harness fails
     */
    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && "quick".equals(args[0]);
        double warmup = quick ? 1 : 5;
        double seconds = quick ? 2 : 10;
        StringBuilder report = new StringBuilder();
        report.append("# Benchmark report\n\n");
        report.append(machine()).append('\n');
        report.append("Mode: ").append(quick ? "quick (1 s warm-up, 2 s measured)" : "full (5 s warm-up, 10 s measured)")
                .append(" per row. Every figure is compared with a baseline measured in the same run, because these ")
                .append("machines are noisy; read the ratios first.\n\n");

        report.append("## Simulator: authenticated queries per second\n\n");
        report.append("Client: Apache HttpClient 5 (classic, pooled, one connection per thread), each request signed ")
                .append("afresh (AKSK, new nonce). Baseline: a bare JDK `HttpServer` answering the same bytes with no ")
                .append("authentication or state, same client, same threads. Target: at least 5,000 queries/s.\n\n");
        List<LoadResult> simulator = SimulatorThroughput.run(new int[] {16, 64}, warmup, seconds);
        table(report, simulator);

        String text = report.toString();
        System.out.println(text);
        // a quick smoke run never overwrites the committed full report
        Path dir = Path.of(System.getProperty("benchmarks.reportDir", quick ? "target" : "reports"));
        Files.createDirectories(dir);
        Path file = dir.resolve(quick ? "quick.md" : "latest.md");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        System.out.println("report written to " + file.toAbsolutePath());
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
        return "| | |\n|---|---|\n"
                + "| date | " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " |\n"
                + "| CPU | " + cpu + " |\n"
                + "| cores | " + Runtime.getRuntime().availableProcessors() + " |\n"
                + "| OS | " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " |\n"
                + "| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " |\n"
                + "| JVM flags | " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + " |\n";
    }
}
