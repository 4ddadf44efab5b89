package io.github.privatenumber.simulator.internal.push;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A receiver like Python's {@code http.server}: answers {@code HTTP/1.0 200} (with Content-Length, without
 * {@code Connection: close}) and closes every connection shortly after the answer, never answering a second
 * request on it. Raw sockets, one thread.
 */
final class Http10Receiver implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    private final List<String> bodies = new ArrayList<>();

    Http10Receiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::loop, "http10-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    List<String> bodies() {
        synchronized (bodies) {
            return List.copyOf(bodies);
        }
    }

    private void loop() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5_000);
                InputStream in = new BufferedInputStream(s.getInputStream());
                int length = 0;
                String line;
                while (!(line = line(in)).isEmpty()) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                byte[] body = in.readNBytes(length);
                synchronized (bodies) {
                    bodies.add(new String(body, StandardCharsets.UTF_8));
                }
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.0 200 OK\r\nServer: BaseHTTP/0.6 Python/3.11.2\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\n"
                        + "Content-Type: text/plain\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                // like a busy Python server, it closes a moment later (or as soon as another request comes in),
                // without ever answering a second request on the connection
                s.setSoTimeout(300);
                in.read();
            } catch (IOException e) {
                // next connection
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("closed");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
