package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line, in process (the shaded jar itself is run by SimulatorJarIT). */
class SimulatorMainTest {

    @Test
    void helpListsEveryFlag() throws Exception {
        assertTrue(SimulatorMain.parse(new String[] {"--help"}).help);
        for (String flag : new String[] {"--host", "--port", "--app-key", "--app-secret", "--event-url", "--fee-url", "--https",
            "--truststore-out", "--truststore-password", "--repush-scale", "--skew-seconds", "--pool", "--push-signing",
            "--reject-wsse", "--help"}) {
            assertTrue(SimulatorMain.USAGE.contains(flag), flag);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--port", "--port abc", "--port 70000", "--event-url ftp://x/y", "--fee-url nothing",
        "--repush-scale 0", "--repush-scale x", "--skew-seconds 0", "--push-signing md5", "--truststore-out t.p12",
        "--app-key a\tb", "--host ", "positional"})
    void badFlagsAreUsageErrors(String args) {
        SimulatorMain.UsageException e = assertThrows(SimulatorMain.UsageException.class,
                () -> SimulatorMain.parse(args.split(" ", -1)));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void messagesSayWhatIsWrong() throws Exception {
        for (String scale : new String[] {"1001", "0", "-1", "x", "NaN"}) {
            SimulatorMain.UsageException e = assertThrows(SimulatorMain.UsageException.class,
                    () -> SimulatorMain.parse(new String[] {"--repush-scale", scale}));
            assertTrue(e.getMessage().contains("greater than 0 and at most 1000"), e.getMessage());
        }
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            SimulatorMain.Options o = SimulatorMain.parse(new String[] {"--port", String.valueOf(taken.getLocalPort())});
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                    () -> SimulatorMain.launch(o, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
            assertTrue(e.getMessage().contains("address already in use"), e.getMessage());
        }
    }

    @Test
    void parsesEveryFlag() throws Exception {
        SimulatorMain.Options o = SimulatorMain.parse(new String[] {"--host", "0.0.0.0", "--port=0", "--app-key", "k1",
            "--app-secret", "s1", "--event-url", "http://127.0.0.1:9/e", "--fee-url=https://example.com/f", "--https",
            "--truststore-out", "t.p12", "--truststore-password", "pw", "--repush-scale", "0.001", "--skew-seconds", "60",
            "--pool", "p.txt", "--push-signing", "wsse", "--reject-wsse"});
        assertEquals("0.0.0.0", o.host);
        assertEquals(0, o.port);
        assertEquals("k1", o.appKey);
        assertEquals(URI.create("https://example.com/f"), o.feeUrl);
        assertTrue(o.https && o.rejectWsse);
        assertEquals(0.001, o.repushScale);
        assertEquals(60, o.skewSeconds);
        assertEquals(Simulator.PushSigning.WSSE, o.pushSigning);
    }

    @Test
    void launchPrintsTheBaseUrlAndServes(@TempDir Path dir) throws Exception {
        Path pool = dir.resolve("pool.txt");
        Files.writeString(pool, "# two numbers\n0755 +8617075500001\n010 +8617001000001\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Simulator sim = SimulatorMain.launch(SimulatorMain.parse(new String[] {"--port", "0", "--app-key", "cli-key",
            "--app-secret", "cli-secret", "--pool", pool.toString()}), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(out.toString(StandardCharsets.UTF_8));
            assertTrue(m.find(), out.toString(StandardCharsets.UTF_8));
            assertEquals(sim.baseUrl().toString(), m.group(1));
            assertFalse(out.toString(StandardCharsets.UTF_8).contains("cli-secret"), "the secret is never printed");
            Api api = new Api(sim);
            assertEquals("cli-key", api.appKey());
            assertEquals("+8617075500001", api.ax(Api.ax("+8613800000001").put("areaCode", "0755"))[1]);
        }
    }

    @Test
    void badPoolFileIsAUsageError(@TempDir Path dir) throws Exception {
        Path pool = dir.resolve("pool.txt");
        Files.writeString(pool, "0755 not-a-number\n");
        assertThrows(SimulatorMain.UsageException.class, () -> SimulatorMain.launch(
                SimulatorMain.parse(new String[] {"--port", "0", "--pool", pool.toString()}), System.out));
        assertThrows(SimulatorMain.UsageException.class, () -> SimulatorMain.launch(
                SimulatorMain.parse(new String[] {"--port", "0", "--pool", dir.resolve("missing").toString()}), System.out));
    }

    @Test
    void httpsWithAWrittenTrustStore(@TempDir Path dir) throws Exception {
        Path ts = dir.resolve("trust.p12");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Simulator sim = SimulatorMain.launch(SimulatorMain.parse(new String[] {"--port", "0", "--https", "--truststore-out",
            ts.toString()}), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertEquals("https", sim.baseUrl().getScheme());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ts)) {
                trust.load(in, "changeit".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ctx).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/simulator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            // the platform API over TLS too
            HttpRequest.Builder q = HttpRequest.newBuilder(URI.create(sim.baseUrl() + Api.BINDING
                    + "?relationNum=%2B8617075500001&app_key=" + sim.credentials().appKey()));
            new Api(sim).signedHeaders().forEach(q::header);
            HttpResponse<String> api = client.send(q.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, api.statusCode());
            assertTrue(api.body().contains("1016001"));
            assertTrue(sim.trustStore().isPresent());
        }
    }
}
