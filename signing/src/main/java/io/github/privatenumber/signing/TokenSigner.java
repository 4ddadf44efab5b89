package io.github.privatenumber.signing;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The engine behind {@link AkskSigner} and {@link WsseSigner}. Writes the whole token header as ASCII into one
 * array: the fixed prefix, a gap for the digest, then nonce and created, which are also the digest's input; the
 * digest is computed from that array and dropped into the gap. Immutable apart from a benign per-second cache of
 * the formatted {@code Created}; thread-safe.
 */
final class TokenSigner {

    private static final byte[] NONCE_SEP = ascii("\",Nonce=\"");
    private static final byte[] CREATED_SEP = ascii("\",Created=\"");
    private static final int DIGEST_CHARS = 44;

    private final Scheme scheme;
    private final String appKey;
    private final byte[] prefix;
    private final Clock clock;
    private final NonceSource nonces;
    private final DigestFunction digest;

    /** The last formatted second; replaced when the clock has moved on. Races only cost a redundant format. */
    private volatile Created lastCreated = new Created(Long.MIN_VALUE, null);

    TokenSigner(Scheme scheme, AppCredentials credentials, Clock clock, NonceSource nonces) {
        this.scheme = scheme;
        this.appKey = Args.required("credentials", credentials).appKey();
        String problem = TokenRules.usernameProblem(appKey);
        if (problem != null) {
            // AppCredentials allows a double quote, which cannot travel inside the quoted Username
            throw new InvalidValueException("appKey", problem);
        }
        this.clock = Args.required("clock", clock);
        this.nonces = Args.required("nonces", nonces);
        this.digest = DigestFunction.of(scheme, credentials.appSecret());
        this.prefix = ascii("UsernameToken Username=\"" + appKey + "\",PasswordDigest=\"");
    }

    SignedHeaders sign() {
        byte[] created = created(epochSecond());
        byte[] buf;
        int nonceOff;
        int nonceLen;
        if (nonces instanceof SecureRandomNonceSource own) {
            // our own source: hex straight into the buffer, no string, nothing to re-check
            nonceLen = SecureRandomNonceSource.LENGTH;
            buf = allocate(nonceLen);
            nonceOff = fixedPartsUpToNonce(buf);
            own.nextInto(buf, nonceOff);
        } else {
            String nonce = nonces.next();
            String problem = TokenRules.nonceProblem(nonce);
            if (problem != null) {
                throw new InvalidValueException("Nonce", problem + " (from " + nonces.getClass().getName() + ")");
            }
            nonceLen = nonce.length();
            buf = allocate(nonceLen);
            nonceOff = fixedPartsUpToNonce(buf);
            for (int i = 0; i < nonceLen; i++) {
                buf[nonceOff + i] = (byte) nonce.charAt(i);
            }
        }
        int p = nonceOff + nonceLen;
        System.arraycopy(CREATED_SEP, 0, buf, p, CREATED_SEP.length);
        p += CREATED_SEP.length;
        int createdOff = p;
        System.arraycopy(created, 0, buf, p, CreatedTime.LENGTH);
        buf[p + CreatedTime.LENGTH] = '"';

        byte[] raw = new byte[Sha256.LENGTH];
        digest.digest(buf, nonceOff, nonceLen, createdOff, CreatedTime.LENGTH, raw);
        Base64Ascii.encode32(raw, buf, prefix.length);
        return new SignedHeaders(scheme.authorizationValue(), scheme.tokenHeaderName(),
                new String(buf, StandardCharsets.ISO_8859_1));
    }

    private long epochSecond() {
        try {
            // millis() is the cheapest reading of the system clock and all a whole second needs
            return Math.floorDiv(clock.millis(), 1000L);
        } catch (ArithmeticException e) {
            throw new InvalidValueException("Created", "the clock stands outside the supported range");
        }
    }

    private byte[] allocate(int nonceLen) {
        return new byte[prefix.length + DIGEST_CHARS + NONCE_SEP.length + nonceLen + CREATED_SEP.length
                + CreatedTime.LENGTH + 1];
    }

    /** Writes prefix and nonce separator around the digest gap; returns where the nonce goes. */
    private int fixedPartsUpToNonce(byte[] buf) {
        System.arraycopy(prefix, 0, buf, 0, prefix.length);
        int p = prefix.length + DIGEST_CHARS;
        System.arraycopy(NONCE_SEP, 0, buf, p, NONCE_SEP.length);
        return p + NONCE_SEP.length;
    }

    private byte[] created(long epochSecond) {
        Created last = lastCreated;
        if (last.second == epochSecond) {
            return last.ascii;
        }
        byte[] ascii = CreatedTime.ascii(epochSecond);
        lastCreated = new Created(epochSecond, ascii);
        return ascii;
    }

    String appKey() {
        return appKey;
    }

    String describe() {
        return "[appKey=" + appKey + ", clock=" + clock + ", nonces=" + nonces + "]";
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A second and its {@code Created} text; the array is never written after construction. */
    private static final class Created {
        final long second;
        final byte[] ascii;

        Created(long second, byte[] ascii) {
            this.second = second;
            this.ascii = ascii;
        }
    }
}
