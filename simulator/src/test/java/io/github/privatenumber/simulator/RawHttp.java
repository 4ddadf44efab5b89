package io.github.privatenumber.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Raw-socket requests for what java.net.http cannot send: stalled bodies, duplicate headers, oversized heads. */
final class RawHttp {

    private RawHttp() {
    }

    /** Connects and writes {@code head} (ISO-8859-1) and {@code body}; the socket reads with a 10 s timeout. */
    static Socket send(URI base, String head, byte[] body) {
        try {
            Socket s = new Socket(base.getHost(), base.getPort());
            s.setSoTimeout(10_000);
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                s.getOutputStream().write(body);
            }
            s.getOutputStream().flush();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the server sends until it closes (a reset ends it too), as ISO-8859-1 text. */
    static String readAll(Socket s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (s) {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed within 10 s; got: "
                    + out.toString(StandardCharsets.ISO_8859_1));
        } catch (SocketException e) {
            // reset: return what came before it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends one request with {@code Connection: close} semantics and returns the whole answer. */
    static String exchange(URI base, String head, byte[] body) {
        return readAll(send(base, head, body));
    }
}
