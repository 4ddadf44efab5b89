package io.github.privatenumber.core;

/**
 * Masks personal data for logs, {@code toString} and exception messages. Pure and thread-safe.
 *
 * <p>The rule for a phone number or any other value: a leading country code ({@code +86}, {@code 0086},
 * {@code 86} before at least ten more characters, or a bare {@code +}) stays visible; of the rest, at most
 * the first three and the last four characters are shown and <b>at least four are always hidden</b>, so
 * {@code 13800000003}, {@code 8613800000003} and {@code +8613800000003} mask to {@code 138****0003},
 * {@code 86138****0003} and {@code +86138****0003}. Shorter rests show less (ten: three and three; nine: two
 * and three; eight: two and two); a rest under eight characters is masked whole. The stars are always four,
 * whatever their number hides, so the mask does not tell the length either.
 *
 * <p>Separators (spaces, dashes, dots, parentheses, tabs) are dropped before counting, so
 * {@code 138-0000-0001} masks to {@code 138****0001} and separators can never widen the visible part.
 * Control and line-breaking characters are replaced with {@code ?}, so a masked value can go into a log
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
        String compact = withoutSeparators(value);
        String prefix = countryPrefix(compact);
        String rest = compact.substring(prefix.length());
        int n = rest.codePointCount(0, rest.length());
        if (n < 8) {
            return printable(prefix) + STARS;
        }
        // at least four hidden, at most three shown before the stars and four after
        int visible = Math.min(7, n - 4);
        int head = Math.min(3, visible / 2);
        int tail = visible - head;
        int headEnd = rest.offsetByCodePoints(0, head);
        int tailStart = rest.offsetByCodePoints(rest.length(), -tail);
        return printable(prefix + rest.substring(0, headEnd)) + STARS + printable(rest.substring(tailStart));
    }

    /** The leading country code that may stay visible, or {@code ""}. */
    private static String countryPrefix(String compact) {
        if (compact.startsWith("+86")) {
            return "+86";
        }
        if (compact.startsWith("0086")) {
            return "0086";
        }
        if (compact.startsWith("86") && compact.codePointCount(2, compact.length()) >= 10) {
            // 86 and a national number of ten or more: the country code without its +
            return "86";
        }
        return compact.startsWith("+") ? "+" : "";
    }

    /**
     * Masks every run of seven or more digits (optionally led by {@code +}, possibly split by single
     * spaces or dashes, in any script) inside free text, such as a platform description that echoes a
     * parameter, and replaces control characters.
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
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            boolean plusThenDigit = cp == '+' && next < text.length() && Character.isDigit(text.codePointAt(next));
            if (Character.isDigit(cp) || plusThenDigit) {
                int end = endOfRun(text, next);
                String run = text.substring(i, end);
                long digits = run.codePoints().filter(Character::isDigit).count();
                out.append(digits >= 7 ? mask(run) : run);
                i = end;
            } else {
                out.appendCodePoint(unsafe(cp) ? '?' : cp);
                i = next;
            }
        }
        return out.toString();
    }

    /**
     * Masks what looks like a phone number inside an identifier that otherwise stays readable, such as a call's
     * session id ({@code 1200_1827_4294967295_20190124023003@callenabler246.huaweicaas.com}, whose digit runs are
     * not numbers of people): a run of ASCII digits led by {@code +} with seven or more digits, a bare run of eleven
     * digits that is a Chinese mobile number ({@code 1[3-9]…}), or of thirteen that is one with its {@code 86}.
     * Control characters are replaced. Narrower than {@link #maskText(String)}, which masks every run of seven or
     * more digits.
     *
     * @param text an identifier or short text, may be {@code null}
     * @return the text with phone-number-like runs masked; {@code ""} for {@code null}
     */
    public static String maskPhoneNumbers(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        int i = 0;
        int copied = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean plus = c == '+' && i + 1 < text.length() && isAsciiDigit(text.charAt(i + 1));
            if (!plus && !isAsciiDigit(c)) {
                if (unsafe(c)) {
                    out = flush(out, text, copied, i).append('?');
                    copied = i + 1;
                }
                i++;
                continue;
            }
            int from = plus ? i + 1 : i;
            int end = from;
            while (end < text.length() && isAsciiDigit(text.charAt(end))) {
                end++;
            }
            int n = end - from;
            boolean mobile = (n == 11 && text.charAt(from) == '1' && text.charAt(from + 1) >= '3')
                    || (n == 13 && text.startsWith("861", from) && text.charAt(from + 3) >= '3');
            if ((plus && n >= 7) || (!plus && mobile)) {
                out = flush(out, text, copied, i).append(mask(text.substring(i, end)));
                copied = end;
            }
            i = end;
        }
        return out == null ? text : flush(out, text, copied, text.length()).toString();
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static StringBuilder flush(StringBuilder out, String text, int from, int to) {
        StringBuilder b = out != null ? out : new StringBuilder(text.length() + 8);
        return b.append(text, from, to);
    }

    /**
     * A throwable as {@link Throwable#printStackTrace()} shows it (class, message, frames, causes and suppressed
     * throwables), with every message passed through {@link #maskText(String)}: for debug logs, where a stack trace
     * helps and the messages of other code, such as an application sink's database error, may echo phone numbers.
     *
     * @param t a throwable, may be {@code null}
     * @return its masked stack trace, lines separated by {@code \n}; {@code ""} for {@code null}
     */
    public static String maskedStackTrace(Throwable t) {
        StringBuilder out = new StringBuilder(1024);
        appendTrace(out, t, "", "", java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        return out.toString();
    }

    private static void appendTrace(StringBuilder out, Throwable t, String caption, String indent,
            java.util.Set<Throwable> seen) {
        if (t == null) {
            return;
        }
        if (!seen.add(t)) {
            out.append(indent).append(caption).append("[circular reference: ").append(t.getClass().getName())
                    .append("]\n");
            return;
        }
        String message = t.getMessage();
        out.append(indent).append(caption).append(t.getClass().getName())
                .append(message == null ? "" : ": " + maskText(message)).append('\n');
        for (StackTraceElement frame : t.getStackTrace()) {
            out.append(indent).append("\tat ").append(frame).append('\n');
        }
        for (Throwable suppressed : t.getSuppressed()) {
            appendTrace(out, suppressed, "Suppressed: ", indent + "\t", seen);
        }
        appendTrace(out, t.getCause(), "Caused by: ", indent, seen);
    }

    /** The end of a digit run that started before {@code from}: digits, and single separators between digits. */
    private static int endOfRun(String text, int from) {
        int j = from;
        while (j < text.length()) {
            int cp = text.codePointAt(j);
            if (Character.isDigit(cp)) {
                j += Character.charCount(cp);
            } else if ((cp == ' ' || cp == '-') && j + 1 < text.length() && Character.isDigit(text.codePointAt(j + 1))) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    private static String withoutSeparators(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '\t') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean unsafe(int cp) {
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(unsafe(cp) ? '?' : cp));
        return sb.toString();
    }
}
