package io.github.privatenumber.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.privatenumber.core.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DigestsTest {

    // SPEC.md section 2
    static final String SECRET = "testAppSecret0001";
    static final String NONCE = "66C92B11FF8A425FB8D4CCFE0ED9ED1F";
    static final String CREATED = "2018-02-12T15:30:20Z";
    static final String AKSK_DIGEST = "gFjPO1pbkjd8z9QCQ+ALC28IAPzxNhm+lR9RBsVq70k=";
    // computed independently with python3: base64.b64encode(hashlib.sha256(nonce + created + secret).digest())
    static final String WSSE_DIGEST = "I89CJHtyiARvnOjA0mGdosXESfxEeN00N6592drwKL0=";

    @Test
    void akskKnownAnswer() {
        assertEquals(AKSK_DIGEST, Digests.aksk(SECRET, NONCE, CREATED));
    }

    @Test
    void wsseKnownAnswer() {
        assertEquals(WSSE_DIGEST, Digests.wsse(SECRET, NONCE, CREATED));
    }

    @Test
    void commonMistakesGiveOtherValues() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] raw = mac.doFinal((NONCE + CREATED).getBytes(StandardCharsets.UTF_8));
        String base64OfHex = Base64.getEncoder().encodeToString(
                HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII));
        // the three values below were computed independently with python3 hmac/hashlib
        assertEquals("ODA1OGNmM2I1YTViOTIzNzdjY2ZkNDAyNDNlMDBiMGI2ZjA4MDBmY2YxMzYxOWJlOTUxZjUxMDZjNTZhZWY0OQ==",
                base64OfHex);
        String swapped = Digests.aksk(NONCE + CREATED, SECRET, "");
        assertEquals("lIjKWpo1atup8KogdcZPxZy981nYRsydyofhCxV6jX0=", swapped);
        String createdFirst = Digests.aksk(SECRET, CREATED, NONCE);
        assertEquals("dPCwQ4sfjBnjaNGjGTtD/vlQ2j2R68EB+PT6Amzu/CI=", createdFirst);
        for (String wrong : new String[] {base64OfHex, swapped, createdFirst, WSSE_DIGEST}) {
            assertNotEquals(AKSK_DIGEST, wrong);
        }
    }

    @Test
    void preparedFunctionsAgreeWithTheKnownAnswers() {
        assertEquals(AKSK_DIGEST, prepared(Scheme.AKSK, SECRET, NONCE, CREATED));
        assertEquals(WSSE_DIGEST, prepared(Scheme.WSSE, SECRET, NONCE, CREATED));
    }

    /** The precomputed HMAC must equal javax.crypto.Mac for every key length, shorter and longer than a block. */
    @Test
    void preparedHmacAgreesWithJdkMacForEveryKeyLength() {
        SplittableRandom random = new SplittableRandom(42);
        for (int keyLength = 1; keyLength <= 200; keyLength++) {
            String secret = randomAscii(random, keyLength, 0x21, 0x7E);
            String nonce = randomAscii(random, 1 + random.nextInt(128), '0', 'z').replaceAll("[^0-9A-Za-z]", "x");
            String created = CreatedTime.format(java.time.Instant.ofEpochSecond(random.nextLong(0, 253402300799L)));
            assertEquals(Digests.aksk(secret, nonce, created), prepared(Scheme.AKSK, secret, nonce, created),
                    "key length " + keyLength);
            assertEquals(Digests.wsse(secret, nonce, created), prepared(Scheme.WSSE, secret, nonce, created),
                    "key length " + keyLength);
        }
    }

    @Test
    void preparedFunctionReadsOnlyItsSlices() {
        byte[] buf = ("xx" + NONCE + "yyy" + CREATED + "z").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[32];
        DigestFunction.of(Scheme.AKSK, SECRET).digest(buf, 2, NONCE.length(), 2 + NONCE.length() + 3, 20, out);
        assertArrayEquals(Base64.getDecoder().decode(AKSK_DIGEST), out);
    }

    @Test
    void base64WriterAgreesWithTheJdk() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] raw = new byte[32];
        for (int round = 0; round < 2_000; round++) {
            random.nextBytes(raw);
            if (round < 2) {
                java.util.Arrays.fill(raw, (byte) (round == 0 ? 0 : 0xFF));
            }
            byte[] out = new byte[50];
            Base64Ascii.encode32(raw, out, 3);
            assertEquals(Base64.getEncoder().encodeToString(raw), new String(out, 3, 44, StandardCharsets.US_ASCII));
            assertEquals(0, out[2]);
            assertEquals(0, out[47]);
        }
    }

    @Test
    void nullsAreRejected() {
        assertEquals("appSecret", assertThrows(InvalidValueException.class, () -> Digests.aksk(null, NONCE, CREATED)).field());
        assertEquals("nonce", assertThrows(InvalidValueException.class, () -> Digests.aksk(SECRET, null, CREATED)).field());
        assertEquals("created", assertThrows(InvalidValueException.class, () -> Digests.wsse(SECRET, NONCE, null)).field());
    }

    static String prepared(Scheme scheme, String secret, String nonce, String created) {
        byte[] buf = (nonce + created).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[32];
        DigestFunction.of(scheme, secret).digest(buf, 0, nonce.length(), nonce.length(), created.length(), out);
        return Base64.getEncoder().encodeToString(out);
    }

    private static String randomAscii(SplittableRandom random, int length, int from, int to) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) random.nextInt(from, to + 1));
        }
        return sb.toString();
    }
}
