package io.github.privatenumber.simulator.internal.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class DerTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void knownEncodings() {
        // X.690 / RFC examples
        assertArrayEquals(bytes(0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B),
                Der.oid("1.2.840.113549.1.1.11"));
        assertArrayEquals(bytes(0x06, 0x03, 0x55, 0x1D, 0x11), Der.oid("2.5.29.17"));
        assertArrayEquals(bytes(0x02, 0x01, 0x00), Der.integer(0));
        assertArrayEquals(bytes(0x02, 0x02, 0x00, 0x80), Der.integer(128));
        assertArrayEquals(bytes(0x02, 0x01, 0x80), Der.integer(-128));
        assertArrayEquals(bytes(0x05, 0x00), Der.nullValue());
        assertArrayEquals(bytes(0x01, 0x01, 0xFF), Der.bool(true));
        assertArrayEquals(bytes(0x03, 0x02, 0x05, 0xA0), Der.bitString(5, bytes(0xA0)));
        assertArrayEquals(bytes(0x30, 0x00), Der.sequence());
        assertArrayEquals(bytes(0xA0, 0x03, 0x02, 0x01, 0x02), Der.explicit(0, Der.integer(2)));
    }

    @Test
    void lengthsUseTheShortestForm() {
        assertEquals(2 + 127, Der.octetString(new byte[127]).length);
        byte[] l128 = Der.octetString(new byte[128]);
        assertArrayEquals(bytes(0x04, 0x81, 0x80), java.util.Arrays.copyOf(l128, 3));
        byte[] l300 = Der.octetString(new byte[300]);
        assertArrayEquals(bytes(0x04, 0x82, 0x01, 0x2C), java.util.Arrays.copyOf(l300, 4));
        byte[] big = Der.octetString(new byte[70_000]);
        assertArrayEquals(bytes(0x04, 0x83, 0x01, 0x11, 0x70), java.util.Arrays.copyOf(big, 5));
    }

    @Test
    void timesSwitchFormatIn2050() {
        assertArrayEquals("491231235959Z".getBytes(java.nio.charset.StandardCharsets.US_ASCII), java.util.Arrays.copyOfRange(
                Der.time(ZonedDateTime.of(2049, 12, 31, 23, 59, 59, 999, ZoneOffset.UTC)), 2, 15));
        assertEquals(0x17, Der.time(ZonedDateTime.of(2049, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))[0]);
        byte[] g = Der.time(ZonedDateTime.of(2050, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertArrayEquals(bytes(0x18, 0x0F), java.util.Arrays.copyOf(g, 2));
        assertArrayEquals("20500101000000Z".getBytes(java.nio.charset.StandardCharsets.US_ASCII), java.util.Arrays.copyOfRange(g, 2, 17));
        // 2050-01-01T00:00+08:00 is 2049-12-31T16:00Z: UTCTime after all
        assertEquals(0x17, Der.time(ZonedDateTime.of(2050, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)))[0]);
    }
}
