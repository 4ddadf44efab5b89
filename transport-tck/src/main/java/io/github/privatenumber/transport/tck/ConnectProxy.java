package io.github.privatenumber.transport.tck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A minimal HTTP proxy for {@code CONNECT} tunnels, on a bare {@link ServerSocket}: it demands Basic credentials
 * (answering 407 with a challenge until they match), records every {@code CONNECT} head it receives, then connects
 * to the requested port on 127.0.0.1 (whatever host was named) and pipes bytes both ways. Thread-safe.
 */
final class ConnectProxy implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final String expectedAuthorization;
    private final ConcurrentLinkedQueue<String> heads = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Socket> open = new ConcurrentLinkedQueue<>();

    /**
     * @param expectedAuthorization the exact {@code Proxy-Authorization} value that opens a tunnel
     * @throws IOException if it cannot bind
     */
    ConnectProxy(String expectedAuthorization) throws IOException {
        this.expectedAuthorization = expectedAuthorization;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::acceptLoop, "tck-connect-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                open.add(client);
                daemon(() -> serve(client), "tck-connect-proxy-conn").start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            client.setSoTimeout(15_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    client.close();
                    return;
                }
                heads.add(head);
                String[] lines = head.split("\r\n");
                String[] requestLine = lines[0].split(" ");
                if (requestLine.length < 3 || !requestLine[0].equals("CONNECT")) {
                    out.write(("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    client.close();
                    return;
                }
                if (!expectedAuthorization.equals(headerValue(lines, "proxy-authorization"))) {
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\n"
                            + "Proxy-Authenticate: Basic realm=\"tck-proxy\"\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    continue;
                }
                String authority = requestLine[1];
                int port = Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
                Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), port);
                open.add(upstream);
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                client.setSoTimeout(0);
                daemon(() -> pipe(upstream, client), "tck-connect-proxy-down").start();
                pipe(client, upstream);
                return;
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ignored) {
            // either side went away; the tunnel is over
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static String headerValue(String[] lines, String lowerName) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(lowerName)) {
                return lines[i].substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // abandoning it anyway
        }
    }

    /**
     * @return every request head the proxy received, in order (request line and headers, CRLF-separated)
     */
    List<String> heads() {
        return new ArrayList<>(heads);
    }

    /**
     * @return the bound port
     */
    int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        open.forEach(ConnectProxy::closeQuietly);
    }
}
