package io.github.privatenumber.signing;

/**
 * Standard Base64 (RFC 4648 section 4, with padding) of a 32-byte digest, written straight into a caller's buffer.
 * {@link java.util.Base64} would need an extra array and a copy on the signing path. Pure, thread-safe.
 */
final class Base64Ascii {

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Base64Ascii() {
    }

    /** Writes the 44 characters encoding {@code raw[0..32)} at {@code out[off..off+44)}. */
    static void encode32(byte[] raw, byte[] out, int off) {
        int o = off;
        int i = 0;
        for (; i < 30; i += 3) {
            int bits = (raw[i] & 0xFF) << 16 | (raw[i + 1] & 0xFF) << 8 | (raw[i + 2] & 0xFF);
            out[o++] = ALPHABET[bits >>> 18];
            out[o++] = ALPHABET[(bits >>> 12) & 0x3F];
            out[o++] = ALPHABET[(bits >>> 6) & 0x3F];
            out[o++] = ALPHABET[bits & 0x3F];
        }
        int bits = (raw[30] & 0xFF) << 16 | (raw[31] & 0xFF) << 8;
        out[o++] = ALPHABET[bits >>> 18];
        out[o++] = ALPHABET[(bits >>> 12) & 0x3F];
        out[o++] = ALPHABET[(bits >>> 6) & 0x3F];
        out[o] = '=';
    }
}
