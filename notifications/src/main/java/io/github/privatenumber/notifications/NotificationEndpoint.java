package io.github.privatenumber.notifications;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.notifications.internal.IoDeadlines;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ready HTTP endpoint for pushes on the JDK's own {@code com.sun.net.httpserver.HttpServer}, for applications
 * without a web framework. One line starts it:
 * <pre>{@code
 * try (NotificationEndpoint endpoint = NotificationEndpoint.start(receiver,
 *         new InetSocketAddress("127.0.0.1", 8088), "/privatenumber/events")) {
 *     ... // set http://<public host>:8088/privatenumber/events as both callback URLs in the console
 * }
 * }</pre>
 * or with separate paths for call events and CDRs ({@link #start(NotificationReceiver, InetSocketAddress, String,
 * String)}), or configured with {@link #builder(NotificationReceiver)}. Each path accepts both kinds of push (the body
 * says which it is), so a console with the two URLs swapped loses nothing. A trailing slash, present or not, does not
 * matter. Other paths get 404.
 *
 * <p>Requests run on a bounded pool ({@link Builder#threads(int)} threads, {@link Builder#queueCapacity(int)} waiting
 * requests); beyond that a request is answered 503 at once by one of two overflow threads (and when those are busy
 * too, its connection is closed at once), and the platform pushes again later. The body is read only after the
 * signature checked out, and never more than the receiver's limit + 1 bytes.
 *
 * <p>A slow client cannot hold a thread: arriving (request line, headers and body) and taking the answer each have
 * {@link Builder#ioTimeout(Duration)} (default {@value #DEFAULT_IO_TIMEOUT_SECONDS} s); past it the connection is
 * dropped, and a request whose body did not arrive in time never reaches the sink. The JDK's server reads the
 * request line and headers on a request thread, so a flood of connections that send nothing can still keep the
 * threads busy for one timeout each, and genuine pushes wait or get 503 meanwhile (they are pushed again). An
 * endpoint open to the internet belongs behind a reverse proxy, or in a server of its own (the Spring Boot starter's
 * webhook runs on the application's server).
 *
 * <p>Plain HTTP: terminate TLS in front of it (the signature is verified from the header values, so that works), or
 * host the {@link NotificationReceiver} in an HTTPS server of your own.
 *
 * <p>Thread-safe. {@link #close()} stops accepting, lets running requests finish within the grace period and stops
 * the threads.
 */
public final class NotificationEndpoint implements AutoCloseable {

    /** Default number of request threads. */
    public static final int DEFAULT_THREADS = 8;
    /** Default number of requests that may wait for a thread. */
    public static final int DEFAULT_QUEUE_CAPACITY = 64;
    /** Default grace period of {@link #close()}. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(2);
    /** Default of {@link Builder#ioTimeout(Duration)}, in seconds. */
    public static final int DEFAULT_IO_TIMEOUT_SECONDS = 10;
    /** Threads that answer 503 while the pool and its queue are full. */
    private static final int OVERFLOW_THREADS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(NotificationEndpoint.class);
    private static final ThreadLocal<Boolean> OVERLOADED = new ThreadLocal<>();
    /** The running request's guard against slow clients. */
    private static final ThreadLocal<IoDeadlines.Guard> GUARD = new ThreadLocal<>();

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final ThreadPoolExecutor overflow;
    private final IoDeadlines deadlines;
    private final String eventPath;
    private final String cdrPath;
    private final Duration shutdownGrace;
    private final AtomicInteger closed = new AtomicInteger();

    private NotificationEndpoint(HttpServer server, ThreadPoolExecutor pool, ThreadPoolExecutor overflow,
            IoDeadlines deadlines, String eventPath, String cdrPath, Duration shutdownGrace) {
        this.server = server;
        this.pool = pool;
        this.overflow = overflow;
        this.deadlines = deadlines;
        this.eventPath = eventPath;
        this.cdrPath = cdrPath;
        this.shutdownGrace = shutdownGrace;
    }

    /**
     * Starts an endpoint that takes both kinds of push on one path.
     *
     * @param receiver handles the pushes
     * @param address where to listen; port 0 picks a free one (see {@link #address()})
     * @param path the path, e.g. {@code /privatenumber/events}
     * @return the running endpoint
     * @throws UncheckedIOException if the address cannot be bound
     * @throws InvalidValueException (field {@code path}) unless the path starts with {@code /}
     * @throws NullPointerException if an argument is {@code null}
     */
    public static NotificationEndpoint start(NotificationReceiver receiver, InetSocketAddress address, String path) {
        return builder(receiver).address(address).path(path).start();
    }

    /**
     * Starts an endpoint with one path for call events and another for CDRs.
     *
     * @param receiver handles the pushes
     * @param address where to listen
     * @param eventPath the call-status URL's path
     * @param cdrPath the CDR URL's path
     * @return the running endpoint
     * @throws UncheckedIOException if the address cannot be bound
     * @throws InvalidValueException (field {@code eventPath} or {@code cdrPath}) unless a path starts with {@code /}
     * @throws NullPointerException if an argument is {@code null}
     */
    public static NotificationEndpoint start(NotificationReceiver receiver, InetSocketAddress address, String eventPath,
            String cdrPath) {
        return builder(receiver).address(address).eventPath(eventPath).cdrPath(cdrPath).start();
    }

    /**
     * @param receiver handles the pushes
     * @return a builder: 127.0.0.1, a free port, path {@code /privatenumber/events}, {@value #DEFAULT_THREADS}
     *     threads, {@value #DEFAULT_QUEUE_CAPACITY} queued requests
     * @throws NullPointerException if {@code receiver} is {@code null}
     */
    public static Builder builder(NotificationReceiver receiver) {
        return new Builder(receiver);
    }

    /**
     * @return the address listened on, with the actual port
     */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * @return the call-event URL on the listened address, e.g. {@code http://127.0.0.1:8088/privatenumber/events}
     */
    public URI eventUrl() {
        return url(eventPath);
    }

    /**
     * @return the CDR URL; the same as {@link #eventUrl()} when one path serves both
     */
    public URI cdrUrl() {
        return url(cdrPath);
    }

    private URI url(String path) {
        InetSocketAddress a = address();
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + path);
    }

    /** Stops accepting, waits up to the grace period for running requests, stops the threads. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndIncrement() > 0) {
            return;
        }
        server.stop((int) Math.max(0, Math.min(Integer.MAX_VALUE, shutdownGrace.toSeconds())));
        pool.shutdown();
        overflow.shutdown();
        try {
            if (!pool.awaitTermination(shutdownGrace.toMillis() + 100, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
            if (!overflow.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                overflow.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            overflow.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            deadlines.close();
        }
    }

    @Override
    public String toString() {
        return "NotificationEndpoint[" + eventUrl() + (eventPath.equals(cdrPath) ? "" : ", " + cdrUrl()) + "]";
    }

    private static String withoutTrailingSlash(String path) {
        return path != null && path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static void handle(HttpExchange exchange, NotificationReceiver receiver, Set<String> paths) {
        IoDeadlines.Guard guard = GUARD.get();
        try {
            ReceiverResponse answer;
            if (Boolean.TRUE.equals(OVERLOADED.get())) {
                answer = ReceiverResponse.error(503, "too many pushes at once; push again later");
                LOG.warn("push rejected status=503: every request thread is busy and the queue is full");
            } else if (!paths.contains(withoutTrailingSlash(exchange.getRequestURI().getPath()))) {
                answer = ReceiverResponse.error(404, "no push endpoint at this path");
            } else {
                // the guard stays armed until the body has arrived: the sink runs with it disarmed
                answer = receiver.handle(exchange.getRequestMethod(),
                        NotificationReceiver.headerLookup(exchange.getRequestHeaders()),
                        guard.body(exchange.getRequestBody()));
            }
            if (guard.hasExpired()) {
                LOG.warn("push dropped: the client did not send it within the read timeout; connection closed");
                return;
            }
            guard.arm();
            respond(exchange, answer);
        } catch (IOException e) {
            LOG.debug("could not answer a push: {}", e.toString());
        } catch (RuntimeException | Error e) {
            // the receiver answers every failure of its own and of the sink; anything here is a defect
            LOG.error("unexpected failure while handling a push: {}", e.getClass().getName());
            try {
                guard.arm();
                respond(exchange, ReceiverResponse.error(500, "internal error; push again"));
            } catch (IOException | RuntimeException ignored) {
                // the response may already be under way; nothing more can be done
            }
        } finally {
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, ReceiverResponse answer) throws IOException {
        byte[] body = answer.bodyBytes();
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        if (answer.status() == 405) {
            exchange.getResponseHeaders().set("Allow", "POST");
        }
        if (answer.status() == 413 || answer.status() == 503) {
            // the request body may be partly unread: do not keep the connection for another request
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Runs exchanges on the bounded pool, each under a guard against slow clients. When the pool and its queue are
     * full, an overflow thread answers 503; when those are busy too, the task is refused and the JDK's server closes
     * the connection at once. Nothing runs on the server's own dispatcher thread, which a slow client would stall.
     */
    private static Executor boundedExecutor(ThreadPoolExecutor pool, ThreadPoolExecutor overflow, IoDeadlines deadlines) {
        return task -> {
            try {
                pool.execute(guarded(task, deadlines, false));
            } catch (RejectedExecutionException full) {
                overflow.execute(guarded(task, deadlines, true));
            }
        };
    }

    private static Runnable guarded(Runnable exchange, IoDeadlines deadlines, boolean overloaded) {
        return () -> {
            IoDeadlines.Guard guard = deadlines.start();
            GUARD.set(guard);
            if (overloaded) {
                OVERLOADED.set(Boolean.TRUE);
            }
            try {
                exchange.run();
            } finally {
                guard.end();
                GUARD.remove();
                OVERLOADED.remove();
            }
        };
    }

    /** Configures and starts a {@link NotificationEndpoint}. Not thread-safe. */
    public static final class Builder {

        private final NotificationReceiver receiver;
        private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        private String eventPath = "/privatenumber/events";
        private String cdrPath;
        private int threads = DEFAULT_THREADS;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int backlog;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private Duration ioTimeout = Duration.ofSeconds(DEFAULT_IO_TIMEOUT_SECONDS);

        private Builder(NotificationReceiver receiver) {
            this.receiver = Objects.requireNonNull(receiver, "receiver");
        }

        /**
         * @param address where to listen; default {@code 127.0.0.1} on a free port. Use {@code 0.0.0.0} (or a
         *     specific interface) to be reachable from the platform
         * @return this builder
         * @throws NullPointerException if {@code address} is {@code null}
         */
        public Builder address(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * @param path one path for both kinds of push
         * @return this builder
         * @throws InvalidValueException (field {@code path}) unless it starts with {@code /}
         */
        public Builder path(String path) {
            this.eventPath = checkPath("path", path);
            this.cdrPath = null;
            return this;
        }

        /**
         * @param path the call-status URL's path (it accepts CDR pushes too)
         * @return this builder
         * @throws InvalidValueException (field {@code eventPath}) unless it starts with {@code /}
         */
        public Builder eventPath(String path) {
            this.eventPath = checkPath("eventPath", path);
            return this;
        }

        /**
         * @param path the CDR URL's path (it accepts call events too); default the event path
         * @return this builder
         * @throws InvalidValueException (field {@code cdrPath}) unless it starts with {@code /}
         */
        public Builder cdrPath(String path) {
            this.cdrPath = checkPath("cdrPath", path);
            return this;
        }

        private static String checkPath(String field, String path) {
            Objects.requireNonNull(path, field);
            if (!path.startsWith("/") || path.contains("?") || path.contains("#") || path.chars().anyMatch(c -> c <= ' ')) {
                throw new InvalidValueException(field, "must be an absolute path like /privatenumber/events");
            }
            return path;
        }

        /**
         * @param threads request threads, 1–1024; default {@value #DEFAULT_THREADS}
         * @return this builder
         * @throws InvalidValueException (field {@code threads}) when out of range
         */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 1024) {
                throw new InvalidValueException("threads", "must be 1-1024, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * @param queueCapacity requests that may wait for a thread, 1–100000; more are answered 503; default
         *     {@value #DEFAULT_QUEUE_CAPACITY}
         * @return this builder
         * @throws InvalidValueException (field {@code queueCapacity}) when out of range
         */
        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 1 || queueCapacity > 100_000) {
                throw new InvalidValueException("queueCapacity", "must be 1-100000, got " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        /**
         * @param backlog the listen backlog; 0 (default) for the system's
         * @return this builder
         */
        public Builder backlog(int backlog) {
            this.backlog = Math.max(0, backlog);
            return this;
        }

        /**
         * @param grace how long {@link #close()} waits for running requests; default 2 seconds
         * @return this builder
         * @throws NullPointerException if {@code grace} is {@code null}
         */
        public Builder shutdownGrace(Duration grace) {
            Objects.requireNonNull(grace, "grace");
            this.shutdownGrace = grace.isNegative() ? Duration.ZERO : grace;
            return this;
        }

        /**
         * @param timeout the longest a request may take to arrive (request line, headers and body, from when a
         *     thread starts on it), and again its answer to be taken; past it the connection is dropped. 100 ms to
         *     10 minutes; default {@value #DEFAULT_IO_TIMEOUT_SECONDS} seconds
         * @return this builder
         * @throws InvalidValueException (field {@code ioTimeout}) when out of range
         * @throws NullPointerException if {@code timeout} is {@code null}
         */
        public Builder ioTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new InvalidValueException("ioTimeout", "must be 100 ms to 10 minutes, got " + timeout);
            }
            this.ioTimeout = timeout;
            return this;
        }

        /**
         * Binds the address and starts serving.
         *
         * @return the running endpoint
         * @throws UncheckedIOException if the address cannot be bound
         */
        public NotificationEndpoint start() {
            String cdr = cdrPath != null ? cdrPath : eventPath;
            Set<String> paths = new LinkedHashSet<>();
            paths.add(eventPath);
            paths.add(cdr);
            HttpServer server;
            try {
                server = HttpServer.create(address, backlog);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + address, e);
            }
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(queueCapacity), threadFactory("privatenumber-push-"));
            ThreadPoolExecutor overflow = new ThreadPoolExecutor(0, OVERFLOW_THREADS, 10, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), threadFactory("privatenumber-push-overflow-"));
            IoDeadlines deadlines = new IoDeadlines(ioTimeout, "privatenumber-push-deadlines");
            // every request comes through "/": the handler checks the paths (a trailing slash either way is the same
            // path, as a console URL may carry one) and answers 404 otherwise
            Set<String> bare = new LinkedHashSet<>();
            for (String p : paths) {
                bare.add(withoutTrailingSlash(p));
            }
            Set<String> served = Set.copyOf(bare);
            server.createContext("/", exchange -> handle(exchange, receiver, served));
            server.setExecutor(boundedExecutor(pool, overflow, deadlines));
            server.start();
            NotificationEndpoint endpoint = new NotificationEndpoint(server, pool, overflow, deadlines, eventPath, cdr,
                    shutdownGrace);
            LOG.info("push endpoint listening on {}", endpoint);
            return endpoint;
        }

        private static ThreadFactory threadFactory(String prefix) {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, prefix + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
    }
}
