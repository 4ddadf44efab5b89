package io.github.privatenumber.core;

/**
 * Masks personal data for logs, {@code toString} and exception messages. Pure and thread-safe.
 *
 * <p>A phone number keeps at most its first six and last four characters ({@code +86138****0001});
 * short values are masked whole. Control characters are replaced, so a masked value can go into a log
 * line without letting the input forge further lines.
 */
public final class Masking {

    private static final String STARS = "****";

    private Masking() {
    }

    /**
     * Masks one value that is, or might be, a phone number or another personal identifier.
     *
     * @param value any text, may be {@code null}
     * @return a masked form that never reveals the middle of the value; {@code "null"} for {@code null}
     */
    public static String mask(String value) {
        if (value == null) {
            return "null";
        }
        int n = value.codePointCount(0, value.length());
        int head;
        int tail;
        if (n >= 13) {
            head = 6;
            tail = 4;
        } else if (n >= 11) {
            head = n - 8;
            tail = 4;
        } else if (n >= 8) {
            head = 2;
            tail = 2;
        } else {
            head = 0;
            tail = 0;
        }
        if (head == 0) {
            return STARS;
        }
        int headEnd = value.offsetByCodePoints(0, head);
        int tailStart = value.offsetByCodePoints(value.length(), -tail);
        return printable(value.substring(0, headEnd)) + STARS + printable(value.substring(tailStart));
    }

    /**
     * Masks every run of seven or more digits (optionally led by {@code +}) inside free text, such as a
     * platform description that echoes a parameter, and replaces control characters.
     *
     * @param text free text, may be {@code null}
     * @return the text with digit runs masked; {@code ""} for {@code null}
     */
    public static String maskText(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isAsciiDigit(c) || (c == '+' && i + 1 < text.length() && isAsciiDigit(text.charAt(i + 1)))) {
                int j = i + 1;
                while (j < text.length() && isAsciiDigit(text.charAt(j))) {
                    j++;
                }
                String run = text.substring(i, j);
                long digits = run.chars().filter(Masking::isAsciiDigit).count();
                out.append(digits >= 7 ? mask(run) : run);
                i = j;
            } else {
                out.append(Character.isISOControl(c) ? '?' : c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return sb.toString();
    }
}
