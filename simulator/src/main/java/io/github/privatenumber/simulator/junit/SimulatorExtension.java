package io.github.privatenumber.simulator.junit;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.simulator.Simulator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs a {@link Simulator} on a free loopback port: started once per test class,
 * {@link Simulator#reset() reset} before each test (so every test starts with no bindings, calls, pushes or
 * faults; set state up in {@code @BeforeEach}), closed after the class.
 *
 * <p>With defaults, inject it as a parameter:
 * <pre>{@code
 * @ExtendWith(SimulatorExtension.class)
 * class BindingIT {
 *     @Test void binds(Simulator sim) { ... sim.baseUrl() ... sim.credentials() ... }
 * }
 * }</pre>
 * Configured, register it in a static field:
 * <pre>{@code
 * @RegisterExtension
 * static SimulatorExtension sim = SimulatorExtension.builder().repushTimeScale(0.001).build();
 * }</pre>
 * A non-static field works too, but then the simulator is started and closed around every test.
 * Thread-safe for JUnit's use; parameters of type {@link Simulator} are resolved in constructors, lifecycle
 * and test methods.
 */
public final class SimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final List<Consumer<Simulator.Builder>> configuration;
    private volatile Simulator simulator;
    private volatile String startedBy;

    /** The default configuration (used by {@code @ExtendWith(SimulatorExtension.class)}). */
    public SimulatorExtension() {
        this(List.of());
    }

    private SimulatorExtension(List<Consumer<Simulator.Builder>> configuration) {
        this.configuration = List.copyOf(configuration);
    }

    /** @return a builder for a configured extension */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the running simulator
     * @throws IllegalStateException outside a test class run
     */
    public Simulator simulator() {
        Simulator s = simulator;
        if (s == null) {
            throw new IllegalStateException("the simulator runs only while the test class runs");
        }
        return s;
    }

    /** @return the running simulator's base URL */
    public URI baseUrl() {
        return simulator().baseUrl();
    }

    /** @return the running simulator's default app credentials */
    public AppCredentials credentials() {
        return simulator().credentials();
    }

    private synchronized void startIfNeeded(ExtensionContext context) {
        if (simulator == null) {
            Simulator.Builder b = Simulator.builder();
            for (Consumer<Simulator.Builder> c : configuration) {
                c.accept(b);
            }
            simulator = b.build().start();
            startedBy = context.getUniqueId();
        }
    }

    private synchronized void closeIfOwner(ExtensionContext context) {
        if (simulator != null && context.getUniqueId().equals(startedBy)) {
            simulator.close();
            simulator = null;
            startedBy = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startIfNeeded(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeIfOwner(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (simulator == null) {
            startIfNeeded(context);
        } else {
            simulator.reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeIfOwner(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Simulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        startIfNeeded(extensionContext);
        return simulator;
    }

    /** Configures a {@link SimulatorExtension}. Not thread-safe. */
    public static final class Builder {
        private final List<Consumer<Simulator.Builder>> configuration = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param step any configuration of the simulator (host, port, apps, clocks, …); applied in order
         * @return this builder
         */
        public Builder configure(Consumer<Simulator.Builder> step) {
            configuration.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /**
         * @param credentials the default app's key and secret
         * @return this builder
         */
        public Builder credentials(AppCredentials credentials) {
            return configure(b -> b.credentials(credentials));
        }

        /**
         * @param scale factor on the re-push schedule
         * @return this builder
         */
        public Builder repushTimeScale(double scale) {
            return configure(b -> b.repushTimeScale(scale));
        }

        /**
         * @param enabled serve HTTPS with a generated self-signed certificate
         * @return this builder
         */
        public Builder https(boolean enabled) {
            return configure(b -> b.https(enabled));
        }

        /** @return the extension */
        public SimulatorExtension build() {
            return new SimulatorExtension(configuration);
        }
    }
}
