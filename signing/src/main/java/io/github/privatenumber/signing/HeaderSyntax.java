package io.github.privatenumber.signing;

import io.github.privatenumber.core.Masking;
import io.github.privatenumber.core.SignatureVerificationException;
import io.github.privatenumber.core.SignatureVerificationException.Reason;

/**
 * The one reader behind {@link UsernameToken#parse} and {@link AuthorizationHeader#parse}: a keyword followed by
 * comma-separated {@code name="value"} attributes. Pure functions, thread-safe.
 *
 * <p>Grammar, with {@code WS} a space or a horizontal tab:
 * <pre>
 *   line  = WS* keyword WS+ attr *( WS* "," WS* attr ) WS*       (or just WS* keyword WS*)
 *   attr  = name WS* "=" WS* DQUOTE *( %x20-21 / %x23-7E ) DQUOTE
 *   name  = 1*( ALPHA / DIGIT / "-" / "_" )
 * </pre>
 * Attribute names are matched without regard to case (they are auth-params, RFC 9110 section 11.2), values are
 * taken verbatim. There are no escapes: a value ends at the next double quote.
 */
final class HeaderSyntax {

    /** Longest header value read at all; a real one is about 170 characters. */
    static final int MAX_LENGTH = 1024;

    private HeaderSyntax() {
    }

    /**
     * A keyword (in the canonical spelling of the accepted keywords) and the values of the wanted attributes (same
     * order as the names asked for; null when absent).
     */
    record Parsed(String keyword, String[] values) {
    }

    /**
     * Reads a whole header value.
     *
     * <p>The keyword is checked before anything else is read, so that the rest of a foreign header (say
     * {@code Basic <credentials>}) is never looked at, let alone echoed. Messages name an attribute only when it is
     * one of {@code names}; others are located by index.
     *
     * @param header the header name, for messages
     * @param value the received value, may be {@code null}
     * @param keywords the accepted keywords, matched without regard to case
     * @param keywordProblem the message when the keyword is not one of them
     * @param names the attributes to collect, in their canonical spelling; others are skipped
     * @throws SignatureVerificationException MALFORMED_HEADER on anything that does not follow the grammar, on a
     *     duplicated wanted attribute, on control or non-ASCII characters, or when longer than {@link #MAX_LENGTH}
     */
    static Parsed parse(String header, String value, String[] keywords, String keywordProblem, String... names) {
        checkLine(header, value);
        int n = value.length();
        int i = skipSpace(value, 0);
        int keywordStart = i;
        i = skipName(value, i);
        int k = indexOf(keywords, value, keywordStart, i);
        if (k < 0) {
            throw malformed(header, keywordProblem);
        }
        String keyword = keywords[k];
        String[] values = new String[names.length];
        if (skipSpace(value, i) == n) {
            return new Parsed(keyword, values);
        }
        if (!isSpace(value.charAt(i))) {
            throw malformed(header, "expected a space after " + value.substring(keywordStart, i));
        }
        i = skipSpace(value, i);
        while (true) {
            int nameStart = i;
            i = skipName(value, i);
            if (i == nameStart) {
                throw malformed(header, "expected an attribute name at index " + i);
            }
            int slot = indexOf(names, value, nameStart, i);
            String what = slot >= 0 ? names[slot] : "the attribute at index " + nameStart;
            i = skipSpace(value, i);
            if (i == n || value.charAt(i) != '=') {
                throw malformed(header, "expected '=' after " + what);
            }
            i = skipSpace(value, i + 1);
            if (i == n || value.charAt(i) != '"') {
                throw malformed(header, "the value of " + what + " must be in double quotes");
            }
            int close = value.indexOf('"', i + 1);
            if (close < 0) {
                throw malformed(header, "the value of " + what + " has no closing double quote");
            }
            if (slot >= 0) {
                if (values[slot] != null) {
                    throw malformed(header, "attribute " + names[slot] + " appears more than once");
                }
                values[slot] = value.substring(i + 1, close);
            }
            i = skipSpace(value, close + 1);
            if (i == n) {
                return new Parsed(keyword, values);
            }
            if (value.charAt(i) != ',') {
                throw malformed(header, "expected ',' after the value of " + what);
            }
            i = skipSpace(value, i + 1);
            if (i == n) {
                throw malformed(header, "ends with ',' instead of an attribute");
            }
        }
    }

    /**
     * Rejects {@code null}, empty, blank, too long, and anything outside printable ASCII plus horizontal tab.
     */
    static void checkLine(String header, String value) {
        if (value == null) {
            throw malformed(header, "is missing");
        }
        if (value.isEmpty()) {
            throw malformed(header, "is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw malformed(header, "is longer than " + MAX_LENGTH + " characters (" + value.length() + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                throw malformed(header, "contains a " + (c > 0x7F ? "non-ASCII" : "control") + " character at index " + i);
            }
        }
        if (skipSpace(value, 0) == value.length()) {
            throw malformed(header, "is blank");
        }
    }

    static SignatureVerificationException malformed(String header, String problem) {
        return new SignatureVerificationException(Reason.MALFORMED_HEADER, header + " " + problem);
    }

    /**
     * Received text made safe for a message: short printable ASCII only, digit runs masked; otherwise a placeholder.
     * Never use it for digests or secrets.
     */
    static String echo(String received) {
        if (received == null) {
            return "null";
        }
        if (received.length() > 40) {
            return "(" + received.length() + " characters, not shown)";
        }
        for (int i = 0; i < received.length(); i++) {
            char c = received.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return "(not printable, not shown)";
            }
        }
        // numbers of people masked; a date and time (a Created) stays readable, so a wrong format can be seen
        return "'" + Masking.maskPhoneNumbers(received) + "'";
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipName(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** The index of the name equal, without regard to case, to {@code s[from, to)}, or -1; no substring made. */
    private static int indexOf(String[] names, String s, int from, int to) {
        int length = to - from;
        // the canonical spelling first (what is nearly always sent), then without regard to case
        for (int k = 0; k < names.length; k++) {
            if (names[k].length() == length && s.startsWith(names[k], from)) {
                return k;
            }
        }
        for (int k = 0; k < names.length; k++) {
            if (names[k].length() == length && s.regionMatches(true, from, names[k], 0, length)) {
                return k;
            }
        }
        return -1;
    }
}
