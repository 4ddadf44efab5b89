package io.github.privatenumber.simulator.internal.http;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP/1.1 server: blocking sockets, one thread per open connection, every read and write
 * under a deadline. It replaces {@code com.sun.net.httpserver}, whose only read and idle timeouts are
 * JVM-wide system properties that a library must not set, and which hides the socket (so no real TCP reset
 * and no answer to an oversized request).
 *
 * <p><b>Deadlines.</b> A connection waits at most {@link Settings#idleTimeout()} for the first byte of its
 * next request; from that byte on the whole request (line, headers, body) must arrive within
 * {@link Settings#readTimeout()}, or the connection gets a 408 and is closed. A write that does not finish
 * within {@link Settings#writeTimeout()} (a client that stopped reading) closes the connection. So a stalled
 * client only ever holds its own connection's thread, and only for a bounded time; at most
 * {@link Settings#maxConnections()} connections are served at once, more are closed at once.
 *
 * <p><b>Protocol.</b> HTTP/1.1 and 1.0 requests, keep-alive (1.1 unless {@code Connection: close}; 1.0 only
 * with {@code Connection: keep-alive}), {@code Content-Length} and chunked bodies, {@code Expect: 100-continue};
 * answers always carry {@code Content-Length}; a {@code HEAD} answer carries no body. A request line that is
 * not {@code METHOD origin-form HTTP/1.x} or whose target is no URI gets a plain 400, broken headers a plain
 * 400, then the connection is closed. Thread-safe.
 */
public final class HttpServerCore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServerCore.class);
    private static final int MAX_HEADERS = 100;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** What the server hands requests to. */
    public interface Handler {
        /**
         * Handles one complete request; runs on the connection's thread.
         *
         * @param request the request ({@code body} is {@code null} when it was over the size limit)
         * @return what to do; never {@code null}
         */
        Reply handle(ApiRequest request);

        /**
         * Builds the answer to a request that the HTTP layer refuses before the handler sees it.
         *
         * @param path the raw path, {@code null} when the request line could not be read
         * @param status HTTP status
         * @param resultCode the platform result code
         * @param message what is wrong
         * @return the answer
         */
        Answer refuse(String path, int status, String resultCode, String message);

        /**
         * Builds the answer to a request whose body is over the limit; it is answered without being read.
         *
         * @param path the raw path
         * @param limit the limit in bytes
         * @return the answer
         */
        Answer bodyTooLarge(String path, int limit);
    }

    /**
     * Limits and deadlines.
     *
     * @param maxBodyBytes largest accepted request body
     * @param maxHeaderBytes largest request line plus headers
     * @param readTimeout how long one request may take to arrive, from its first byte
     * @param idleTimeout how long a connection may wait for the first byte of its next request
     * @param writeTimeout how long writing one answer may take
     * @param maxConnections connections served at once
     */
    public record Settings(int maxBodyBytes, int maxHeaderBytes, Duration readTimeout, Duration idleTimeout,
            Duration writeTimeout, int maxConnections) {
    }

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final Settings settings;
    private final ThreadPoolExecutor connections;
    private final ScheduledThreadPoolExecutor timer;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private HttpServerCore(ServerSocket serverSocket, Handler handler, Settings settings, String name) {
        this.serverSocket = serverSocket;
        this.handler = handler;
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.connections = new ThreadPoolExecutor(0, settings.maxConnections(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, name + "-conn-" + n.incrementAndGet()));
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, name + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
        // every answer arms a write guard; one that becomes the queue's earliest task wakes the timer thread, so each
        // answer would cost a thread wake-up (measured: 3% of the CPU under load); a no-op due every second stays
        // earlier than any guard longer than a second
        timer.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.SECONDS);
        this.acceptor = daemon(this::acceptLoop, name + "-accept");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Binds and starts serving.
     *
     * @param address where to listen
     * @param ssl a TLS context for HTTPS, {@code null} for plain HTTP
     * @param handler the request handler
     * @param settings limits and deadlines
     * @param name thread-name prefix
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    public static HttpServerCore start(InetSocketAddress address, SSLContext ssl, Handler handler, Settings settings, String name)
            throws IOException {
        ServerSocket ss = ssl == null ? new ServerSocket() : ssl.getServerSocketFactory().createServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(address, 1024);
        } catch (IOException | RuntimeException e) {
            ss.close();
            throw e;
        }
        HttpServerCore server = new HttpServerCore(ss, handler, settings, name);
        server.acceptor.start();
        return server;
    }

    /** @return the bound port */
    public int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("accept failed: {}", e.toString());
                    // e.g. out of file descriptors: do not spin; connections already open go on meanwhile
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
                continue;
            }
            try {
                s.setTcpNoDelay(true);
                open.add(s);
                if (closed) {
                    throw new RejectedExecutionException("closed");
                }
                connections.execute(() -> serve(s));
            } catch (IOException | RejectedExecutionException e) {
                LOG.debug("connection refused ({} open): {}", open.size(), e.toString());
                open.remove(s);
                closeQuietly(s);
            }
        }
    }

    /** Stops listening and closes every connection at once. Idempotent. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        for (Socket s : open) {
            closeQuietly(s);
        }
        connections.shutdownNow();
        timer.shutdownNow();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    // ------------------------------------------------------------------ one connection

    /**
     * A request the HTTP layer refuses; {@code answer} is written (if not null), then the connection closes,
     * with the rest of the request drained first when {@code linger} (it may still be arriving).
     */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Answer answer;
        final boolean linger;

        Refused(Answer answer) {
            this(answer, answer != null);
        }

        Refused(Answer answer, boolean linger) {
            super(null, null, false, false);
            this.answer = answer;
            this.linger = linger;
        }
    }

    /** The request line and headers are over the limit. */
    private static final class HeadTooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        HeadTooLarge() {
            super(null, null, false, false);
        }
    }

    private static Refused plain(int status, String text) {
        return new Refused(new Answer(status, "text/plain;charset=UTF-8", Map.of(), text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A parsed request plus what the connection does afterwards. */
    private record Parsed(ApiRequest request, boolean keepAlive, boolean http10, boolean head) {
    }

    /**
     * @return requests whose first byte has been read and whose answer has not been written (or dropped) yet
     */
    public int requestsInProgress() {
        return inProgress.get();
    }

    private void serve(Socket socket) {
        try {
            Input in = new Input(socket, socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            while (!closed) {
                if (!in.awaitRequest(settings.idleTimeout())) {
                    return; // end of stream or idle: close quietly
                }
                inProgress.incrementAndGet();
                try {
                    in.deadline = System.nanoTime() + settings.readTimeout().toNanos();
                    Parsed p;
                    try {
                        p = read(in, out);
                    } catch (Refused r) {
                        if (r.answer != null) {
                            write(socket, out, r.answer, false, false, false);
                        }
                        if (r.linger) {
                            lingeringClose(socket, in);
                        }
                        return;
                    } catch (SocketTimeoutException e) {
                        LOG.debug("request not complete within {} ms: closing", settings.readTimeout().toMillis());
                        write(socket, out, handler.refuse(in.path, 408, "1010002",
                                "the request did not arrive completely within " + settings.readTimeout().toMillis() + " ms"),
                                false, false, false);
                        return;
                    }
                    in.deadline = 0;
                    Reply reply = handler.handle(p.request());
                    if (reply.answer() == null) {
                        if (reply.drop() == Reply.Drop.RESET) {
                            socket.setSoLinger(true, 0);
                        }
                        return;
                    }
                    boolean keepAlive = p.keepAlive() && p.request().body() != null && !closed;
                    write(socket, out, reply.answer(), keepAlive, p.http10(), p.head());
                    if (!keepAlive) {
                        return;
                    }
                } finally {
                    inProgress.decrementAndGet();
                }
            }
        } catch (IOException e) {
            LOG.trace("connection ended: {}", e.toString());
        } finally {
            open.remove(socket);
            closeQuietly(socket);
        }
    }

    private Parsed read(Input in, OutputStream out) throws IOException, Refused {
        try {
            return readRequest(in, out);
        } catch (HeadTooLarge e) {
            throw new Refused(handler.refuse(in.path, 400, "1023037",
                    "the request line and headers are larger than " + settings.maxHeaderBytes() + " bytes"));
        }
    }

    private Parsed readRequest(Input in, OutputStream out) throws IOException, Refused, HeadTooLarge {
        int[] budget = {settings.maxHeaderBytes()};
        String line = in.line(budget);
        for (int blank = 0; line.isEmpty() && blank < 4; blank++) {
            line = in.line(budget); // a few empty lines before a request line are tolerated (RFC 9112 2.2)
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !isToken(parts[0])) {
            throw plain(400, "Bad request line");
        }
        String method = parts[0];
        String version = parts[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw version.startsWith("HTTP/") ? plain(505, "HTTP version not supported") : plain(400, "Bad request line");
        }
        boolean http10 = version.equals("HTTP/1.0");
        URI uri;
        try {
            uri = new URI(parts[1]);
        } catch (URISyntaxException e) {
            throw plain(400, "Bad request line");
        }
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || (uri.isAbsolute() && !"http".equalsIgnoreCase(uri.getScheme())
                && !"https".equalsIgnoreCase(uri.getScheme()))) {
            throw plain(400, "Bad request line");
        }
        in.path = path;
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int count = 0;
        while (true) {
            String h = in.line(budget);
            if (h.isEmpty()) {
                break;
            }
            int colon = h.indexOf(':');
            if (h.charAt(0) == ' ' || h.charAt(0) == '\t' || colon <= 0 || !isToken(h.substring(0, colon)) || ++count > MAX_HEADERS) {
                throw plain(400, "Bad request header");
            }
            String value = h.substring(colon + 1).strip();
            headers.computeIfAbsent(h.substring(0, colon), k -> new ArrayList<>(1)).add(value);
        }
        boolean head = method.equals("HEAD");
        byte[] body = body(in, out, headers, http10);
        String connection = joined(headers, "Connection").toLowerCase(Locale.ROOT);
        boolean keepAlive = http10 ? tokens(connection).contains("keep-alive") : !tokens(connection).contains("close");
        ApiRequest request = new ApiRequest(method, path, uri.getRawQuery(), headers, body);
        return new Parsed(request, keepAlive, http10, head);
    }

    /** The body: {@code null} when it is over the limit (the connection closes after the answer). */
    private byte[] body(Input in, OutputStream out, Map<String, List<String>> headers, boolean http10)
            throws IOException, Refused, HeadTooLarge {
        List<String> te = headers.get("Transfer-Encoding");
        List<String> cl = headers.get("Content-Length");
        int max = settings.maxBodyBytes();
        if (te != null) {
            if (cl != null || !joined(headers, "Transfer-Encoding").strip().equalsIgnoreCase("chunked")) {
                throw plain(400, "Bad request: unsupported Transfer-Encoding");
            }
            continueIfExpected(out, headers, http10);
            byte[] b = in.chunked(max);
            if (b == null) {
                throw new Refused(handler.bodyTooLarge(in.path, max));
            }
            return b;
        }
        if (cl == null) {
            return new byte[0];
        }
        long length = -1;
        for (String v : String.join(",", cl).split(",")) {
            String s = v.strip();
            if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw plain(400, "Bad request: Content-Length");
            }
            long n = Long.parseLong(s);
            if (length >= 0 && n != length) {
                throw plain(400, "Bad request: Content-Length");
            }
            length = n;
        }
        if (length > max) {
            // answered at once, without reading the body; the rest is drained only to close cleanly
            throw new Refused(handler.bodyTooLarge(in.path, max));
        }
        if (length > 0) {
            continueIfExpected(out, headers, http10);
        }
        byte[] b = new byte[(int) length];
        in.readFully(b, b.length);
        return b;
    }

    private static void continueIfExpected(OutputStream out, Map<String, List<String>> headers, boolean http10) throws IOException {
        if (!http10 && joined(headers, "Expect").equalsIgnoreCase("100-continue")) {
            out.write(CONTINUE);
            out.flush();
        }
    }

    private static String joined(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null ? "" : String.join(",", v);
    }

    private static List<String> tokens(String list) {
        List<String> out = new ArrayList<>();
        for (String t : list.split(",")) {
            out.add(t.strip());
        }
        return out;
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private void write(Socket socket, OutputStream out, Answer a, boolean keepAlive, boolean http10, boolean head) throws IOException {
        StringBuilder h = new StringBuilder(160);
        h.append("HTTP/1.1 ").append(a.status()).append(' ').append(reason(a.status())).append("\r\n");
        if (a.contentType() != null) {
            h.append("Content-Type: ").append(a.contentType()).append("\r\n");
        }
        for (Map.Entry<String, String> e : a.headers().entrySet()) {
            h.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        }
        h.append("Content-Length: ").append(a.body().length).append("\r\n");
        if (!keepAlive) {
            h.append("Connection: close\r\n");
        } else if (http10) {
            h.append("Connection: keep-alive\r\n");
        }
        h.append("\r\n");
        ScheduledFuture<?> guard = null;
        try {
            guard = timer.schedule(() -> closeQuietly(socket), settings.writeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closing: the socket is being closed anyway
        }
        try {
            out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (!head) {
                out.write(a.body());
            }
            out.flush();
        } finally {
            if (guard != null) {
                guard.cancel(false);
            }
        }
    }

    /**
     * Closes a connection whose request was not read to its end: our side first (FIN, so the answer goes out
     * whole), then what the client still sends is read and dropped for a short, bounded while. Closing with
     * unread data at once would send a TCP reset, which can destroy the answer before the client reads it.
     */
    private static void lingeringClose(Socket socket, Input in) {
        try {
            try {
                socket.shutdownOutput();
            } catch (UnsupportedOperationException tls) {
                // an SSLSocket cannot half-close; the drain below still helps
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            long budget = 64L * 1024 * 1024;
            byte[] sink = new byte[16 * 1024];
            InputStream raw = socket.getInputStream();
            budget -= in.lim - in.pos;
            while (budget > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(500, TimeUnit.NANOSECONDS.toMillis(left))));
                int n = raw.read(sink);
                if (n < 0) {
                    return;
                }
                budget -= n;
            }
        } catch (IOException e) {
            // silence, a reset or a close: done either way
        }
    }

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 301: return "Moved Permanently";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 413: return "Content Too Large";
            case 500: return "Internal Server Error";
            case 503: return "Service Unavailable";
            case 505: return "HTTP Version Not Supported";
            default: return "Status";
        }
    }

    // ------------------------------------------------------------------ buffered reading under a deadline

    /** Reads from the socket through a buffer; every read waits at most until {@link #deadline}. */
    private static final class Input {
        private final Socket socket;
        private final InputStream in;
        private final byte[] buf = new byte[8192];
        int pos;
        int lim;
        /** System.nanoTime() by which the current request must be complete; 0 while waiting between requests. */
        long deadline;
        /** The current request's path once known, for error answers. */
        String path;

        Input(Socket socket, InputStream in) {
            this.socket = socket;
            this.in = in;
        }

        /** Waits for the first byte of the next request; false on end of stream or idle timeout. */
        boolean awaitRequest(Duration idle) throws IOException {
            path = null;
            if (pos < lim) {
                return true;
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, idle.toMillis())));
            try {
                int n = in.read(buf, 0, buf.length);
                if (n <= 0) {
                    return false;
                }
                pos = 0;
                lim = n;
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            }
        }

        private boolean fill() throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("request deadline passed");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left))));
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        }

        private int read() throws IOException {
            if (pos >= lim && !fill()) {
                return -1;
            }
            return buf[pos++] & 0xFF;
        }

        /** One line without its CRLF (a bare LF is accepted), as ISO-8859-1; counts against the budget. */
        String line(int[] budget) throws IOException, Refused, HeadTooLarge {
            ByteArrayOutputStream b = new ByteArrayOutputStream(64);
            while (true) {
                int c = read();
                if (c < 0) {
                    throw new Refused(null); // the client went away mid-request
                }
                if (--budget[0] < 0) {
                    throw new HeadTooLarge();
                }
                if (c == '\n') {
                    byte[] bytes = b.toByteArray();
                    int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
                }
                b.write(c);
            }
        }

        void readFully(byte[] b, int len) throws IOException, Refused {
            int off = 0;
            while (off < len) {
                if (pos >= lim && !fill()) {
                    throw new Refused(null);
                }
                int n = Math.min(len - off, lim - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                off += n;
            }
        }

        /** A chunked body; {@code null} as soon as it exceeds {@code max} (the rest is not read). */
        byte[] chunked(int max) throws IOException, Refused, HeadTooLarge {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int[] budget = {64 * 1024};
            while (true) {
                String sizeLine = line(budget);
                int semi = sizeLine.indexOf(';');
                String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip();
                long size;
                try {
                    size = hex.isEmpty() || hex.length() > 15 ? -1 : Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    size = -1;
                }
                if (size < 0) {
                    throw plain(400, "Bad request: chunk size");
                }
                if (size == 0) {
                    while (!line(budget).isEmpty()) {
                        // trailer fields are read and ignored (they count against the same budget)
                    }
                    return body.toByteArray();
                }
                if (body.size() + size > max) {
                    return null;
                }
                byte[] chunk = new byte[(int) size];
                readFully(chunk, chunk.length);
                body.write(chunk, 0, chunk.length);
                if (!line(budget).isEmpty()) {
                    throw plain(400, "Bad request: chunk");
                }
            }
        }
    }
}
