package io.github.privatenumber.examples.ridehailing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.simulator.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The README's main job: the demo's lifecycle, end to end, through the same entry point as
 * {@code java -jar ride-hailing-demo.jar}.
 */
class RideHailingDemoTest {

    @Test
    void runsTheWholeLifecycleAgainstTheEmbeddedSimulatorAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RideHailingDemoApplication.run(new String[0], print(out), print(err));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        assertThat(printed)
                .contains("embedded simulator at http://127.0.0.1:")
                .contains("[1] bind A -> X", "[2] bind B -> Y", "[3] call A -> Y -> B", "[4] call events",
                        "[5] CDR", "[6] recording URL", "[7] query", "[8] unbind")
                .containsPattern("callin .* \\+86138\\*\\*\\*\\*0001 -> \\+86170\\*\\*\\*\\*\\d{4}")
                .contains("disconnect", "state 0 (normal release after answer)")
                .contains("talk 42 s, recording yes, order ride-20261203-0042")
                .containsPattern("/simulator/recordings/[^ ?]+\\.wav\\?\\.\\.\\. \\(signed link")
                .contains("a query now answers 1016001 (binding does not exist)")
                .contains("Lifecycle complete in", "8 steps done", "acknowledged 6 pushes and rejected 0", "Health: UP");
        assertThat(printed).as("numbers are masked").doesNotContain("13800000001").doesNotContain("13900000002")
                .doesNotContainPattern("\\+86170\\d{8}").doesNotContain("sim-app-secret");
    }

    @Test
    void aFailingStepExitsNonZeroWithAClearMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // a "real" endpoint where nothing listens: the first call cannot connect
        int code = RideHailingDemoApplication.run(new String[] {"--privatenumber.endpoint=http://127.0.0.1:1",
            "--privatenumber.app-key=key", "--privatenumber.app-secret=secret", "--privatenumber.retry.max-attempts=1",
            "--privatenumber.transport=jdk"}, print(out), print(err));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("http://127.0.0.1:1 (real platform)");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Demo failed at step 'bind A -> X': ")
                .contains("TransportException");
    }

    @Test
    void givenAnEndpointAndKeysItTalksToThatPlatformAndSkipsTheSimulatedCall() {
        // a stand-in for Huawei that the demo does not know is a simulator: no embedded one is started
        try (Simulator platform = Simulator.builder().credentials(AppCredentials.of("real-key", "real-secret-0001"))
                .build().start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = RideHailingDemoApplication.run(new String[] {"--privatenumber.endpoint=" + platform.baseUrl(),
                "--privatenumber.app-key=real-key", "--privatenumber.app-secret=real-secret-0001"}, print(out),
                print(err));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(code).as("exit code; stderr: %s", err).isZero();
            assertThat(printed).contains(platform.baseUrl() + " (real platform), app key real-key")
                    .contains("[1] bind A -> X", "[2] bind B -> Y", "[7] query", "[8] unbind")
                    .contains("skipped: on the real platform a call is a real phone call")
                    .contains("4 steps done, 4 skipped (real platform)").doesNotContain("real-secret-0001");
            assertThat(platform.state().bindings()).as("unbound at the end").isEmpty();
        }
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
