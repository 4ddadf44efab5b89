package io.github.privatenumber.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.RetryOptions;
import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.TransportException;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.simulator.Simulator;
import io.github.privatenumber.transport.httpclient.HttpClient5Transport;
import io.github.privatenumber.transport.jdk.JdkHttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/**
 * Issue item 5: the client, on each transport, refuses the simulator's self-signed HTTPS unless it is given that
 * certificate's trust store; a trust store of another self-signed certificate does not help either; and with the right
 * trust store host names are still verified. For the last check two byte-for-byte TCP relays front the same simulator:
 * one on 127.0.0.1 reached as {@code localhost} (a name in the certificate: accepted), one on 127.0.0.2 reached by that
 * address (not in the certificate: refused). Nothing refused reaches the platform.
 */
@Order(3)
class TlsTest {

    enum Kind {
        HTTPCLIENT5, JDK
    }

    private static Simulator sim;
    private static Simulator stranger;
    private static Relay localhostRelay;
    private static Relay otherAddressRelay;
    private static final List<String> ROWS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Harness.init();
        Random rnd = Knobs.random("tls");
        AppCredentials app = AppCredentials.of("tls-app-key", "tls-secret-" + Long.toHexString(rnd.nextLong()));
        Sensitive.secret(app.appSecret());
        sim = Simulator.builder().https(true).credentials(app).build().start();
        stranger = Simulator.builder().https(true).build().start();
        int port = sim.baseUrl().getPort();
        localhostRelay = new Relay(InetAddress.getByName("127.0.0.1"), port);
        Relay other = null;
        try {
            other = new Relay(InetAddress.getByName("127.0.0.2"), port);
        } catch (IOException e) {
            // not every system routes all of 127/8 to loopback; the check is then skipped
        }
        otherAddressRelay = other;
    }

    @AfterAll
    static void stop() {
        localhostRelay.close();
        if (otherAddressRelay != null) {
            otherAddressRelay.close();
        }
        stranger.close();
        sim.close();
        List<String> lines = new ArrayList<>();
        lines.add("| transport | endpoint | trust store | outcome |");
        lines.add("|---|---|---|---|");
        lines.addAll(ROWS);
        Report.section("5. TLS", lines);
    }

    private static HttpTransport transport(Kind kind, KeyStore trust) {
        TransportOptions.Builder o = TransportOptions.builder().connectTimeout(Duration.ofSeconds(3));
        if (trust != null) {
            o.trustStore(trust);
        }
        return kind == Kind.HTTPCLIENT5 ? new HttpClient5Transport(o.build()) : JdkHttpTransport.create(o.build());
    }

    /** @return null when the call succeeded (then it is undone), else the failure */
    private static TransportException tryBind(Kind kind, URI endpoint, KeyStore trust, String a) {
        HttpTransport t = transport(kind, trust);
        try (PrivateNumberClient client = PrivateNumberClient.builder().endpoint(endpoint).credentials(sim.credentials())
                .transport(new CapturingTransport(t)).retry(RetryOptions.none()).responseTimeout(Duration.ofSeconds(5))
                .build()) {
            BindResult r = client.bindAx(AxBindRequest.builder().origNum(a).build());
            assertEquals(1, client.query(SubscriptionId.of(r.subscriptionId().value())).size());
            client.unbind(r.subscriptionId());
            return null;
        } catch (TransportException e) {
            List<String> leaks = Sensitive.leaksIn("TLS failure", e);
            assertTrue(leaks.isEmpty(), leaks.toString());
            return e;
        } finally {
            t.close();
        }
    }

    private static void row(Kind kind, String endpoint, String trust, TransportException e) {
        ROWS.add("| " + kind + " | " + endpoint + " | " + trust + " | " + (e == null ? "accepted"
                : "refused: " + e.getClass().getSimpleName() + (e.requestMayHaveBeenSent() ? " (may have been sent)"
                        : " (not sent)")) + " |");
        Report.summary("5. TLS", kind + ": " + endpoint + ", " + trust, e == null ? "accepted" : "refused");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theSelfSignedSimulatorIsTrustedOnlyThroughItsTrustStoreAndHostNamesAreVerified(Kind kind) {
        String a = "+8613" + (kind == Kind.JDK ? "7" : "6") + "00000077";
        Sensitive.number(a);
        URI base = sim.baseUrl();
        assertEquals("https", base.getScheme());
        KeyStore trust = sim.trustStore().orElseThrow();

        TransportException noTrust = tryBind(kind, base, null, a);
        row(kind, "https://127.0.0.1", "none (JDK defaults)", noTrust);
        assertTrue(noTrust != null, "the self-signed certificate was accepted without its trust store");

        TransportException wrongTrust = tryBind(kind, base, stranger.trustStore().orElseThrow(), a);
        row(kind, "https://127.0.0.1", "another self-signed certificate", wrongTrust);
        assertTrue(wrongTrust != null, "accepted with another certificate's trust store");
        assertTrue(sim.state().bindings().isEmpty(), "a refused connection reached the platform");

        TransportException ok = tryBind(kind, base, trust, a);
        row(kind, "https://127.0.0.1", "the simulator's", ok);
        assertEquals(null, ok, "refused with the simulator's own trust store");

        URI byName = URI.create("https://localhost:" + localhostRelay.port());
        assumeTrue(isLoopback("localhost"), "localhost is not a loopback name here");
        TransportException named = tryBind(kind, byName, trust, a);
        row(kind, "https://localhost (relay)", "the simulator's", named);
        assertEquals(null, named, "refused under a name the certificate holds");

        assumeTrue(otherAddressRelay != null, "127.0.0.2 cannot be bound here");
        URI wrongName = URI.create("https://127.0.0.2:" + otherAddressRelay.port());
        TransportException mismatch = tryBind(kind, wrongName, trust, a);
        row(kind, "https://127.0.0.2 (relay)", "the simulator's", mismatch);
        assertTrue(mismatch != null, "a certificate for localhost/127.0.0.1 was accepted for 127.0.0.2: host names"
                + " are not verified");
        assertTrue(sim.state().bindings().isEmpty(), "a refused connection reached the platform");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** Forwards TCP connections byte for byte to the simulator's port. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final List<Socket> open = new ArrayList<>();

        Relay(InetAddress bind, int target) throws IOException {
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress(bind, 0));
            this.target = target;
            Thread t = new Thread(this::accept, "tls-relay-" + bind.getHostAddress());
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket in = server.accept();
                    Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                    synchronized (open) {
                        open.add(in);
                        open.add(out);
                    }
                    pump(in, out);
                    pump(out, in);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // one side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // closed
                    }
                }
            }, "tls-relay-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // closed
            }
            synchronized (open) {
                for (Socket s : open) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closed
                    }
                }
            }
        }
    }
}
