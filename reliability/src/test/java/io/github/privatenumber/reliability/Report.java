package io.github.privatenumber.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the figures of the run and rewrites {@code target/reliability-report.md} after every addition, so the file
 * holds whatever ran even when a later test fails. Sections keep the order in which they were first added; the
 * summary table is at the top. Thread-safe.
 */
final class Report {

    static final Path FILE = Path.of("target", "reliability-report.md");

    private static final Instant STARTED = Instant.now();
    private static final Map<String, String[]> SUMMARY = new LinkedHashMap<>();
    private static final Map<String, List<String>> SECTIONS = new LinkedHashMap<>();

    private Report() {
    }

    /**
     * Adds or replaces a row of the summary table.
     *
     * @param area e.g. "Hostile pushes"
     * @param what the figure's name
     * @param value the figure
     */
    static synchronized void summary(String area, String what, String value) {
        SUMMARY.put(area + "\u0000" + what, new String[] {area, what, value});
        write();
    }

    /**
     * Adds or replaces a section.
     *
     * @param title its heading
     * @param lines markdown lines
     */
    static synchronized void section(String title, List<String> lines) {
        SECTIONS.put(title, new ArrayList<>(lines));
        write();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static void write() {
        StringBuilder md = new StringBuilder(4096);
        md.append("# Reliability report\n\n");
        md.append("Run started ").append(STARTED.truncatedTo(ChronoUnit.SECONDS)).append(", seed `").append(Knobs.seed())
                .append("` (replay: `-D").append(Knobs.SEED_PROPERTY).append('=').append(Knobs.seed()).append("`), ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
                .append(System.getProperty("java.version")).append(", ").append(System.getProperty("os.name"))
                .append(' ').append(System.getProperty("os.arch")).append(".\n\n");
        md.append("| area | figure | value |\n|---|---|---|\n");
        for (String[] row : SUMMARY.values()) {
            md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2]).append(" |\n");
        }
        for (Map.Entry<String, List<String>> s : SECTIONS.entrySet()) {
            md.append("\n## ").append(s.getKey()).append("\n\n");
            for (String line : s.getValue()) {
                md.append(line).append('\n');
            }
        }
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
