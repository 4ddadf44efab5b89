package io.github.privatenumber.signing;

import static io.github.privatenumber.signing.DigestsTest.AKSK_DIGEST;
import static io.github.privatenumber.signing.DigestsTest.CREATED;
import static io.github.privatenumber.signing.DigestsTest.NONCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.SignatureVerificationException;
import io.github.privatenumber.core.SignatureVerificationException.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTokenTest {

    static final String USER = "Hx8eT2vZ0app";
    static final UsernameToken TOKEN = new UsernameToken(USER, AKSK_DIGEST, NONCE, CREATED);
    static final String[] ATTRS = {
        "Username=\"" + USER + "\"", "PasswordDigest=\"" + AKSK_DIGEST + "\"", "Nonce=\"" + NONCE + "\"",
        "Created=\"" + CREATED + "\""
    };

    static Stream<String> everyOrderAndSpacing() {
        List<String> out = new ArrayList<>();
        for (List<String> order : permutations(List.of(ATTRS))) {
            out.add("UsernameToken " + String.join(",", order));
            out.add("UsernameToken " + String.join(", ", order));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("everyOrderAndSpacing")
    void acceptsAnyOrderWithOrWithoutSpaces(String header) {
        assertEquals(TOKEN, UsernameToken.parse(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "  UsernameToken Username=\"Hx8eT2vZ0app\",PasswordDigest=\"" + AKSK_DIGEST
                + "\",Nonce=\"66C92B11FF8A425FB8D4CCFE0ED9ED1F\",Created=\"2018-02-12T15:30:20Z\"  ",
        "UsernameToken   Username = \"Hx8eT2vZ0app\" ,  PasswordDigest= \"" + AKSK_DIGEST
                + "\"\t,\tNonce =\"66C92B11FF8A425FB8D4CCFE0ED9ED1F\" , Created=\"2018-02-12T15:30:20Z\"",
        "UsernameToken Username=\"Hx8eT2vZ0app\",Realm=\"whatever, with = signs\",PasswordDigest=\"" + AKSK_DIGEST
                + "\",Nonce=\"66C92B11FF8A425FB8D4CCFE0ED9ED1F\",Created=\"2018-02-12T15:30:20Z\",extra=\"\"",
        "usernametoken username=\"Hx8eT2vZ0app\",PASSWORDDIGEST=\"" + AKSK_DIGEST
                + "\",nonce=\"66C92B11FF8A425FB8D4CCFE0ED9ED1F\",created=\"2018-02-12T15:30:20Z\"",
    })
    void toleratesWhitespaceCaseAndUnknownAttributes(String header) {
        assertEquals(TOKEN, UsernameToken.parse(header));
    }

    static Stream<Arguments> malformed() {
        String ok = TOKEN.toHeaderValue();
        String noPrefix = ok.substring("UsernameToken ".length());
        return Stream.of(
                Arguments.of("blank", "   \t ", "blank"),
                Arguments.of("too long", ok + ",Pad=\"" + "x".repeat(1024) + "\"", "1024"),
                Arguments.of("non-ASCII", ok.replace(USER, "Hx8eT2vZ0äpp"), "non-ASCII"),
                Arguments.of("full-width quote", ok.replace("Nonce=\"", "Nonce=＂"), "non-ASCII"),
                Arguments.of("control", ok.replace(",Nonce", "\r\n,Nonce"), "control"),
                Arguments.of("NUL", ok + "\0", "control"),
                Arguments.of("no prefix", noPrefix, "Username"),
                Arguments.of("wrong prefix", "Token " + noPrefix, "UsernameToken"),
                Arguments.of("glued prefix", "UsernameToken," + noPrefix, "space after"),
                Arguments.of("keyword only", "UsernameToken", "Username"),
                Arguments.of("prefix twice", "UsernameToken UsernameToken " + noPrefix, "UsernameToken"),
                Arguments.of("unquoted", ok.replace("Nonce=\"" + NONCE + "\"", "Nonce=" + NONCE), "Nonce"),
                Arguments.of("single-quoted", ok.replace("Nonce=\"" + NONCE + "\"", "Nonce='" + NONCE + "'"), "Nonce"),
                Arguments.of("unterminated", ok.substring(0, ok.length() - 1), "Created"),
                Arguments.of("no equals", ok.replace("Nonce=", "Nonce "), "Nonce"),
                Arguments.of("missing comma", ok.replace("\",Nonce", "\" Nonce"), "','"),
                Arguments.of("trailing comma", ok + ",", "','"),
                Arguments.of("double comma", ok.replace(",Nonce", ",,Nonce"), "attribute name"),
                Arguments.of("missing Username", without(0), "Username"),
                Arguments.of("missing PasswordDigest", without(1), "PasswordDigest"),
                Arguments.of("missing Nonce", without(2), "Nonce"),
                Arguments.of("missing Created", without(3), "Created"),
                Arguments.of("duplicated Username", ok + ",Username=\"" + USER + "\"", "Username"),
                Arguments.of("duplicated PasswordDigest", ok + ",PasswordDigest=\"" + AKSK_DIGEST + "\"", "PasswordDigest"),
                Arguments.of("duplicated Nonce, other case", ok + ",nonce=\"abc\"", "Nonce"),
                Arguments.of("duplicated Created", ok + ",Created=\"" + CREATED + "\"", "Created"),
                Arguments.of("empty Username", ok.replace("Username=\"" + USER + "\"", "Username=\"\""), "Username"),
                Arguments.of("empty PasswordDigest", ok.replace(AKSK_DIGEST, ""), "PasswordDigest"),
                Arguments.of("empty Nonce", ok.replace(NONCE, ""), "Nonce"),
                Arguments.of("empty Created", ok.replace(CREATED, ""), "Created"),
                Arguments.of("Username with space", ok.replace(USER, "Hx8 app"), "Username"),
                Arguments.of("Nonce with dash", ok.replace(NONCE, "66C92B11-FF8A"), "Nonce"),
                Arguments.of("Nonce too long", ok.replace(NONCE, "a".repeat(129)), "Nonce"),
                Arguments.of("Digest not Base64", ok.replace(AKSK_DIGEST, "gFjP-O1pb_kjd8"), "PasswordDigest"),
                Arguments.of("Created local", ok.replace(CREATED, "2018-02-12T23:30:20+08:00"), "Created"),
                Arguments.of("Created fraction", ok.replace(CREATED, "2018-02-12T15:30:20.000Z"), "Created"),
                Arguments.of("Created impossible", ok.replace(CREATED, "2018-02-30T15:30:20Z"), "Created"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejects(String name, String header, String mentioned) {
        SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
                () -> UsernameToken.parse(header));
        assertEquals(Reason.MALFORMED_HEADER, e.reason());
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
        assertFalse(e.getMessage().contains(AKSK_DIGEST), e.getMessage());
        assertFalse(e.getMessage().contains("gFjP"), e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsNullAndEmpty(String header) {
        assertEquals(Reason.MALFORMED_HEADER,
                assertThrows(SignatureVerificationException.class, () -> UsernameToken.parse(header)).reason());
    }

    @Test
    void lengthLimitIsInclusive() {
        String ok = TOKEN.toHeaderValue();
        String padded = ok + ",Pad=\"" + "x".repeat(1024 - ok.length() - 7) + "\"";
        assertEquals(1024, padded.length());
        assertEquals(TOKEN, UsernameToken.parse(padded));
    }

    @Test
    void writesTheSampleForm() {
        assertEquals("UsernameToken Username=\"Hx8eT2vZ0app\",PasswordDigest=\"" + AKSK_DIGEST
                + "\",Nonce=\"66C92B11FF8A425FB8D4CCFE0ED9ED1F\",Created=\"2018-02-12T15:30:20Z\"", TOKEN.toHeaderValue());
        assertEquals(TOKEN, UsernameToken.parse(TOKEN.toHeaderValue()));
        assertEquals(Instant.parse("2018-02-12T15:30:20Z"), TOKEN.createdInstant());
    }

    @Test
    void toStringHidesDigestAndMasksNonce() {
        String s = TOKEN.toString();
        assertFalse(s.contains(AKSK_DIGEST), s);
        assertFalse(s.contains(NONCE), s);
        assertTrue(s.contains(USER) && s.contains(CREATED), s);
    }

    @Test
    void constructorValidatesAndNamesTheAttribute() {
        assertEquals("Nonce", assertThrows(InvalidValueException.class,
                () -> new UsernameToken(USER, AKSK_DIGEST, "a-b", CREATED)).field());
        assertEquals("Username", assertThrows(InvalidValueException.class,
                () -> new UsernameToken(null, AKSK_DIGEST, NONCE, CREATED)).field());
        assertEquals("PasswordDigest", assertThrows(InvalidValueException.class,
                () -> new UsernameToken(USER, "", NONCE, CREATED)).field());
        assertEquals("Created", assertThrows(InvalidValueException.class,
                () -> new UsernameToken(USER, AKSK_DIGEST, NONCE, "2018-02-29T00:00:00Z")).field());
    }

    private static String without(int index) {
        List<String> rest = new ArrayList<>(List.of(ATTRS));
        rest.remove(index);
        return "UsernameToken " + String.join(",", rest);
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> p = new ArrayList<>();
                p.add(head);
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }

    /** Mostly the first (valid) value, else any. */
    private static String some(java.util.Random r, String[] values) {
        return values[r.nextInt(10) < 7 ? 0 : r.nextInt(values.length)];
    }

    @Test
    void theOnePassReadingAgreesWithTheParserOrStandsAside() {
        java.util.Random r = new java.util.Random(3);
        String[] usernames = {"app", "Hx8eT2vZ0app", "a\"b", "a b", "", "x".repeat(128), "x".repeat(129), "\u00e9",
            "a,Nonce=", "tab\there"};
        String[] digests = {AKSK_DIGEST, "", "abc=", "a b", "a\"b", "x".repeat(129), "+/=", "\u00e9"};
        String[] nonces = {NONCE, "", "n-1", "N".repeat(128), "N".repeat(129), "abc", "\u00e9"};
        String[] createds = {CREATED, "2018-02-30T15:30:20Z", "2018-02-12T15:30:20", "2018-02-12 15:30:20Z",
            "2024-02-29T00:00:00Z", "2018-02-12T24:00:00Z", ""};
        int agreed = 0;
        for (int i = 0; i < 5_000; i++) {
            String v = "UsernameToken Username=\"" + some(r, usernames) + "\",PasswordDigest=\"" + some(r, digests)
                    + "\",Nonce=\"" + some(r, nonces) + "\",Created=\"" + some(r, createds) + "\"";
            switch (r.nextInt(6)) {
                case 0 -> v = v + " ";
                case 1 -> v = v.replace(",Nonce", ", Nonce");
                case 2 -> v = v.replace("Username", "username");
                case 3 -> v = v.substring(0, r.nextInt(v.length() + 1));
                default -> {
                }
            }
            UsernameToken.Canonical fast = UsernameToken.canonical(v);
            UsernameToken parsed;
            try {
                parsed = UsernameToken.parse(v);
            } catch (SignatureVerificationException e) {
                assertEquals(null, fast, v);
                continue;
            }
            if (fast != null) {
                assertEquals(parsed.username(), fast.username(), v);
                assertEquals(parsed.passwordDigest(), fast.passwordDigest(), v);
                assertEquals(parsed.nonce(), fast.nonce(), v);
                assertEquals(parsed.created(), fast.created(), v);
                assertEquals(parsed.createdInstant(), fast.createdInstant(), v);
                agreed++;
            } else {
                // it stands aside only for forms other than the canonical one
                assertFalse(v.equals(parsed.toHeaderValue()), v);
            }
        }
        assertTrue(agreed > 200, "canonical values read: " + agreed);
    }
}
