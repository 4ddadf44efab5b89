package io.github.privatenumber.reliability;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One persistent HTTP/1.1 connection for the load generator: a request at a time, answers read by
 * {@code Content-Length}, reconnecting after the server closed (it does after a 503 or 413). Blocking and small on
 * purpose: the generator's own cost must stay far below the receiver's. Not thread-safe: one per worker thread.
 */
final class KeepAliveHttp implements AutoCloseable {

    private final InetSocketAddress address;
    private final String host;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    int connects;

    KeepAliveHttp(InetSocketAddress address, int timeoutMillis) {
        this.address = address;
        this.host = address.getHostString() + ":" + address.getPort();
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * @return the status; throws when the connection failed (the caller pushes again)
     */
    int post(String path, Map<String, String> headers, byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            return exchange(path, headers, body);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        connects++;
    }

    private int exchange(String path, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(512);
        head.append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Type: application/json;charset=UTF-8\r\nContent-Length: ").append(body.length)
                .append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        String status = line();
        if (status == null || !status.startsWith("HTTP/1.")) {
            throw new IOException("no answer");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean close = false;
        String h;
        while ((h = line()) != null && !h.isEmpty()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (h == null) {
            throw new IOException("answer ended in its headers");
        }
        if (length > 0) {
            in.skipNBytes(length);
        }
        if (close || length < 0) {
            close();
        }
        return code;
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
