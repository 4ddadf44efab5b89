package io.github.privatenumber.notifications.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PushParser#decodeUtf8} takes a fast path through the JDK's replacing decoder and falls back to a reporting
 * decoder only when the result holds U+FFFD. These tests hold it to the reporting decoder's verdict on every input.
 */
class DecodeUtf8Test {

    /**
     * The reference: strict decoding, a leading BOM dropped; empty when the input is not strict UTF-8, or holds a NUL
     * (never in JSON text: UTF-16 or UTF-32 without a byte order mark).
     */
    private static Optional<String> strict(byte[] b) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b))
                    .toString();
            return s.contains("\u0000") ? Optional.empty() : Optional.of(s.startsWith("\uFEFF") ? s.substring(1) : s);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static void agrees(byte[] b) {
        Optional<String> expected = strict(b);
        if (expected.isPresent()) {
            assertEquals(expected.get(), PushParser.decodeUtf8(b, b.length), () -> HexFormat.of().formatHex(b));
        } else {
            PushRejectedException e = assertThrows(PushRejectedException.class, () -> PushParser.decodeUtf8(b, b.length),
                    () -> "accepted " + HexFormat.of().formatHex(b));
            assertEquals(400, e.status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "7b7d", "efbbbf7b7d", // empty, {}, BOM + {}
        "efbfbd", "22efbfbd22", // a genuine U+FFFD is valid
        "c0af", "e080af", "f08080af", // overlong forms
        "eda080", "edbfbf", "eda0bdedb2a9", // encoded surrogates, alone and as a pair (CESU-8)
        "f4908080", "f5808080", "ff", "fe", // beyond U+10FFFF, bytes never used
        "80", "bf", "c3", "e282", "f09f98", // lone continuation, truncated sequences
        "c328", "e228a1", "f0289f98", // a sequence broken by ASCII
        "e4b8ad", "f09f9880", "c3a9", "7f", "00" // valid: CJK, emoji, é, DEL, NUL
    })
    void agreesWithTheStrictDecoderOnEdgeCases(String hex) {
        agrees(HexFormat.of().parseHex(hex));
    }

    @Test
    void agreesWithTheStrictDecoderOnRandomAndMutatedInput() {
        Random rnd = new Random(20261203L);
        byte[] valid = "{\"eventType\":\"fee\",\"note\":\"中文 é 😀 \uFFFD ok\"}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[rnd.nextInt(12)];
                rnd.nextBytes(b);
            } else {
                b = valid.clone();
                for (int m = 1 + rnd.nextInt(3); m > 0; m--) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            agrees(b);
        }
    }

    @Test
    void decodesOnlyTheGivenLength() {
        byte[] b = "{}\u00e9".getBytes(StandardCharsets.UTF_8);
        assertEquals("{}", PushParser.decodeUtf8(b, 2));
        assertThrows(PushRejectedException.class, () -> PushParser.decodeUtf8(b, 3), "a sequence cut by the length");
    }
}
