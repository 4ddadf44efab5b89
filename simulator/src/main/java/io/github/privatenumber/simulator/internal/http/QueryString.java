package io.github.privatenumber.simulator.internal.http;

import io.github.privatenumber.simulator.internal.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes a raw query string the way the platform does: {@code application/x-www-form-urlencoded}, so
 * {@code %2B} is a plus and an unescaped {@code +} is a space; UTF-8. A name given twice is refused: the
 * simulator never acts on an ambiguous request (which {@code subscriptionId} to unbind?).
 */
public final class QueryString {

    private QueryString() {
    }

    /**
     * @param raw the raw query, may be {@code null}
     * @return name → value
     * @throws ApiException 1010002 for broken percent-encoding, non-UTF-8 bytes, or a name given twice (the
     *     description names it)
     */
    public static Map<String, String> parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (out.putIfAbsent(name, value) != null) {
                throw ApiException.invalid("the query parameter " + printable(name) + " is given more than once");
            }
        }
        return out;
    }

    /**
     * @param raw the raw query, may be {@code null}
     * @param name a parameter name (plain ASCII, as sent)
     * @return the parameter's value exactly as sent (still percent-encoded), {@code null} when absent
     */
    static String raw(String raw, String name) {
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if ((eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }

    private static String printable(String name) {
        String n = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        return n.codePoints().allMatch(c -> c >= 0x20 && c < 0x7F) ? n : "(a name with unusual characters)";
    }

    /**
     * @param s one encoded name or value
     * @return it decoded
     */
    static String decode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw ApiException.invalid("the query string has a broken percent-escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw ApiException.invalid("the query string has a broken percent-escape");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0xFF) {
                // not expected from an HTTP request line (read as ISO-8859-1); keep it as UTF-8
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            } else {
                // raw bytes of the request line arrive as ISO-8859-1 characters
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalid("the query string is not valid UTF-8 once percent-decoded");
        }
    }
}
