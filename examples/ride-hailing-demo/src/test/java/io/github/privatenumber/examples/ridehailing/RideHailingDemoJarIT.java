package io.github.privatenumber.examples.ridehailing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged jar exactly as the README's Quick start does: {@code java -jar ride-hailing-demo.jar}, no
 * arguments, and expects exit status 0 and the whole lifecycle on standard output.
 */
class RideHailingDemoJarIT {

    @Test
    void theReadmeCommandRunsTheLifecycleAndExitsZero() throws Exception {
        Path jar = Path.of(System.getProperty("demo.jar", "target/ride-hailing-demo.jar"));
        assertThat(jar).exists();
        Path output = Files.createTempFile("ride-hailing-demo", ".out");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        assertThat(ended).as("ended within 3 minutes; printed:%n%s", printed).isTrue();
        assertThat(process.exitValue()).as("exit status; printed:%n%s", printed).isZero();
        assertThat(printed).contains("[8] unbind", "Lifecycle complete in").doesNotContain("13800000001")
                .doesNotContain("Exception");
        assertThat(new File(jar.toString()).length()).isGreaterThan(1_000_000);
    }
}
