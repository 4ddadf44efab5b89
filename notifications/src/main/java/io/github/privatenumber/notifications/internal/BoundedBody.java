package io.github.privatenumber.notifications.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body with the size limit enforced while reading: never more than {@code limit + 1} bytes are read
 * or buffered, whatever the stream holds or the request declared.
 */
public final class BoundedBody {

    private static final int INITIAL = 8 * 1024;

    private BoundedBody() {
    }

    /**
     * @param in the body stream; not closed
     * @param limit the most bytes accepted
     * @param declaredLength the request's {@code Content-Length}, or -1 when unknown; only sizes the first buffer
     * @return the body, exactly as long as it is
     * @throws PushRejectedException (413) when the stream holds more than {@code limit} bytes
     * @throws IOException when reading fails
     */
    public static byte[] read(InputStream in, int limit, long declaredLength) throws IOException {
        int cap = limit == Integer.MAX_VALUE ? limit : limit + 1;
        int size = (int) Math.min(cap, declaredLength >= 0 ? Math.max(declaredLength, 16) : INITIAL);
        byte[] buf = new byte[size];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (buf.length >= cap) {
                    break;
                }
                buf = Arrays.copyOf(buf, (int) Math.min(cap, (long) buf.length * 2));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (n > limit) {
            throw tooLarge(limit);
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    /**
     * @param limit the limit that was exceeded
     * @return the 413 rejection
     */
    public static PushRejectedException tooLarge(int limit) {
        return new PushRejectedException(413, "the body is larger than " + limit + " bytes");
    }
}
