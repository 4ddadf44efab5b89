package io.github.privatenumber.transport.tck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare {@link ServerSocket} on 127.0.0.1 for peers that misbehave in ways {@code HttpServer} cannot: it reads
 * each request (head and {@code Content-Length} or chunked body), counts it, then does what its {@link Script}
 * says, typically closing or resetting the connection without an answer. Thread-safe.
 */
final class RawServer implements AutoCloseable {

    /** What to do once a request has been read completely. */
    @FunctionalInterface
    interface Script {
        /**
         * @param socket the connection
         * @throws IOException if the socket failed
         */
        void afterRequest(Socket socket) throws IOException;
    }

    /** Closes the connection politely (FIN) without answering. */
    static final Script CLOSE = Socket::close;

    /** Resets the connection (RST) without answering. */
    static final Script RESET = socket -> {
        socket.setSoLinger(true, 0);
        socket.close();
    };

    private final ServerSocket serverSocket;
    private final Script script;
    private final AtomicInteger requestsRead = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentLinkedQueue<Socket> open = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;

    /**
     * @param script what to do after each request
     * @throws IOException if it cannot bind
     */
    RawServer(Script script) throws IOException {
        this.script = script;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.acceptor = new Thread(this::acceptLoop, "tck-raw-server-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A script that writes the given bytes verbatim (for instance a head promising more body than follows), then
     * closes.
     *
     * @param raw the bytes to write
     * @return the script
     */
    static Script writeThenClose(String raw) {
        return socket -> {
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.close();
        };
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread worker = new Thread(() -> serve(socket), "tck-raw-conn");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setSoTimeout(10_000);
            if (readRequest(socket.getInputStream())) {
                requestsRead.incrementAndGet();
                script.afterRequest(socket);
            } else {
                socket.close();
            }
        } catch (IOException e) {
            closeQuietly(socket);
        }
    }

    /** Reads one request; false if the peer closed before a full head arrived. */
    private static boolean readRequest(InputStream in) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return false;
        }
        long length = 0;
        boolean chunked = false;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            readChunked(in);
        } else {
            in.readNBytes((int) length);
        }
        return true;
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

    private static void readChunked(InputStream in) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers
                }
                return;
            }
            in.readNBytes(size);
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /**
     * @return how many complete requests arrived
     */
    int requestsRead() {
        return requestsRead.get();
    }

    /**
     * @return how many connections were accepted
     */
    int connections() {
        return connections.get();
    }

    /**
     * @param pathAndQuery path and raw query
     * @return an http URI of this server
     */
    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + pathAndQuery);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do with a socket we are abandoning
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        open.forEach(RawServer::closeQuietly);
    }
}
