package io.github.privatenumber.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two {@code PasswordDigest} formulas, written plainly with the JDK's {@link Mac} and {@link MessageDigest}.
 * Pure functions, thread-safe.
 *
 * <p>These are the reference: easy to read and to compare with the platform's documentation, but they look up
 * and key a new primitive on every call. {@link AkskSigner}, {@link WsseSigner} and {@link SignatureVerifier}
 * compute the same values with keys prepared once; the tests hold both to the same known answers.
 */
public final class Digests {

    private Digests() {
    }

    /**
     * The AKSK digest: {@code Base64(HMAC-SHA256(key = appSecret, message = nonce + created))}, every string as
     * UTF-8, standard Base64 with padding over the 32 raw bytes.
     *
     * @param appSecret the HMAC key
     * @param nonce the {@code Nonce} value
     * @param created the {@code Created} value, as sent
     * @return 44 characters of Base64
     * @throws io.github.privatenumber.core.InvalidValueException naming the argument ({@code appSecret},
     *     {@code nonce}, {@code created}) that is {@code null}
     * @throws IllegalStateException if the JDK offers no HMAC-SHA256 (every Java SE runtime must)
     */
    public static String aksk(String appSecret, String nonce, String created) {
        Args.required("appSecret", appSecret);
        Args.required("nonce", nonce);
        Args.required("created", created);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] raw = mac.doFinal((nonce + created).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(raw);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The legacy WSSE digest: {@code Base64(SHA-256(nonce + created + appSecret))}, every string as UTF-8, a plain
     * hash rather than an HMAC, standard Base64 with padding over the 32 raw bytes.
     *
     * @param appSecret the app secret, hashed last
     * @param nonce the {@code Nonce} value
     * @param created the {@code Created} value, as sent
     * @return 44 characters of Base64
     * @throws io.github.privatenumber.core.InvalidValueException naming the argument ({@code appSecret},
     *     {@code nonce}, {@code created}) that is {@code null}
     * @throws IllegalStateException if the JDK offers no SHA-256 (every Java SE runtime must)
     */
    public static String wsse(String appSecret, String nonce, String created) {
        Args.required("appSecret", appSecret);
        Args.required("nonce", nonce);
        Args.required("created", created);
        MessageDigest sha = Sha256.newDigest();
        byte[] raw = sha.digest((nonce + created + appSecret).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(raw);
    }
}
