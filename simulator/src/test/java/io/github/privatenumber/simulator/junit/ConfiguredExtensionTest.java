package io.github.privatenumber.simulator.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.simulator.NumberPool;
import io.github.privatenumber.simulator.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfiguredExtensionTest {

    static final AppCredentials APP = AppCredentials.of("custom-key", "custom-secret-0042");

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.builder()
            .credentials(APP)
            .repushTimeScale(0.01)
            .configure(b -> b.pool(NumberPool.parse("010 +8617001000001")))
            .build();

    @Test
    void usesTheConfiguration(Simulator injected) {
        assertSame(SIM.simulator(), injected);
        assertEquals(APP, SIM.credentials());
        assertEquals(SIM.simulator().baseUrl(), SIM.baseUrl());
    }
}
