package io.github.privatenumber.simulator.internal.push;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One push attempt: an HTTP/1.1 POST on a connection of its own, sent with {@code Connection: close}.
 *
 * <p>Why not {@code java.net.http.HttpClient}: it keeps connections for reuse even after an HTTP/1.0 answer
 * without {@code Connection: close}, which is what Python's {@code http.server} sends before it closes; a push
 * that then picks such a connection fails with "header parser received no bytes" although the receiver is
 * healthy. Its {@code Connection} header cannot be set (restricted), and the switch that allows it is
 * JVM-wide. A fresh connection per attempt costs one TCP (and TLS) handshake, nothing for a simulator, and
 * makes every failure a real one. HTTPS verifies the certificate chain and the host name.
 *
 * <p>The whole exchange (connect, TLS handshake, request, status line, headers, body of the answer) runs
 * under one deadline; a {@link SocketTimeoutException} reports it passing. Redirects are not followed.
 * Stateless and thread-safe.
 */
final class PushConnection {

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private PushConnection() {
    }

    /**
     * Sends one POST and reads the whole answer.
     *
     * @param url absolute http(s) URL
     * @param headers request headers (no Host, Content-Length or Connection)
     * @param body the body
     * @param ssl trust for https, {@code null} for the JDK default
     * @param deadlineNanos {@link System#nanoTime()} by which the exchange must be complete
     * @param onSocket told the socket as soon as it exists (so that a watchdog can close it)
     * @return the answer's status code
     * @throws IOException for connection, TLS, protocol errors; {@link SocketTimeoutException} when the deadline passes
     */
    static int post(URI url, Map<String, String> headers, byte[] body, SSLContext ssl, long deadlineNanos,
            java.util.function.Consumer<Socket> onSocket) throws IOException {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        String host = url.getHost();
        int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
        Socket plain = new Socket();
        onSocket.accept(plain);
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), millisLeft(deadlineNanos));
            Socket s = plain;
            if (https) {
                SSLContext context = ssl != null ? ssl : defaultContext();
                SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
                onSocket.accept(tls);
                SSLParameters p = tls.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(p);
                tls.setSoTimeout(millisLeft(deadlineNanos));
                tls.startHandshake();
                s = tls;
            }
            StringBuilder head = new StringBuilder(256);
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            head.append("POST ").append(path);
            if (url.getRawQuery() != null) {
                head.append('?').append(url.getRawQuery());
            }
            head.append(" HTTP/1.1\r\nHost: ").append(host).append(url.getPort() >= 0 ? ":" + url.getPort() : "").append("\r\n");
            for (Map.Entry<String, String> h : headers.entrySet()) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return readAnswer(s, new BufferedInputStream(s.getInputStream()), deadlineNanos);
        } finally {
            plain.close();
        }
    }

    private static SSLContext defaultContext() throws IOException {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no default TLS context", e);
        }
    }

    private static int millisLeft(long deadlineNanos) throws SocketTimeoutException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("push deadline passed");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)));
    }

    private static int readAnswer(Socket s, InputStream in, long deadline) throws IOException {
        int[] budget = {MAX_HEAD_BYTES};
        while (true) {
            String status = line(s, in, deadline, budget, true);
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3
                    || !parts[1].chars().allMatch(Character::isDigit)) {
                throw new IOException("not an HTTP/1.x answer");
            }
            int code = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            String h;
            while (!(h = line(s, in, deadline, budget, false)).isEmpty()) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).strip();
                if (name.equals("content-length")) {
                    try {
                        length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("bad Content-Length in the answer");
                    }
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            if (code >= 100 && code < 200) {
                continue; // 100 Continue and friends: the real answer follows
            }
            if (code == 204 || code == 304) {
                return code;
            }
            if (chunked) {
                while (true) {
                    String size = line(s, in, deadline, budget, false);
                    int semi = size.indexOf(';');
                    long n;
                    try {
                        n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
                    } catch (NumberFormatException e) {
                        throw new IOException("bad chunk in the answer");
                    }
                    if (n == 0) {
                        while (!line(s, in, deadline, budget, false).isEmpty()) {
                            // trailers
                        }
                        return code;
                    }
                    skip(s, in, n + 2, deadline);
                }
            }
            if (length >= 0) {
                skip(s, in, length, deadline);
            } else {
                skip(s, in, Long.MAX_VALUE, deadline); // until the receiver closes
            }
            return code;
        }
    }

    private static String line(Socket s, InputStream in, long deadline, int[] budget, boolean first) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        while (true) {
            s.setSoTimeout(millisLeft(deadline));
            int c = in.read();
            if (c < 0) {
                throw new IOException(first && b.size() == 0 ? "the receiver closed the connection without an answer"
                        : "the receiver closed the connection in the middle of its answer");
            }
            if (--budget[0] < 0) {
                throw new IOException("the answer's head is larger than " + MAX_HEAD_BYTES + " bytes");
            }
            if (c == '\n') {
                String line = b.toString(StandardCharsets.ISO_8859_1);
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            }
            b.write(c);
        }
    }

    /** Reads and drops {@code n} bytes, or up to end of stream when {@code n} is {@code Long.MAX_VALUE}. */
    private static void skip(Socket s, InputStream in, long n, long deadline) throws IOException {
        byte[] buf = new byte[8192];
        long left = n;
        while (left > 0) {
            s.setSoTimeout(millisLeft(deadline));
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new IOException("the receiver closed the connection in the middle of its answer");
            }
            left -= r;
        }
    }
}
