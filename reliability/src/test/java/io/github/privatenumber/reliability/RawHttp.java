package io.github.privatenumber.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 client over a plain socket, for requests no well-behaved client would send: any header bytes, a
 * {@code Content-Length} that lies, chunked bodies broken on purpose. One request per connection
 * ({@code Connection: close}). The body is written on another thread while the answer is read, so a server that
 * answers early (413) and closes is still heard. Every read is bounded by a socket timeout.
 */
final class RawHttp {

    /** An answer: status (-1 when the connection closed without one), body text. */
    record Answer(int status, String body) {
    }

    private final InetSocketAddress address;
    private final ExecutorService writers;
    private final int timeoutMillis;

    RawHttp(InetSocketAddress address, ExecutorService writers, int timeoutMillis) {
        this.address = address;
        this.writers = writers;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * @param head the request line and header lines, each ending in CRLF, without the empty line
     * @param body bytes to send after the empty line (already chunk-encoded if the head says so)
     * @param closeOutputAfterBody half-close after the body, so a server waiting for more bytes sees the end
     * @return the answer
     * @throws IOException if the connection cannot be opened
     */
    Answer send(byte[] head, byte[] body, boolean closeOutputAfterBody) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            Future<?> writing = writers.submit(() -> {
                try {
                    out.write(head);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                    if (closeOutputAfterBody) {
                        s.shutdownOutput();
                    }
                } catch (IOException e) {
                    // the server answered early and closed: the answer is still read below
                }
                return null;
            });
            Answer answer = read(s.getInputStream());
            try {
                writing.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                writing.cancel(true);
            }
            return answer;
        }
    }

    /**
     * @param method request method
     * @param path request target
     * @param headers header lines to send (each value of a list is a separate line); values are sent as UTF-8 bytes
     * @param contentLength the declared length, or {@code null} to declare none
     * @return the head bytes
     */
    static byte[] head(String method, String path, String host, Map<String, List<String>> headers, String contentLength) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(host).append("\r\n");
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            for (String v : h.getValue()) {
                sb.append(h.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        if (contentLength != null) {
            sb.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        sb.append("Connection: close\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Answer read(InputStream in) {
        ByteArrayOutputStream all = new ByteArrayOutputStream(512);
        byte[] buf = new byte[4096];
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                all.write(buf, 0, n);
                if (all.size() > 1 << 20) {
                    break;
                }
            }
        } catch (IOException e) {
            // reset or timeout: use what arrived
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        // skip interim 1xx answers (e.g. 100 Continue)
        while (text.startsWith("HTTP/1.1 1") || text.startsWith("HTTP/1.0 1")) {
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return new Answer(-1, "");
            }
            text = text.substring(end + 4);
        }
        if (!text.startsWith("HTTP/")) {
            return new Answer(-1, text);
        }
        int sp = text.indexOf(' ');
        int status;
        try {
            status = Integer.parseInt(text.substring(sp + 1, sp + 4));
        } catch (RuntimeException e) {
            return new Answer(-1, text);
        }
        int bodyAt = text.indexOf("\r\n\r\n");
        String body = bodyAt < 0 ? "" : new String(text.substring(bodyAt + 4).getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
        return new Answer(status, body);
    }
}
