package io.github.privatenumber.reliability;

import io.github.privatenumber.core.AppCredentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs pushes the way the platform does (SPEC §2), with the suite's own code so that the tests can also build every
 * broken variant: {@code Authorization: AKSK realm="SDP",profile="UsernameToken",type="Appkey"} and
 * {@code X-AKSK: UsernameToken Username="..",PasswordDigest="..",Nonce="..",Created=".."} with
 * {@code digest = Base64(HMAC-SHA256(secret, nonce + created))}; legacy WSSE with
 * {@code Base64(SHA-256(nonce + created + secret))}. Every digest made here is registered with {@link Sensitive}.
 */
final class Signatures {

    static final String AKSK_AUTHORIZATION = "AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"";
    static final String WSSE_AUTHORIZATION = "WSSE realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"";
    static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Signatures() {
    }

    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    static String aksk(String secret, String nonce, String created) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String d = Base64.getEncoder().encodeToString(mac.doFinal((nonce + created).getBytes(StandardCharsets.UTF_8)));
            Sensitive.digest(d);
            return d;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String wsse(String secret, String nonce, String created) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((nonce + created + secret).getBytes(StandardCharsets.UTF_8));
            String d = Base64.getEncoder().encodeToString(h);
            Sensitive.digest(d);
            return d;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String nonce(Random rnd) {
        return String.format(Locale.ROOT, "%016X%016X", rnd.nextLong(), rnd.nextLong());
    }

    static String created(Instant t) {
        return CREATED.format(t);
    }

    /** The attributes of a token, in sending order, as name/value pairs (values unquoted). */
    static List<String[]> attributes(String username, String digest, String nonce, String created) {
        List<String[]> a = new ArrayList<>(4);
        a.add(new String[] {"Username", username});
        a.add(new String[] {"PasswordDigest", digest});
        a.add(new String[] {"Nonce", nonce});
        a.add(new String[] {"Created", created});
        return a;
    }

    /**
     * @param attributes name/value pairs
     * @param separator between attributes, {@code ","} or {@code ", "}
     * @return {@code UsernameToken Name="value",...}
     */
    static String token(List<String[]> attributes, String separator) {
        StringBuilder sb = new StringBuilder("UsernameToken ");
        for (int i = 0; i < attributes.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(attributes.get(i)[0]).append("=\"").append(attributes.get(i)[1]).append('"');
        }
        return sb.toString();
    }

    /**
     * @param app whose key and secret sign
     * @param rnd nonce source
     * @return fresh, valid AKSK headers (a mutable multi-valued map)
     */
    static Map<String, List<String>> fresh(AppCredentials app, Random rnd) {
        String nonce = nonce(rnd);
        String created = created(Instant.now());
        String digest = aksk(app.appSecret(), nonce, created);
        return headers(AKSK_AUTHORIZATION, "X-AKSK", token(attributes(app.appKey(), digest, nonce, created), ","));
    }

    /**
     * @param app whose key and secret sign
     * @param rnd nonce source
     * @return fresh, valid legacy WSSE headers
     */
    static Map<String, List<String>> freshWsse(AppCredentials app, Random rnd) {
        String nonce = nonce(rnd);
        String created = created(Instant.now());
        String digest = wsse(app.appSecret(), nonce, created);
        return headers(WSSE_AUTHORIZATION, "X-WSSE", token(attributes(app.appKey(), digest, nonce, created), ","));
    }

    static Map<String, List<String>> headers(String authorization, String tokenName, String tokenValue) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        if (authorization != null) {
            h.put("Authorization", new ArrayList<>(List.of(authorization)));
        }
        if (tokenName != null) {
            h.put(tokenName, new ArrayList<>(List.of(tokenValue)));
        }
        Sensitive.digestIn(tokenValue);
        return h;
    }
}
