package io.github.privatenumber.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds a URI query string with every name and value percent-encoded per RFC 3986: the unreserved characters
 * {@code A-Z a-z 0-9 - . _ ~} stay, every other byte of the value's UTF-8 form becomes {@code %XX} (upper-case hex).
 * So {@code +} is sent as {@code %2B} (the platform would read a bare {@code +} as a space, SPEC §1), a space as
 * {@code %20} (never {@code +}) and non-ASCII text as its UTF-8 bytes. Not thread-safe; one per request.
 */
public final class QueryString {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder sb = new StringBuilder(96);

    /**
     * Appends {@code name=value}, both encoded.
     *
     * @param name the parameter name
     * @param value the parameter value; may be empty, never {@code null}
     * @return this
     */
    public QueryString add(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (sb.length() > 0) {
            sb.append('&');
        }
        encodeTo(sb, name);
        sb.append('=');
        encodeTo(sb, value);
        return this;
    }

    /**
     * @return the query without a leading {@code ?}
     */
    @Override
    public String toString() {
        return sb.toString();
    }

    /**
     * @param value any text
     * @return the text percent-encoded as a query component
     */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        encodeTo(out, value);
        return out.toString();
    }

    private static void encodeTo(StringBuilder out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
