package io.github.privatenumber.simulator.internal.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

    private static SelfSignedCertificate cert;
    private static HttpsServer server;
    private static ExecutorService serverThreads;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        cert = SelfSignedCertificate.generate("privatenumber simulator", List.of("localhost"),
                List.of("127.0.0.1", "::1"), Duration.ofDays(2));
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
        server.createContext("/", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.stop(0);
        serverThreads.shutdownNow();
        assertTrue(serverThreads.awaitTermination(5, TimeUnit.SECONDS));
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static SSLContext trusting(KeyStore trustStore) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void certificateHasTheRequiredFields() throws Exception {
        X509Certificate c = cert.certificate();
        assertEquals(3, c.getVersion());
        assertEquals("SHA256withRSA", c.getSigAlgName());
        assertEquals("1.2.840.113549.1.1.11", c.getSigAlgOID());
        assertEquals("RSA", c.getPublicKey().getAlgorithm());
        assertEquals(2048, ((java.security.interfaces.RSAPublicKey) c.getPublicKey()).getModulus().bitLength());
        assertEquals("CN=privatenumber simulator", c.getSubjectX500Principal().getName());
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
        assertTrue(c.getSerialNumber().signum() > 0);
        c.verify(c.getPublicKey());
        c.checkValidity();

        assertEquals(-1, c.getBasicConstraints(), "CA:false");
        boolean[] keyUsage = c.getKeyUsage();
        assertTrue(keyUsage[0], "digitalSignature");
        assertFalse(keyUsage[1]);
        assertTrue(keyUsage[2], "keyEncipherment");
        for (int i = 3; i < keyUsage.length; i++) {
            assertFalse(keyUsage[i], "key usage bit " + i);
        }
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), c.getExtendedKeyUsage());
        assertEquals(Set.of("2.5.29.19", "2.5.29.15"), c.getCriticalExtensionOIDs());
        assertEquals(Set.of("2.5.29.17", "2.5.29.37"), c.getNonCriticalExtensionOIDs());

        Set<List<?>> sans = new HashSet<>();
        for (List<?> san : c.getSubjectAlternativeNames()) {
            sans.add(san);
        }
        assertEquals(Set.of(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1")), sans);
    }

    @Test
    void validityFollowsTheClock() {
        Instant now = Instant.parse("2049-12-31T23:00:00Z");
        SelfSignedCertificate c = SelfSignedCertificate.generate("t", List.of("localhost"), List.of(), Duration.ofDays(1),
                Clock.fixed(now, ZoneOffset.UTC));
        // notBefore is UTCTime (2049), notAfter GeneralizedTime (2050): both must read back exactly
        assertEquals(now.minus(Duration.ofMinutes(5)), c.certificate().getNotBefore().toInstant());
        assertEquals(now.plus(Duration.ofDays(1)), c.certificate().getNotAfter().toInstant());
    }

    @Test
    void clientTrustingOnlyThisCertificateConnectsByNameAndByAddress() throws Exception {
        HttpClient client = client(trusting(cert.trustStore()));
        HttpResponse<String> byName = get(client, "https://localhost:" + port + "/");
        assertEquals(200, byName.statusCode());
        assertEquals("hello", byName.body());
        HttpResponse<String> byAddress = get(client, "https://127.0.0.1:" + port + "/");
        assertEquals(200, byAddress.statusCode());
        assertEquals("hello", byAddress.body());
    }

    @Test
    void clientWithDefaultTrustFails() throws Exception {
        HttpClient client = client(SSLContext.getDefault());
        assertThrows(SSLHandshakeException.class, () -> get(client, "https://localhost:" + port + "/"));
        assertThrows(SSLHandshakeException.class, () -> get(client, "https://127.0.0.1:" + port + "/"));
    }

    @Test
    void hostnameVerificationStaysOn() throws Exception {
        // a trusted certificate that names another host: the handshake must still fail
        SelfSignedCertificate other = SelfSignedCertificate.generate("other", List.of("example.invalid"), List.of(),
                Duration.ofDays(1));
        HttpsServer otherServer = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otherServer.setHttpsConfigurator(new HttpsConfigurator(other.serverContext()));
        otherServer.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        ExecutorService threads = Executors.newSingleThreadExecutor();
        otherServer.setExecutor(threads);
        otherServer.start();
        try {
            HttpClient client = client(trusting(other.trustStore()));
            int otherPort = otherServer.getAddress().getPort();
            assertThrows(SSLHandshakeException.class, () -> get(client, "https://localhost:" + otherPort + "/"));
            assertThrows(SSLHandshakeException.class, () -> get(client, "https://127.0.0.1:" + otherPort + "/"));
        } finally {
            otherServer.stop(0);
            threads.shutdownNow();
        }
    }

    @Test
    void writesTrustStoreAndPem(@TempDir Path dir) throws Exception {
        Path p12 = dir.resolve("trust.p12");
        char[] password = "changeit".toCharArray();
        cert.writeTrustStore(p12, password);
        KeyStore loaded = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            loaded.load(in, password);
        }
        assertEquals(1, loaded.size());
        String alias = loaded.aliases().nextElement();
        assertTrue(loaded.isCertificateEntry(alias));
        assertArrayEquals(cert.certificate().getEncoded(), loaded.getCertificate(alias).getEncoded());
        // the loaded file works as trust material too
        assertEquals(200, get(client(trusting(loaded)), "https://localhost:" + port + "/").statusCode());

        Path pem = dir.resolve("cert.pem");
        cert.writePem(pem);
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(text.endsWith("-----END CERTIFICATE-----\n"));
        assertFalse(text.contains("PRIVATE KEY"));
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= 64, "PEM line too long");
        }
        Collection<? extends java.security.cert.Certificate> parsed;
        try (InputStream in = Files.newInputStream(pem)) {
            parsed = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        assertEquals(List.of(cert.certificate()), List.copyOf(parsed));
    }

    @Test
    void rejectsBadInput() {
        Duration day = Duration.ofDays(1);
        assertThrows(IllegalArgumentException.class,
                () -> SelfSignedCertificate.generate("x", List.of(), List.of("localhost"), day));
        assertThrows(IllegalArgumentException.class,
                () -> SelfSignedCertificate.generate("x", List.of(), List.of("300.1.1.1"), day));
        assertThrows(IllegalArgumentException.class,
                () -> SelfSignedCertificate.generate("x", List.of("bad name"), List.of(), day));
        assertThrows(IllegalArgumentException.class,
                () -> SelfSignedCertificate.generate("x", List.of(), List.of(), day));
        assertThrows(IllegalArgumentException.class,
                () -> SelfSignedCertificate.generate("x", List.of("localhost"), List.of(), Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> SelfSignedCertificate.generate(" ", List.of("localhost"), List.of(), day));
        assertFalse(cert.toString().contains("PRIVATE"));
    }
}
