package io.github.privatenumber.notifications.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    /** An endless stream that counts what was read from it. */
    static final class Endless extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = Math.min(len, 1000); // short reads, like a socket
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            read += n;
            return n;
        }
    }

    @Test
    void readsUpToTheLimit() throws IOException {
        byte[] data = new byte[5000];
        data[4999] = 7;
        assertArrayEquals(data, BoundedBody.read(new ByteArrayInputStream(data), 5000, -1));
        assertArrayEquals(data, BoundedBody.read(new ByteArrayInputStream(data), 5000, 5000));
        assertArrayEquals(data, BoundedBody.read(new ByteArrayInputStream(data), 5000, 10), "a wrong declared length only sizes the buffer");
        assertEquals(0, BoundedBody.read(new ByteArrayInputStream(new byte[0]), 5000, -1).length);
    }

    @Test
    void neverReadsMoreThanLimitPlusOne() {
        Endless in = new Endless();
        PushRejectedException e = assertThrows(PushRejectedException.class, () -> BoundedBody.read(in, 1 << 20, -1));
        assertEquals(413, e.status());
        assertEquals((1 << 20) + 1, in.read);
        Endless lying = new Endless();
        assertThrows(PushRejectedException.class, () -> BoundedBody.read(lying, 4096, 100));
        assertTrue(lying.read <= 4097, "read " + lying.read);
    }
}
