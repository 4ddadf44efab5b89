package io.github.privatenumber.transport.tck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away EC key and self-signed certificate for {@code CN=localhost} with one subject alternative name,
 * {@code DNS:localhost} (and deliberately no IP address), made by the running JDK's own {@code keytool}. No
 * {@code sun.*} classes, no files left behind. Public so that a transport's own TLS tests (for example against the
 * simulator, through its {@code serverSslContext}) can use a certificate that names {@code localhost} only.
 */
public final class SelfSignedCertificate {

    private final KeyStore keyStore;
    private final char[] password;

    private SelfSignedCertificate(KeyStore keyStore, char[] password) {
        this.keyStore = keyStore;
        this.password = password;
    }

    /**
     * @return a new key pair and certificate
     * @throws IOException if {@code keytool} is missing or fails
     * @throws GeneralSecurityException if the key store it wrote cannot be read
     */
    public static SelfSignedCertificate forLocalhost() throws IOException, GeneralSecurityException {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path keytool = Files.isExecutable(bin.resolve("keytool")) ? bin.resolve("keytool") : bin.resolve("keytool.exe");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("the TLS checks need the JDK's keytool, not found in " + bin);
        }
        String password = "tck-" + Long.toHexString(System.nanoTime());
        Path dir = Files.createTempDirectory("transport-tck-tls");
        Path file = dir.resolve("server.p12");
        try {
            Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", file.toString(),
                    "-storepass", password, "-keypass", password, "-noprompt"))
                    .redirectErrorStream(true)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password.toCharArray());
            }
            return new SelfSignedCertificate(store, password.toCharArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for keytool", e);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * @return the certificate
     * @throws GeneralSecurityException if the store cannot be read
     */
    public Certificate certificate() throws GeneralSecurityException {
        return keyStore.getCertificate("server");
    }

    /**
     * @return a new key store that holds only this certificate as a trust anchor
     * @throws GeneralSecurityException if the store cannot be built
     * @throws IOException never in practice
     */
    public KeyStore trustStore() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("tck-server", certificate());
        return trust;
    }

    /**
     * @return a server-side TLS context that presents this certificate
     * @throws GeneralSecurityException if the context cannot be built
     */
    public SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }
}
