package io.github.privatenumber.reliability;

import io.github.privatenumber.core.Masking;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must never show in clear: the app secrets, every {@code PasswordDigest} the suite sent (or had the SDK send),
 * and every phone number it used. Tests register them as they go; {@link #leaks(String)} finds them in any text.
 *
 * <p>Phone numbers are matched by their digits after {@code +86}: the global form ({@code +8613800000001},
 * {@code 8613800000001}, {@code 008613800000001}, {@code %2B8613800000001}) and the national form ({@code 13800000001},
 * {@code 075528000001} for a fixed line) all contain them. Digits split by up to two separators out of
 * {@code space - . ( ) /} count as one run ({@code 138-0000-0001}, {@code (0755) 2800 0001}). A masked number
 * ({@code +86138****0001}) never matches. Digests are matched as any 44-character Base64 run (and after URL decoding).
 * Thread-safe.
 */
final class Sensitive {

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final Set<String> DIGESTS = ConcurrentHashMap.newKeySet();
    private static final Set<String> NUMBERS = ConcurrentHashMap.newKeySet();
    private static final Set<Integer> NUMBER_LENGTHS = ConcurrentHashMap.newKeySet();
    private static final AtomicLong SCANNED_CHARS = new AtomicLong();
    private static final AtomicLong SCANNED_TEXTS = new AtomicLong();

    private static final Pattern BASE64_44 = Pattern.compile("[A-Za-z0-9+/]{43}=");
    private static final Pattern DIGEST_ATTRIBUTE = Pattern.compile("PasswordDigest=\"([^\"]*)\"");
    private static final String SEPARATORS = " -.()/";

    private Sensitive() {
    }

    static void secret(String secret) {
        SECRETS.add(secret);
    }

    static void digest(String digest) {
        if (digest != null && !digest.isEmpty()) {
            DIGESTS.add(digest);
        }
    }

    /**
     * Registers the digest inside an {@code X-AKSK} / {@code X-WSSE} header value.
     *
     * @param tokenHeaderValue {@code UsernameToken Username="..",PasswordDigest="..",...}
     */
    static void digestIn(String tokenHeaderValue) {
        if (tokenHeaderValue == null) {
            return;
        }
        Matcher m = DIGEST_ATTRIBUTE.matcher(tokenHeaderValue);
        while (m.find()) {
            digest(m.group(1));
        }
    }

    /**
     * @param globalNumber a number in global form, {@code +86...}
     */
    static void number(String globalNumber) {
        if (!globalNumber.startsWith("+86") || globalNumber.length() < 10) {
            throw new IllegalArgumentException("register numbers in +86 form");
        }
        String digits = globalNumber.substring(3);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a number is digits after +86");
        }
        NUMBER_LENGTHS.add(digits.length());
        NUMBERS.add(digits);
    }

    static int secretCount() {
        return SECRETS.size();
    }

    static int digestCount() {
        return DIGESTS.size();
    }

    static int numberCount() {
        return NUMBERS.size();
    }

    static long scannedChars() {
        return SCANNED_CHARS.get();
    }

    static long scannedTexts() {
        return SCANNED_TEXTS.get();
    }

    /**
     * @param where names the text in the findings, e.g. "log line 12"
     * @param text any text
     * @return one finding per leak, describing kind and place without repeating the value
     */
    static List<String> leaks(String where, String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        SCANNED_CHARS.addAndGet(text.length());
        SCANNED_TEXTS.incrementAndGet();
        List<String> found = new ArrayList<>(0);
        scan(where, text, found);
        if (text.indexOf('%') >= 0) {
            String decoded;
            try {
                decoded = URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = text.replace("%2B", "+").replace("%2b", "+").replace("%2F", "/").replace("%2f", "/")
                        .replace("%3D", "=").replace("%3d", "=");
            }
            if (!decoded.equals(text)) {
                scan(where + " (URL-decoded)", decoded, found);
            }
        }
        return found;
    }

    /**
     * @param where names the object in the findings
     * @param objects objects whose {@code toString()} to scan; throwables are scanned with their whole stack trace text
     *     (messages of causes and suppressed exceptions included)
     * @return the findings
     */
    static List<String> leaksIn(String where, Object... objects) {
        List<String> found = new ArrayList<>(0);
        for (Object o : objects) {
            if (o == null) {
                continue;
            }
            String text;
            if (o instanceof Throwable t) {
                StringWriter sw = new StringWriter();
                t.printStackTrace(new PrintWriter(sw));
                text = sw.toString();
            } else {
                text = String.valueOf(o);
            }
            found.addAll(leaks(where + " (" + o.getClass().getSimpleName() + ")", text));
        }
        return found;
    }

    private static void scan(String where, String text, List<String> found) {
        for (String secret : SECRETS) {
            int at = text.indexOf(secret);
            if (at >= 0) {
                found.add(where + ": the app secret at offset " + at);
            }
        }
        if (!DIGESTS.isEmpty()) {
            Matcher m = BASE64_44.matcher(text);
            while (m.find()) {
                if (DIGESTS.contains(m.group())) {
                    found.add(where + ": a PasswordDigest at offset " + m.start() + " near \""
                            + context(text, m.start(), m.end()) + "\"");
                }
            }
        }
        if (!NUMBERS.isEmpty()) {
            scanNumbers(where, text, found);
        }
    }

    private static void scanNumbers(String where, String text, List<String> found) {
        int n = text.length();
        int i = 0;
        StringBuilder digits = new StringBuilder(32);
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            digits.setLength(0);
            int end = i;
            int j = i;
            while (j < n) {
                char c = text.charAt(j);
                if (isDigit(c)) {
                    digits.append(c);
                    j++;
                    end = j;
                } else if (SEPARATORS.indexOf(c) >= 0) {
                    int k = j;
                    while (k < n && k - j < 2 && SEPARATORS.indexOf(text.charAt(k)) >= 0) {
                        k++;
                    }
                    if (k < n && isDigit(text.charAt(k))) {
                        j = k;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            if (digits.length() >= 7 && containsNumber(digits)) {
                found.add(where + ": an unmasked phone number at offset " + start + " near \""
                        + context(text, start, end) + "\"");
            }
            i = Math.max(end, i + 1);
        }
    }

    private static boolean containsNumber(CharSequence run) {
        for (int length : NUMBER_LENGTHS) {
            for (int from = 0; from + length <= run.length(); from++) {
                if (NUMBERS.contains(run.subSequence(from, from + length).toString())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A short, masked excerpt around a finding: enough to locate it, never the value itself. */
    private static String context(String text, int start, int end) {
        String before = text.substring(Math.max(0, start - 40), start);
        String after = text.substring(end, Math.min(text.length(), end + 20));
        return Masking.maskText(before) + "<hidden " + (end - start) + " chars>" + Masking.maskText(after);
    }
}
