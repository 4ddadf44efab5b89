package io.github.privatenumber.simulator;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.simulator.internal.Apps;
import io.github.privatenumber.simulator.internal.Engine;
import io.github.privatenumber.simulator.internal.push.PushScheme;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * A local stand-in for Huawei Cloud Private Number in AXYB mode (the platform of SPEC.md), served over real
 * HTTP(S) on loopback: bind / unbind / query, the recording download URL, callStop, with the platform's
 * authentication, validation, result codes, number pools and expiry; simulated calls that push signed call
 * events and CDRs (with re-push); recordings behind a 301; and fault injection.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.builder().eventUrl(URI.create("http://127.0.0.1:9000/events")).build().start()) {
 *     URI base = sim.baseUrl();                    // point the SDK here
 *     AppCredentials app = sim.credentials();      // sim-app-key / sim-app-secret-0001
 *     ...
 *     sim.placeCall(CallRequest.of(numA, numY));   // pushes callin … disconnect and a CDR
 * }
 * }</pre>
 *
 * <h2>Admin API</h2>
 * Not Huawei's, under {@code /simulator/}, no signature: {@code GET /simulator/health}; {@code GET /simulator/state}
 * (bindings with masked numbers, calls, pushes with attempts, faults); {@code GET|POST /simulator/clock}
 * {@code {"advanceSeconds":n}}; {@code GET|POST|DELETE /simulator/faults} ({@code {"path","method","kind":
 * "latency|server_error|connection_reset|answer_lost","latencyMs","times": n|"unlimited"}}, {@code DELETE ?id=}
 * removes one); {@code POST /simulator/reset}; {@code POST /simulator/calls} (one call as
 * {@code {"caller","called","answer","talkSeconds","ringSeconds","calleeOutcome","hold"}} or {@code {"calls":[...]}});
 * {@code POST /simulator/push-urls} {@code {"appKey","eventUrl","feeUrl"}}; {@code GET /simulator/recordings/<file>}
 * serves recordings (the recording API's 301 points there).
 *
 * <h2>Time</h2>
 * Two clocks: the <em>platform clock</em> (binding expiry, call timestamps, recording age; moved forward by
 * {@link #advanceClock(Duration)}) and the real clock for the {@code Created} check of authentication, so
 * moving platform time never makes a fresh request stale.
 *
 * <p>Thread-safe. {@link #close()} stops serving and cancels pending re-pushes.
 */
public final class Simulator implements AutoCloseable {

    /** App key of the default app. */
    public static final String DEFAULT_APP_KEY = "sim-app-key";
    /** App secret of the default app. */
    public static final String DEFAULT_APP_SECRET = "sim-app-secret-0001";

    private final Engine engine;

    private Simulator(Engine engine) {
        this.engine = engine;
    }

    /** @return a builder with the defaults: 127.0.0.1, a free port, one app with the default credentials and pool */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts serving.
     *
     * @return this simulator
     * @throws UncheckedIOException if the port cannot be bound
     * @throws IllegalStateException if already started
     */
    public Simulator start() {
        engine.start();
        return this;
    }

    /**
     * @return the base URL to give the SDK, e.g. {@code http://127.0.0.1:18080} (no trailing slash)
     * @throws IllegalStateException before {@link #start()}
     */
    public URI baseUrl() {
        String b = engine.baseUrl();
        if (b == null) {
            throw new IllegalStateException("not started");
        }
        return URI.create(b);
    }

    /** @return the default app's credentials */
    public AppCredentials credentials() {
        return engine.apps().first().credentials();
    }

    /** @return every app's credentials; the first is the default app */
    public List<AppCredentials> apps() {
        List<AppCredentials> out = new ArrayList<>();
        for (Apps.App a : engine.apps().all()) {
            out.add(a.credentials());
        }
        return out;
    }

    /**
     * Simulates one call; its events and CDR are pushed to the owning app's URLs.
     *
     * @param call the call
     * @return what the platform did
     * @throws IllegalArgumentException if a number is not in global format or the dialled number is not a
     *     privacy number of this simulator
     */
    public CallResult placeCall(CallRequest call) {
        return engine.placeCalls(List.of(call)).get(0);
    }

    /**
     * Simulates calls that end together: their CDRs are pushed in one batch per app (at most 50 per push).
     *
     * @param calls the calls
     * @return one result per call, in order
     * @throws IllegalArgumentException as {@link #placeCall(CallRequest)}; then no call is placed
     */
    public List<CallResult> placeCalls(List<CallRequest> calls) {
        return engine.placeCalls(List.copyOf(calls));
    }

    /**
     * Moves the platform clock forward; relations whose duration ran out vanish and their numbers return to
     * the pool.
     *
     * @param amount how far: 0 to 3653 days (ten years) per call; in total the platform clock may run at
     *     most 36525 days (a hundred years) ahead of real time until {@link #reset()}
     * @return the new platform time
     * @throws IllegalArgumentException if {@code amount} is negative or out of range (the clock is then unchanged)
     */
    public Instant advanceClock(Duration amount) {
        return engine.advanceClock(amount);
    }

    /** @return the platform clock's current time */
    public Instant platformTime() {
        return engine.clock().instant();
    }

    /** @return the fault rules (changes apply to the next request) */
    public Faults faults() {
        return engine.faults();
    }

    /**
     * Clears bindings, calls, recordings, pushes (pending re-pushes are cancelled) and faults, and puts the
     * platform clock back onto real time. Apps, their URLs and the nonce history stay.
     */
    public void reset() {
        engine.reset();
    }

    /** @return a snapshot of bindings, calls, pushes and faults */
    public SimulatorState state() {
        return engine.state();
    }

    /** @return every push so far with its attempts */
    public List<Push> pushes() {
        return engine.pushes();
    }

    /**
     * Waits until every push is delivered or has failed for good (no re-push left).
     *
     * @param timeout how long to wait at most
     * @return whether that happened in time
     */
    public boolean awaitPushesSettled(Duration timeout) {
        return engine.apps().awaitSettled(timeout);
    }

    /**
     * How many HTTP requests the simulator is working on: their first byte has been read and their answer not yet
     * written or dropped. A request delayed by a {@linkplain FaultKind#LATENCY latency fault} counts while it waits.
     * Tests that inject delays use it to wait until every request they sent has taken effect before they look at
     * {@link #state()}; bytes still in the socket's receive queue (not read yet) are not counted.
     *
     * @return requests in progress, 0 before {@link #start()} and after {@link #close()}
     */
    public int requestsInProgress() {
        return engine.requestsInProgress();
    }

    /**
     * Sets the default app's callback URLs (like the console does).
     *
     * @param eventUrl call-event URL, {@code null} for none (events are then not pushed)
     * @param feeUrl CDR URL, {@code null} for none
     * @throws IllegalArgumentException if a URL is not absolute http(s) with a host
     */
    public void setPushUrls(URI eventUrl, URI feeUrl) {
        engine.apps().setUrls(null, eventUrl, feeUrl);
    }

    /**
     * Sets one app's callback URLs.
     *
     * @param appKey the app
     * @param eventUrl call-event URL, {@code null} for none
     * @param feeUrl CDR URL, {@code null} for none
     * @throws IllegalArgumentException for an unknown app, or if a URL is not absolute http(s) with a host
     */
    public void setPushUrls(String appKey, URI eventUrl, URI feeUrl) {
        engine.apps().setUrls(Objects.requireNonNull(appKey, "appKey"), eventUrl, feeUrl);
    }

    /**
     * @return with {@link Builder#https(boolean)}: a trust store (PKCS12, certificate entry only) that trusts
     *     the generated self-signed certificate; empty for plain HTTP or a custom server context
     */
    public Optional<KeyStore> trustStore() {
        return Optional.ofNullable(engine.trustStore());
    }

    /**
     * Writes {@link #trustStore()} to a PKCS12 file.
     *
     * @param file where
     * @param password its password
     * @throws IllegalStateException when there is no generated certificate
     * @throws UncheckedIOException if the file cannot be written
     */
    public void writeTrustStore(Path file, char[] password) {
        KeyStore ks = engine.trustStore();
        if (ks == null) {
            throw new IllegalStateException("no generated certificate: start with https(true)");
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the trust store", e);
        }
    }

    /** Stops serving and cancels pending re-pushes. Idempotent. */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "Simulator[" + (engine.baseUrl() == null ? "not started" : engine.baseUrl()) + ", apps=" + apps().size() + "]";
    }

    /** Signature scheme of the simulator's pushes. */
    public enum PushSigning {
        /** {@code Authorization: AKSK …} and {@code X-AKSK} (HMAC-SHA256), the current scheme. */
        AKSK,
        /** {@code Authorization: WSSE …} and {@code X-WSSE} (SHA-256 of nonce + created + secret), seen in older pushes. */
        WSSE
    }

    /** Configures a {@link Simulator}. Not thread-safe; every setting has a default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private AppCredentials credentials = AppCredentials.of(DEFAULT_APP_KEY, DEFAULT_APP_SECRET);
        private URI eventUrl;
        private URI feeUrl;
        private NumberPool pool;
        private final List<Engine.AppSpec> extraApps = new ArrayList<>();
        private double repushTimeScale = 1.0;
        private Duration allowedSkew = Duration.ofMinutes(5);
        private Clock platformClock = Clock.systemUTC();
        private Clock authClock = Clock.systemUTC();
        private boolean https;
        private SSLContext serverSslContext;
        private SSLContext pushSslContext;
        private PushSigning pushSigning = PushSigning.AKSK;
        private boolean acceptWsse = true;
        private Duration cdrBatchWindow = Duration.ofMillis(100);
        private Duration pushTimeout = Duration.ofSeconds(5);
        private int workerThreads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        private int replayCapacity = 200_000;
        private int maxBodyBytes = 64 * 1024;
        private Duration readTimeout = Duration.ofSeconds(10);
        private String recordDomain = "obs.simulator.local";
        private String hostName = "callenabler.simulator.local";

        private Builder() {
        }

        /**
         * @param host address to bind, default {@code 127.0.0.1} (loopback only)
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * @param port port to bind, default 0 (a free port; see {@link Simulator#baseUrl()})
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535");
            }
            this.port = port;
            return this;
        }

        /**
         * @param credentials the default app's key and secret, default {@code sim-app-key} / {@code sim-app-secret-0001}
         * @return this builder
         */
        public Builder credentials(AppCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * @param url the default app's call-event URL; {@code null} (default): events are not pushed
         * @return this builder
         */
        public Builder eventUrl(URI url) {
            this.eventUrl = url;
            return this;
        }

        /**
         * @param url the default app's CDR URL; {@code null} (default): CDRs are not pushed
         * @return this builder
         */
        public Builder feeUrl(URI url) {
            this.feeUrl = url;
            return this;
        }

        /**
         * @param pool the default app's numbers, default {@link NumberPool#defaultPool()}
         * @return this builder
         */
        public Builder pool(NumberPool pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /**
         * Adds another app with its own numbers ({@link NumberPool#defaultPool(int)} by position when
         * {@code pool} is {@code null}).
         *
         * @param credentials its key and secret
         * @param eventUrl its call-event URL, may be {@code null}
         * @param feeUrl its CDR URL, may be {@code null}
         * @param pool its numbers, may be {@code null}
         * @return this builder
         */
        public Builder addApp(AppCredentials credentials, URI eventUrl, URI feeUrl, NumberPool pool) {
            extraApps.add(new Engine.AppSpec(Objects.requireNonNull(credentials, "credentials"), eventUrl, feeUrl, pool));
            return this;
        }

        /**
         * @param scale factor on the re-push schedule of 1, 4, 9, 106, 203 and 300 minutes between attempts
         *     (default 1; e.g. {@code 0.001} turns a minute into 60 ms); greater than 0, at most 1000
         * @return this builder
         */
        public Builder repushTimeScale(double scale) {
            if (!(scale > 0) || scale > 1000) {
                throw new IllegalArgumentException("repushTimeScale must be > 0 and <= 1000");
            }
            this.repushTimeScale = scale;
            return this;
        }

        /**
         * @param skew largest accepted |Created − now|, positive, default 5 minutes
         * @return this builder
         */
        public Builder allowedSkew(Duration skew) {
            if (skew.isNegative() || skew.isZero()) {
                throw new IllegalArgumentException("allowedSkew must be positive");
            }
            this.allowedSkew = skew;
            return this;
        }

        /**
         * @param clock the base of the platform clock (default the system UTC clock)
         * @return this builder
         */
        public Builder platformClock(Clock clock) {
            this.platformClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param clock the clock the {@code Created} check compares with (default the system UTC clock)
         * @return this builder
         */
        public Builder authClock(Clock clock) {
            this.authClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param enabled serve HTTPS with a freshly generated self-signed certificate for {@code localhost}
         *     and {@code 127.0.0.1} (see {@link Simulator#trustStore()})
         * @return this builder
         */
        public Builder https(boolean enabled) {
            this.https = enabled;
            return this;
        }

        /**
         * @param context serve HTTPS with this context instead of a generated certificate
         * @return this builder
         */
        public Builder serverSslContext(SSLContext context) {
            this.serverSslContext = context;
            this.https = context != null || https;
            return this;
        }

        /**
         * @param context TLS context for https callback URLs (default: the JVM's default trust)
         * @return this builder
         */
        public Builder pushSslContext(SSLContext context) {
            this.pushSslContext = context;
            return this;
        }

        /**
         * @param signing how pushes are signed, default {@link PushSigning#AKSK}
         * @return this builder
         */
        public Builder pushSigning(PushSigning signing) {
            this.pushSigning = Objects.requireNonNull(signing, "signing");
            return this;
        }

        /**
         * @param accept whether requests signed with the legacy WSSE scheme are accepted (default {@code true})
         * @return this builder
         */
        public Builder acceptWsse(boolean accept) {
            this.acceptWsse = accept;
            return this;
        }

        /**
         * @param window how long a CDR waits for others to share its push (default 100 ms); CDRs of calls
         *     placed together are always pushed together
         * @return this builder
         */
        public Builder cdrBatchWindow(Duration window) {
            this.cdrBatchWindow = Objects.requireNonNull(window, "window");
            return this;
        }

        /**
         * @param timeout timeout of one push attempt (default 5 s)
         * @return this builder
         */
        public Builder pushTimeout(Duration timeout) {
            this.pushTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param threads how many platform API requests are processed at once (default max(8, 4 × CPUs)); the
         *     admin API and requests waiting out a latency fault never count against it
         * @return this builder
         */
        public Builder workerThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("workerThreads must be at least 1");
            }
            this.workerThreads = threads;
            return this;
        }

        /**
         * @param timeout how long one request may take to arrive completely (request line, headers, body) once
         *     its first byte came, default 10 s; a slower request gets a 408 and its connection is closed. A
         *     connection idle between requests is closed after 30 s (or this timeout, if longer). Positive, at
         *     most 10 minutes.
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("readTimeout must be positive and at most 10 minutes");
            }
            this.readTimeout = timeout;
            return this;
        }

        /**
         * @param capacity how many nonces are remembered for replay detection (default 200 000). When it is full of
         *     nonces still inside the skew window, the simulator forgets the oldest one rather than refusing requests
         *     (it is a test tool and must survive load tests): replay detection is exact as long as fewer than
         *     capacity / (2 × skew) requests per second are accepted, about 330/s with the defaults
         * @return this builder
         */
        public Builder replayCapacity(int capacity) {
            this.replayCapacity = capacity;
            return this;
        }

        /**
         * @return the simulator, not yet started
         * @throws IllegalArgumentException if two apps share a key or a number
         */
        public Simulator build() {
            List<Engine.AppSpec> apps = new ArrayList<>();
            apps.add(new Engine.AppSpec(credentials, eventUrl, feeUrl, pool != null ? pool : NumberPool.defaultPool()));
            Set<String> keys = new HashSet<>();
            keys.add(credentials.appKey());
            int i = 1;
            for (Engine.AppSpec a : extraApps) {
                if (!keys.add(a.credentials().appKey())) {
                    throw new IllegalArgumentException("two apps share the app key " + a.credentials().appKey());
                }
                apps.add(a.pool() != null ? a : new Engine.AppSpec(a.credentials(), a.eventUrl(), a.feeUrl(), NumberPool.defaultPool(i)));
                i++;
            }
            Apps.PushConfig push = new Apps.PushConfig(pushSigning == PushSigning.WSSE ? PushScheme.WSSE : PushScheme.AKSK,
                    repushTimeScale, cdrBatchWindow, pushTimeout, pushSslContext);
            return new Simulator(new Engine(new Engine.Config(host, port, apps, push, allowedSkew, platformClock, authClock, https,
                    serverSslContext, acceptWsse, workerThreads, replayCapacity, maxBodyBytes, recordDomain, hostName, readTimeout)));
        }
    }
}
