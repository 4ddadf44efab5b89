package io.github.privatenumber.signing;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * One app secret prepared for one scheme: computes the raw 32-byte digest of a nonce and a created value that
 * sit, as ASCII, in a caller's buffer. Implementations are immutable and thread-safe and allocate only the
 * digest objects they clone.
 */
abstract class DigestFunction {

    /**
     * @param buf holds the nonce and the created value as ASCII
     * @param out receives 32 bytes at index 0
     */
    abstract void digest(byte[] buf, int nonceOff, int nonceLen, int createdOff, int createdLen, byte[] out);

    /** The prepared function for {@code scheme}. */
    static DigestFunction of(Scheme scheme, String appSecret) {
        byte[] secret = appSecret.getBytes(StandardCharsets.UTF_8);
        return scheme == Scheme.AKSK ? new Hmac(secret) : new Wsse(secret);
    }

    /**
     * HMAC-SHA256 as RFC 2104 defines it, {@code H((K ^ opad) || H((K ^ ipad) || m))}, with the two keyed
     * blocks absorbed once here (the precomputation RFC 2104 section 4 suggests). A call then costs two
     * compressions instead of the four that {@link javax.crypto.Mac} spends after each reset. The tests hold it
     * to the known-answer vector and to {@code Mac} over random keys of every allowed length.
     */
    static final class Hmac extends DigestFunction {
        private static final int BLOCK = 64;

        private final Sha256 inner;
        private final Sha256 outer;

        Hmac(byte[] key) {
            byte[] k = key.length > BLOCK ? Sha256.newDigest().digest(key) : key;
            byte[] ipad = new byte[BLOCK];
            byte[] opad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                byte b = i < k.length ? k[i] : 0;
                ipad[i] = (byte) (b ^ 0x36);
                opad[i] = (byte) (b ^ 0x5c);
            }
            this.inner = new Sha256(ipad);
            this.outer = new Sha256(opad);
        }

        @Override
        void digest(byte[] buf, int nonceOff, int nonceLen, int createdOff, int createdLen, byte[] out) {
            MessageDigest in = inner.start();
            in.update(buf, nonceOff, nonceLen);
            in.update(buf, createdOff, createdLen);
            finish(in, out);
            MessageDigest o = outer.start();
            o.update(out, 0, Sha256.LENGTH);
            finish(o, out);
        }
    }

    /** {@code SHA-256(nonce || created || secret)}. */
    static final class Wsse extends DigestFunction {
        private final Sha256 empty = new Sha256(new byte[0]);
        private final byte[] secret;

        Wsse(byte[] secret) {
            this.secret = secret;
        }

        @Override
        void digest(byte[] buf, int nonceOff, int nonceLen, int createdOff, int createdLen, byte[] out) {
            MessageDigest md = empty.start();
            md.update(buf, nonceOff, nonceLen);
            md.update(buf, createdOff, createdLen);
            md.update(secret);
            finish(md, out);
        }
    }

    private static void finish(MessageDigest md, byte[] out) {
        try {
            md.digest(out, 0, Sha256.LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 did not produce 32 bytes", e);
        }
    }
}
