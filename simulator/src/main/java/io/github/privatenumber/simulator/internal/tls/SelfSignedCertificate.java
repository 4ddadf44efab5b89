package io.github.privatenumber.simulator.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed TLS server certificate for the simulator's HTTPS endpoint and its trust material for
 * clients: an RSA 2048 key pair and an X.509 v3 certificate signed with SHA256withRSA, carrying
 * subjectAltName (dNSName and iPAddress entries), basicConstraints CA:false, keyUsage digitalSignature
 * and keyEncipherment, and extendedKeyUsage serverAuth.
 *
 * <p>The DER is written by this package itself (no internal JDK classes, no third-party library) and
 * read back with the JDK's {@link CertificateFactory}, so a malformed encoding fails at generation.
 * Clients verify it like any other certificate, hostname check included; nothing here switches
 * verification off. Immutable and thread-safe; {@link #toString()} never shows the private key.
 * Arguments must not be {@code null}.
 */
public final class SelfSignedCertificate {

    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXT_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    /** Backdating of notBefore, so that a client whose clock is slightly behind still accepts it. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern DNS_NAME = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\\.?");
    private static final String ALIAS = "simulator";

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /**
     * Generates a fresh key pair and certificate, valid from five minutes ago for {@code validity}.
     *
     * @param commonName the subject's and issuer's CN, 1–64 characters
     * @param dnsNames dNSName entries of subjectAltName, e.g. {@code localhost}
     * @param ipAddresses iPAddress entries as IPv4 or IPv6 literals, e.g. {@code 127.0.0.1}; never resolved
     * @param validity how long the certificate stays valid, positive
     * @return the certificate and its key
     * @throws IllegalArgumentException for a bad name, address or validity, or when both lists are empty
     * @throws IllegalStateException if the JDK lacks RSA, SHA256withRSA, X.509 or PKCS12
     */
    public static SelfSignedCertificate generate(String commonName, List<String> dnsNames, List<String> ipAddresses,
                                                 Duration validity) {
        return generate(commonName, dnsNames, ipAddresses, validity, Clock.systemUTC());
    }

    /**
     * As {@link #generate(String, List, List, Duration)}, with the clock that fixes the validity period.
     *
     * @param commonName the subject's and issuer's CN, 1–64 characters
     * @param dnsNames dNSName entries of subjectAltName
     * @param ipAddresses iPAddress entries as IPv4 or IPv6 literals
     * @param validity how long the certificate stays valid, positive
     * @param clock the source of "now"
     * @return the certificate and its key
     */
    public static SelfSignedCertificate generate(String commonName, List<String> dnsNames, List<String> ipAddresses,
                                                 Duration validity, Clock clock) {
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(dnsNames, "dnsNames");
        Objects.requireNonNull(ipAddresses, "ipAddresses");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(clock, "clock");
        if (commonName.isBlank() || commonName.length() > 64) {
            throw new IllegalArgumentException("commonName must be 1-64 characters and not blank");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive, got " + validity);
        }
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one DNS name or IP address is needed for hostname verification");
        }
        List<byte[]> generalNames = new ArrayList<>();
        for (String dns : dnsNames) {
            if (dns == null || !DNS_NAME.matcher(dns).matches() || dns.length() > 253) {
                throw new IllegalArgumentException("not a DNS name: " + dns);
            }
            generalNames.add(Der.implicitPrimitive(2, dns.getBytes(StandardCharsets.US_ASCII))); // dNSName IA5String
        }
        for (String ip : ipAddresses) {
            generalNames.add(Der.implicitPrimitive(7, ipLiteral(ip))); // iPAddress OCTET STRING
        }

        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new SecureRandom());
            KeyPair keyPair = generator.generateKeyPair();

            ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
            byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_RSA), Der.nullValue());
            byte[] extensions = Der.sequence(
                    extension(SUBJECT_ALT_NAME, false, Der.sequence(generalNames.toArray(new byte[0][]))),
                    // cA is FALSE by default, and DER leaves defaults out: an empty SEQUENCE
                    extension(BASIC_CONSTRAINTS, true, Der.sequence()),
                    // digitalSignature (bit 0) and keyEncipherment (bit 2): 1010 0000, five unused trailing bits
                    extension(KEY_USAGE, true, Der.bitString(5, new byte[] {(byte) 0xA0})),
                    extension(EXT_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))));
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(2)), // v3
                    Der.integer(serialNumber()),
                    algorithm,
                    name,
                    Der.sequence(Der.time(now.minus(BACKDATE)), Der.time(now.plus(validity))),
                    name,
                    keyPair.getPublic().getEncoded(), // SubjectPublicKeyInfo, already DER
                    Der.explicit(3, extensions));

            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keyPair.getPrivate());
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, algorithm, Der.bitString(0, signer.sign()));

            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            certificate.verify(keyPair.getPublic());
            return new SelfSignedCertificate(keyPair, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value)); // critical FALSE is the default: left out
    }

    /** A positive serial of at most 20 octets (RFC 5280 4.1.2.2), random so that reissues never collide. */
    private static BigInteger serialNumber() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        bytes[0] &= 0x7F;
        bytes[0] |= 0x01; // never zero
        return new BigInteger(bytes);
    }

    /** The address bytes of an IP literal; refuses anything that would need a name lookup. */
    private static byte[] ipLiteral(String ip) {
        if (ip == null || !(IPV4.matcher(ip).matches() || IPV6.matcher(ip).matches())) {
            throw new IllegalArgumentException("not an IP address literal: " + ip);
        }
        if (IPV4.matcher(ip).matches()) {
            for (String octet : ip.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("not an IPv4 address: " + ip);
                }
            }
        }
        try {
            return InetAddress.getByName(ip).getAddress(); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + ip, e);
        }
    }

    /**
     * @return the certificate
     */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * A server-side TLS context that presents this certificate. Each call builds a new context.
     *
     * @return an initialised {@code TLS} context whose key manager comes from an in-memory PKCS12 store
     * @throws IllegalStateException if the JDK cannot build it
     */
    public SSLContext serverContext() {
        try {
            char[] password = randomPassword();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(ALIAS, keyPair.getPrivate(), password, new Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the server TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * A trust store that trusts this certificate and nothing else, for clients of the simulator.
     *
     * @return a new, loaded PKCS12 store with one trusted-certificate entry
     * @throws IllegalStateException if the JDK cannot build it
     */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(ALIAS, certificate);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@link #trustStore()} to a PKCS12 file (replacing it), e.g. for {@code -Djavax.net.ssl.trustStore}.
     *
     * @param file where to write
     * @param password the store's integrity password
     * @throws UncheckedIOException if the file cannot be written
     */
    public void writeTrustStore(Path file, char[] password) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(password, "password");
        KeyStore store = trustStore();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trust store to " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the certificate, not the key, as PEM (replacing the file), e.g. for {@code curl --cacert}.
     *
     * @param file where to write
     * @throws UncheckedIOException if the file cannot be written
     */
    public void writePem(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
            String pem = "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the certificate to " + file, e);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        }
    }

    private static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        return password;
    }

    @Override
    public String toString() {
        return "SelfSignedCertificate[subject=" + certificate.getSubjectX500Principal().getName()
                + ", notAfter=" + certificate.getNotAfter().toInstant() + "]";
    }
}
