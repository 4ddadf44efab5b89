package io.github.privatenumber.signing;

import io.github.privatenumber.core.AppCredentials;

/**
 * The value rules of the four {@code UsernameToken} attributes, shared by the record, the parser and the signers.
 * Each check returns a problem (without the value) or {@code null}.
 */
final class TokenRules {

    /** Longest nonce the platform accepts. */
    static final int MAX_NONCE = 128;

    /** Longest digest read; a real one has 44 characters. */
    static final int MAX_DIGEST = 128;

    private TokenRules() {
    }

    /** Bit 1: an ASCII letter or digit; bit 2: a character of standard Base64 ({@code A-Za-z0-9+/=}). */
    private static final byte[] CLASSES = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            boolean alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            CLASSES[c] = (byte) ((alnum ? 1 : 0) | (alnum || c == '+' || c == '/' || c == '=' ? 2 : 0));
        }
    }

    static boolean isNonceChar(char c) {
        // a table, not three ranges: random hex and Base64 make the range branches unpredictable
        return c < 128 && (CLASSES[c] & 1) != 0;
    }

    static boolean isBase64Char(char c) {
        return c < 128 && (CLASSES[c] & 2) != 0;
    }

    static String nonceProblem(String nonce) {
        if (nonce == null) {
            return "is required";
        }
        if (nonce.isEmpty() || nonce.length() > MAX_NONCE) {
            return "must be 1-" + MAX_NONCE + " ASCII letters or digits, got " + nonce.length() + " characters";
        }
        for (int i = 0; i < nonce.length(); i++) {
            if (!isNonceChar(nonce.charAt(i))) {
                return "must be ASCII letters or digits only; another character at index " + i;
            }
        }
        return null;
    }

    static boolean isUsernameChar(char c) {
        return c >= 0x21 && c <= 0x7E && c != '"';
    }

    static String usernameProblem(String username) {
        if (username == null) {
            return "is required";
        }
        if (username.isEmpty() || username.length() > AppCredentials.MAX_LENGTH) {
            return "must be 1-" + AppCredentials.MAX_LENGTH + " characters, got " + username.length();
        }
        for (int i = 0; i < username.length(); i++) {
            char c = username.charAt(i);
            if (!isUsernameChar(c)) {
                return "must be visible ASCII without double quotes; another character at index " + i;
            }
        }
        return null;
    }

    static String digestProblem(String digest) {
        if (digest == null) {
            return "is required";
        }
        if (digest.isEmpty() || digest.length() > MAX_DIGEST) {
            return "must be 1-" + MAX_DIGEST + " Base64 characters, got " + digest.length();
        }
        for (int i = 0; i < digest.length(); i++) {
            char c = digest.charAt(i);
            if (!isBase64Char(c)) {
                return "must be standard Base64; another character at index " + i;
            }
        }
        return null;
    }
}
