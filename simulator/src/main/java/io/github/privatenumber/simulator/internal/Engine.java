package io.github.privatenumber.simulator.internal;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.signing.ReplayGuard;
import io.github.privatenumber.signing.SignatureVerifier;
import io.github.privatenumber.simulator.CallRequest;
import io.github.privatenumber.simulator.CallResult;
import io.github.privatenumber.simulator.NumberPool;
import io.github.privatenumber.simulator.Push;
import io.github.privatenumber.simulator.SimulatorState;
import io.github.privatenumber.simulator.internal.calls.CallEngine;
import io.github.privatenumber.simulator.internal.calls.Recordings;
import io.github.privatenumber.simulator.internal.http.AdminHandler;
import io.github.privatenumber.simulator.internal.http.ApiHandler;
import io.github.privatenumber.simulator.internal.http.AuthCheck;
import io.github.privatenumber.simulator.internal.http.FaultRegistry;
import io.github.privatenumber.simulator.internal.http.HttpFront;
import io.github.privatenumber.simulator.internal.http.HttpServerCore;
import io.github.privatenumber.simulator.internal.state.Platform;
import io.github.privatenumber.simulator.internal.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything a running simulator is made of; {@code Simulator} is its public face. Thread-safe. */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /**
     * One app as configured.
     *
     * @param credentials key and secret
     * @param eventUrl call-event URL, may be {@code null}
     * @param feeUrl CDR URL, may be {@code null}
     * @param pool its numbers
     */
    public record AppSpec(AppCredentials credentials, URI eventUrl, URI feeUrl, NumberPool pool) {
    }

    /**
     * The whole configuration.
     *
     * @param host bind address
     * @param port port, 0 for a free one
     * @param apps the apps, the first is the default
     * @param push how pushes go out
     * @param allowedSkew authentication skew window
     * @param baseClock source of platform time
     * @param authClock clock for the Created check
     * @param https serve https with a self-signed certificate (unless serverSsl is given)
     * @param serverSsl a custom server TLS context, may be {@code null}
     * @param acceptWsse accept the legacy WSSE request scheme
     * @param workerThreads platform requests processed at once
     * @param replayCapacity nonces remembered
     * @param maxBodyBytes largest accepted request body
     * @param recordDomain recordDomain of recordings
     * @param hostName CDR hostName
     * @param readTimeout how long one request may take to arrive, from its first byte
     */
    public record Config(String host, int port, List<AppSpec> apps, Apps.PushConfig push, Duration allowedSkew, Clock baseClock,
            Clock authClock, boolean https, SSLContext serverSsl, boolean acceptWsse, int workerThreads, int replayCapacity,
            int maxBodyBytes, String recordDomain, String hostName, Duration readTimeout) {
    }

    /** Largest request line plus headers. */
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Connections served at once. */
    public static final int MAX_CONNECTIONS = 512;

    private final Config config;
    private final PlatformClock clock;
    private final Platform platformState;
    private final Recordings recordings;
    private final Apps apps;
    private final CallEngine calls;
    private final FaultRegistry faults = new FaultRegistry();
    private final ApiHandler api;
    private final SelfSignedCertificate certificate;
    private volatile HttpServerCore server;
    private volatile HttpFront front;
    private volatile String baseUrl;

    /**
     * @param config the configuration
     */
    public Engine(Config config) {
        this.config = config;
        this.clock = new PlatformClock(config.baseClock());
        Map<String, NumberPool> pools = new LinkedHashMap<>();
        Map<AppCredentials, URI[]> appMap = new LinkedHashMap<>();
        for (AppSpec a : config.apps()) {
            pools.put(a.credentials().appKey(), a.pool());
            appMap.put(a.credentials(), new URI[] {a.eventUrl(), a.feeUrl()});
        }
        this.platformState = new Platform(clock, pools);
        this.recordings = new Recordings(clock);
        this.apps = new Apps(appMap, config.push(), clock);
        this.calls = new CallEngine(platformState, recordings, clock, apps, config.hostName(), config.recordDomain(),
                "sim-records", "simulator-sp", () -> baseUrl);
        SignatureVerifier verifier = SignatureVerifier.builder()
                .credentials(config.apps().stream().map(AppSpec::credentials).toArray(AppCredentials[]::new))
                .clock(config.authClock())
                .allowedSkew(config.allowedSkew())
                .replayCapacity(config.replayCapacity())
                // a test tool under load tests: forget the oldest nonce rather than refuse (see Simulator.Builder#replayCapacity)
                .replayOverflow(ReplayGuard.Overflow.EVICT_OLDEST)
                .wsseEnabled(config.acceptWsse())
                .build();
        this.api = new ApiHandler(new AuthCheck(verifier, config.acceptWsse()), platformState, calls, recordings, () -> baseUrl);
        this.certificate = config.https() && config.serverSsl() == null
                ? SelfSignedCertificate.generate("localhost", List.of("localhost"), certificateIps(config.host()), Duration.ofDays(365))
                : null;
    }

    private static List<String> certificateIps(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("localhost")) {
            return List.of("127.0.0.1");
        }
        return host.equals("127.0.0.1") ? List.of("127.0.0.1") : List.of("127.0.0.1", host);
    }

    /**
     * Binds the port and starts serving.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        apps.startDispatchers();
        HttpFront f = new HttpFront(api, new AdminHandler(this, config.maxBodyBytes()), faults, config.workerThreads());
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(config.host()), config.port());
            SSLContext ssl = !config.https() ? null : config.serverSsl() != null ? config.serverSsl() : certificate.serverContext();
            Duration idle = config.readTimeout().compareTo(Duration.ofSeconds(30)) > 0 ? config.readTimeout() : Duration.ofSeconds(30);
            HttpServerCore s = HttpServerCore.start(address, ssl, f, new HttpServerCore.Settings(config.maxBodyBytes(),
                    MAX_HEADER_BYTES, config.readTimeout(), idle, Duration.ofSeconds(30), MAX_CONNECTIONS), "simulator-http");
            String h = config.host();
            if (h.equals("0.0.0.0") || h.equals("::")) {
                h = "127.0.0.1";
            } else if (h.contains(":")) {
                h = "[" + h + "]";
            }
            baseUrl = (config.https() ? "https" : "http") + "://" + h + ":" + s.port();
            server = s;
            front = f;
            LOG.info("simulator listening on {} ({} app(s), default app {})", baseUrl, config.apps().size(),
                    apps.first().credentials().appKey());
        } catch (IOException e) {
            apps.close();
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().toLowerCase(java.util.Locale.ROOT);
            throw new UncheckedIOException("cannot start the simulator on " + config.host() + ":" + config.port() + ": " + cause, e);
        }
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:18080}; {@code null} before start */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return the configuration */
    public Config config() {
        return config;
    }

    /** @return the apps */
    public Apps apps() {
        return apps;
    }

    /** @return the fault rules */
    public FaultRegistry faults() {
        return faults;
    }

    /** @return the recordings */
    public Recordings recordings() {
        return recordings;
    }

    /** @return the platform clock */
    public PlatformClock clock() {
        return clock;
    }

    /** @return the self-signed certificate's trust store, or {@code null} when not serving a generated certificate */
    public KeyStore trustStore() {
        return certificate == null ? null : certificate.trustStore();
    }

    /** @return the generated certificate, or {@code null} */
    public SelfSignedCertificate certificate() {
        return certificate;
    }

    /**
     * @param requests calls that end together
     * @return their results
     */
    public List<CallResult> placeCalls(List<CallRequest> requests) {
        return calls.place(requests);
    }

    /**
     * @param amount how far to move platform time
     * @return the new platform time
     */
    public Instant advanceClock(Duration amount) {
        Instant now = clock.advance(amount);
        LOG.info("platform clock advanced by {} to {}", amount, now);
        return now;
    }

    /** Clears bindings, calls, recordings, pushes and faults, and puts the platform clock back on real time. */
    public void reset() {
        platformState.clear();
        calls.clear();
        recordings.clear();
        faults.clear();
        clock.resetOffset();
        apps.startDispatchers();
        LOG.info("simulator reset");
    }

    /** @return a snapshot */
    public SimulatorState state() {
        return new SimulatorState(clock.instant(), platformState.snapshot(), calls.snapshot(), apps.pushes(), faults.list());
    }

    /** @return every push */
    public List<Push> pushes() {
        return apps.pushes();
    }

    /**
     * @param appKey an app
     * @return free numbers per area code
     */
    public Map<String, Integer> freeNumbers(String appKey) {
        return platformState.freeNumbers(appKey);
    }

    /**
     * @return HTTP requests read (at least their first byte) and not yet answered; 0 when not started
     */
    public int requestsInProgress() {
        HttpServerCore s = server;
        return s == null ? 0 : s.requestsInProgress();
    }

    @Override
    public synchronized void close() {
        HttpServerCore s = server;
        if (s != null) {
            front.close();
            s.close();
            server = null;
            LOG.info("simulator on {} stopped", baseUrl);
        }
        apps.close();
    }
}
