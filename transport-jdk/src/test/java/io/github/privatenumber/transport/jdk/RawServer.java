package io.github.privatenumber.transport.jdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A tiny HTTP/1.1 server on a real loopback socket for transport tests: reads each request (headers and a
 * Content-Length body), records it, and answers with what the test scripted: bytes, silence and a close, a reset,
 * or a delay. Also a plain-http forward proxy and a CONNECT proxy when asked to.
 */
final class RawServer implements AutoCloseable {

    /** A request as it arrived. */
    record Request(String method, String target, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What to do with one request. */
    interface Action {
        void apply(Request request, Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-server");
        t.setDaemon(true);
        return t;
    });
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final BlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
    private volatile Function<Request, Action> handler = r -> respond(200, "application/json", "{\"resultcode\":\"0\"}");

    RawServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    String base() {
        return "http://127.0.0.1:" + port();
    }

    RawServer handler(Function<Request, Action> handler) {
        this.handler = handler;
        return this;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            while (true) {
                Request r = read(in);
                if (r == null) {
                    return;
                }
                requests.add(r);
                arrivals.add(r);
                Action action = handler.apply(r);
                action.apply(r, s);
                if (s.isClosed()) {
                    return;
                }
            }
        } catch (Exception e) {
            // the test decides what the client sees; nothing to report here
        }
    }

    static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] start = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Request(start[0], start[1], headers, body);
    }

    static Action respond(int status, String contentType, String body) {
        return respond(status, contentType == null ? Map.of() : Map.of("Content-Type", contentType),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static Action respond(int status, Map<String, String> headers, byte[] body) {
        return (r, s) -> {
            StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
            headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
            sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        };
    }

    static Action delayThen(long millis, Action then) {
        return (r, s) -> {
            Thread.sleep(millis);
            then.apply(r, s);
        };
    }

    /** Reads the request, then closes without a byte of answer. */
    static Action closeSilently() {
        return (r, s) -> s.close();
    }

    /** Reads the request, then resets the connection. */
    static Action reset() {
        return (r, s) -> {
            s.setSoLinger(true, 0);
            s.close();
        };
    }

    /** Acts as a CONNECT proxy: answers 200 and pipes bytes to the target until either side closes. */
    static Action tunnel() {
        return (r, s) -> {
            String[] hostPort = r.target().split(":");
            Socket upstream = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
            s.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            Thread up = new Thread(() -> pipe(s, upstream));
            up.setDaemon(true);
            up.start();
            pipe(upstream, s);
            upstream.close();
            s.close();
        };
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed
        }
    }

    Request next() throws InterruptedException {
        Request r = arrivals.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived");
        }
        return r;
    }

    List<Request> requestsSoFar() {
        return new ArrayList<>(requests);
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
