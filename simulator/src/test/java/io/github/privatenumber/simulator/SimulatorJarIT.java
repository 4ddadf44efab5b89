package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.AppCredentials;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the shaded standalone jar as users do (failsafe, after package). */
class SimulatorJarIT {

    private static Path jar() {
        Path jar = Path.of(System.getProperty("simulator.jar", "target/privatenumber-simulator.jar"));
        assertTrue(Files.isRegularFile(jar), "built jar at " + jar.toAbsolutePath());
        return jar;
    }

    private static ProcessBuilder java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    @Test
    void helpExitsZeroAndListsFlags() throws Exception {
        Process p = java("--help").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(out.contains("--event-url") && out.contains("--pool") && out.contains("--https"), out);
    }

    @Test
    void badFlagExitsTwoWithAMessage() throws Exception {
        Process p = java("--port", "banana").start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(err.contains("--port"), err);
    }

    @Test
    void startsServesAndStops() throws Exception {
        Process p = java("--port", "0", "--app-key", "jar-key", "--app-secret", "jar-secret-01").redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Pattern url = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)$");
            String base = null;
            String line;
            while (base == null && (line = lines.readLine()) != null) {
                Matcher m = url.matcher(line);
                if (m.find()) {
                    base = m.group(1);
                }
            }
            assertTrue(base != null, "the base URL was printed");
            Api api = new Api(URI.create(base), AppCredentials.of("jar-key", "jar-secret-01"));
            String[] ax = api.ax(Api.ax("+8613800000001"));
            assertEquals(200, api.query("subscriptionId", ax[0]).status());
        } finally {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
        }
    }
}
