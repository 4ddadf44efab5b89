package io.github.privatenumber.notifications;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.core.SignatureVerificationException;
import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.NotificationSink;
import io.github.privatenumber.notifications.internal.BoundedBody;
import io.github.privatenumber.notifications.internal.ParsedPush;
import io.github.privatenumber.notifications.internal.PushParser;
import io.github.privatenumber.notifications.internal.PushRejectedException;
import io.github.privatenumber.signing.ReplayGuard;
import io.github.privatenumber.signing.SignatureVerifier;
import io.github.privatenumber.signing.VerifiedSignature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the platform's pushes (SPEC §10) independently of any HTTP framework: give it the request's method, a
 * header lookup and the body; it answers with the {@link ReceiverResponse} to send. Host it in any server, or use
 * {@link NotificationEndpoint} for a ready one on the JDK's {@code HttpServer}.
 *
 * <pre>{@code
 * NotificationReceiver receiver = NotificationReceiver.builder()
 *         .credentials(AppCredentials.of(appKey, appSecret))
 *         .sink(NotificationHandlers.builder()
 *                 .onCdr(cdr -> billing.store(cdr))                       // idempotent by cdr.icid()
 *                 .on(CallEventType.DISCONNECT, e -> calls.ended(e))
 *                 .build())
 *         .build();
 * ReceiverResponse answer = receiver.handle("POST", request::getHeader, bodyBytes);
 * }</pre>
 *
 * <h2>How a push is handled</h2>
 * <ol>
 *   <li>Any method but {@code POST}: 405. A declared {@code Content-Length} above {@link #maxBodyBytes()}: 413
 *       (nothing is read).</li>
 *   <li>The signature is verified from the header values alone ({@code Authorization} with {@code X-AKSK}, or the
 *       legacy {@code X-WSSE} when enabled), so it works behind a TLS-terminating proxy: the {@code Username} must be a
 *       configured app key, the digest must match (constant time), {@code Created} must lie within the allowed skew
 *       and the nonce must not have been used before. Any failure: 401, and a log line naming the check.</li>
 *   <li>The body is read with the limit enforced while reading (never more than the limit + 1 bytes): 413 above
 *       it. It must be strict UTF-8 JSON of the documented shape: 400 otherwise (see {@link ReceiverResponse}).</li>
 *   <li>Records already delivered are skipped (CDRs by {@code icid}, call events by
 *       {@link CallEvent#deduplicationKey()}), using the {@link DeduplicationStore}. Each new record goes to the
 *       {@link NotificationSink} in push order and is marked delivered as soon as the sink returns.</li>
 *   <li>200 once the sink accepted every new record. If the sink throws, the record is released, the rest of the
 *       push is not handed over, and the answer is 500: the platform pushes again, and on that re-push the records
 *       already accepted are skipped. While another request is delivering one of the records (the platform re-pushed
 *       before the first push was answered) the receiver waits up to {@link Builder#inProgressWait(Duration)} for it
 *       and then answers 503 rather than acknowledging a record whose delivery is not confirmed.</li>
 * </ol>
 * One log line per push (kind, record count, delivered and duplicate counts, status); numbers are never logged in
 * clear and the secret never.
 *
 * <p>Immutable after {@link Builder#build()} and thread-safe: pushes may be handled concurrently; the sink must be
 * thread-safe too. {@code handle} never throws for anything the request contains; it propagates only
 * {@link Error}s.
 */
public final class NotificationReceiver {

    /** Default {@link #maxBodyBytes()}: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** Default wait for a record another request is delivering: 3 seconds. */
    public static final Duration DEFAULT_IN_PROGRESS_WAIT = Duration.ofSeconds(3);
    /** The most records a {@code fee} push may carry. */
    public static final int MAX_RECORDS_PER_PUSH = PushParser.MAX_RECORDS;

    private static final Logger LOG = LoggerFactory.getLogger(NotificationReceiver.class);
    private static final int MAX_KEY_LENGTH = 512;

    private final SignatureVerifier verifier;
    private final NotificationSink sink;
    private final DeduplicationStore store;
    private final int maxBodyBytes;
    private final Duration inProgressWait;
    private final PushParser parser = new PushParser();

    private NotificationReceiver(Builder b, SignatureVerifier verifier) {
        this.verifier = verifier;
        this.sink = b.sink;
        this.store = b.store != null ? b.store : InMemoryDeduplicationStore.create();
        this.maxBodyBytes = b.maxBodyBytes;
        this.inProgressWait = b.inProgressWait;
    }

    /**
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Handles one push whose body was read already. Prefer {@link #handle(String, Function, InputStream)} when the
     * body is still a stream: it is then read only after the signature checked out, and never beyond the limit.
     *
     * @param method the HTTP method, e.g. {@code POST}
     * @param headers returns a header's value by name, without regard to case, or {@code null} when absent; asked for
     *     {@code Authorization}, {@code X-AKSK}, {@code X-WSSE} and {@code Content-Length}
     * @param body the body bytes
     * @return what to answer
     * @throws NullPointerException if an argument is {@code null}
     */
    public ReceiverResponse handle(String method, Function<String, String> headers, byte[] body) {
        Objects.requireNonNull(body, "body");
        return process(method, headers, (limit, declared) -> {
            if (body.length > limit) {
                throw BoundedBody.tooLarge(limit);
            }
            return body;
        });
    }

    /**
     * Handles one push, reading the body from a stream only after the signature checked out, with the size limit
     * enforced while reading. The stream is not closed.
     *
     * @param method the HTTP method, e.g. {@code POST}
     * @param headers as in {@link #handle(String, Function, byte[])}
     * @param body the body stream
     * @return what to answer; 400 when the stream fails while being read
     * @throws NullPointerException if an argument is {@code null}
     */
    public ReceiverResponse handle(String method, Function<String, String> headers, InputStream body) {
        Objects.requireNonNull(body, "body");
        return process(method, headers, (limit, declared) -> {
            try {
                return BoundedBody.read(body, limit, declared);
            } catch (IOException e) {
                throw new PushRejectedException(400, "the body could not be read");
            }
        });
    }

    /**
     * Turns a multi-valued header map (as most HTTP servers have) into the lookup {@code handle} takes: names are
     * matched without regard to case; a header sent several times with the same value counts once.
     *
     * @param headers names to values; {@code null} names, lists and values are skipped
     * @return the lookup; it throws a {@link SignatureVerificationException} ({@code MALFORMED_HEADER}) for a header
     *     sent several times with different values, which {@code handle} answers with 401 (400 for
     *     {@code Content-Length})
     * @throws NullPointerException if {@code headers} is {@code null}
     */
    public static Function<String, String> headerLookup(Map<String, List<String>> headers) {
        Objects.requireNonNull(headers, "headers");
        return name -> {
            String found = null;
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() == null || e.getValue() == null || !e.getKey().equalsIgnoreCase(name)) {
                    continue;
                }
                for (String value : e.getValue()) {
                    if (value == null) {
                        continue;
                    }
                    if (found == null) {
                        found = value;
                    } else if (!found.equals(value)) {
                        throw new SignatureVerificationException(SignatureVerificationException.Reason.MALFORMED_HEADER,
                                "the header " + name + " appears more than once with different values");
                    }
                }
            }
            return found;
        };
    }

    /**
     * @return the largest accepted body, in bytes
     */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * @return whether signatures are verified (always, unless switched off explicitly)
     */
    public boolean verifiesSignatures() {
        return verifier != null;
    }

    /**
     * @return the de-duplication store in use
     */
    public DeduplicationStore deduplicationStore() {
        return store;
    }

    @Override
    public String toString() {
        return "NotificationReceiver[verifier=" + (verifier == null ? "OFF" : verifier) + ", store=" + store
                + ", maxBodyBytes=" + maxBodyBytes + ", inProgressWait=" + inProgressWait + "]";
    }

    /** Supplies the body once the earlier checks passed. */
    @FunctionalInterface
    private interface BodySource {
        byte[] read(int limit, long declaredLength);
    }

    /** What is known about the push so far, for its log line (whose texts are built only when it is written). */
    private static final class Trace {
        String kind;
        CallEvent event;
        VerifiedSignature signature;
        int records;
        int delivered;
        int duplicates;
        String problem;
        List<String> unreadable = List.of();
    }

    private ReceiverResponse process(String method, Function<String, String> headers, BodySource body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(headers, "headers");
        long started = System.nanoTime();
        Trace trace = new Trace();
        ReceiverResponse answer;
        try {
            answer = pipeline(method, headers, body, trace);
        } catch (PushRejectedException e) {
            trace.problem = e.getMessage();
            answer = ReceiverResponse.error(e.status(), e.getMessage());
        }
        log(trace, answer, started);
        return answer;
    }

    private ReceiverResponse pipeline(String method, Function<String, String> headers, BodySource body, Trace trace) {
        if (!"POST".equals(method)) {
            throw new PushRejectedException(405, "only POST is allowed");
        }
        long declared = declaredLength(headers);
        if (declared > maxBodyBytes) {
            throw BoundedBody.tooLarge(maxBodyBytes);
        }
        if (verifier != null) {
            try {
                trace.signature = verifier.verify(headers);
            } catch (SignatureVerificationException e) {
                String message = e.getMessage();
                int cut = message.indexOf("): ");
                trace.problem = "check " + e.reason() + " failed: " + (cut >= 0 ? message.substring(cut + 3) : message);
                return ReceiverResponse.error(401, "signature verification failed");
            } catch (RuntimeException e) {
                // e.g. a credentials lookup that could not reach its store: not the caller's fault, push again later
                trace.problem = "the signature could not be verified: " + describe(e);
                debugTrace("signature verification could not run", e);
                return ReceiverResponse.error(503, "the signature could not be verified now; push again later");
            }
        }
        byte[] bytes = body.read(maxBodyBytes, declared);
        ParsedPush push = parser.parse(bytes, bytes.length);
        trace.unreadable = push.unreadableFields();
        trace.records = push.recordCount();
        return dispatch(push, trace);
    }

    private static long declaredLength(Function<String, String> headers) {
        String value;
        try {
            value = headers.apply("Content-Length");
        } catch (SignatureVerificationException e) {
            throw new PushRejectedException(400, "Content-Length appears more than once with different values");
        }
        if (value == null || value.isBlank()) {
            return -1;
        }
        String v = value.strip();
        if (v.length() > 18 || !PushParser.allDigits(v)) {
            throw new PushRejectedException(400, "Content-Length is not a number");
        }
        return Long.parseLong(v);
    }

    private ReceiverResponse dispatch(ParsedPush push, Trace trace) {
        CallEvent event = null;
        List<CallDetailRecord> cdrs = null;
        int count;
        if (push instanceof ParsedPush.EventPush ev) {
            event = ev.event();
            trace.kind = "event";
            trace.event = event;
            count = 1;
        } else {
            trace.kind = "fee";
            cdrs = ((ParsedPush.CdrPush) push).records();
            count = cdrs.size();
        }
        // records in push order; a record's log label is built only when a line needs it
        for (int i = 0; i < count; i++) {
            CallDetailRecord cdr = cdrs == null ? null : cdrs.get(i);
            String key = cdr == null ? eventKey(event) : "cdr:" + cdr.icid();
            DeduplicationStore.Claim claim;
            try {
                claim = claim(key);
            } catch (RuntimeException e) {
                trace.problem = "the de-duplication store failed: " + describe(e);
                debugTrace("de-duplication store failed", e);
                return ReceiverResponse.error(503, "the de-duplication store is unavailable; push again later");
            }
            if (claim == DeduplicationStore.Claim.DELIVERED) {
                trace.duplicates++;
                if (cdr != null) {
                    warnIfConflicting(cdrs, i);
                }
                continue;
            }
            if (claim == DeduplicationStore.Claim.IN_PROGRESS) {
                trace.problem = label(event, cdr) + " is being delivered by another request";
                return ReceiverResponse.error(503,
                        "a record of this push is being delivered by another request; push again later");
            }
            boolean accepted = false;
            try {
                if (cdr == null) {
                    sink.onCallEvent(event);
                } else {
                    sink.onCallDetailRecord(cdr);
                }
                accepted = true;
            } catch (RuntimeException | Error e) {
                // an Error too (a defect, a missing class, a stack overflow in the application's code): the claim is
                // released below and the platform is told to push again, instead of the request dying unanswered
                trace.problem = "the sink failed on " + label(event, cdr) + ": " + describe(e);
                if (e instanceof Error) {
                    LOG.error("the sink threw an Error on {}: {}", label(event, cdr), describe(e));
                }
                if (LOG.isDebugEnabled()) {
                    LOG.debug("the sink failed on {}: {}", label(event, cdr), Masking.maskedStackTrace(e));
                }
                return ReceiverResponse.error(500, "the application could not accept a record; push again");
            } finally {
                if (!accepted) {
                    release(key);
                }
            }
            try {
                store.confirm(key);
            } catch (RuntimeException e) {
                // the sink has the record: acknowledging is right; a re-push might deliver it once more
                LOG.error("the de-duplication store could not mark {} delivered: {}", label(event, cdr), describe(e));
                debugTrace("de-duplication store confirm failed", e);
            }
            trace.delivered++;
        }
        if (push instanceof ParsedPush.CdrPush refusing && !refusing.refusedRecords().isEmpty()) {
            // the usable records are with the sink; the answer still says the push was not all right (the platform
            // pushes again, the usable records are then duplicates, and its logs show the refusal)
            List<String> refused = refusing.refusedRecords();
            trace.problem = String.join("; ", refused);
            return ReceiverResponse.error(400, refused.get(0) + (refused.size() > 1 ? " (and " + (refused.size() - 1)
                    + " more)" : "") + "; the push's other " + trace.records + " record(s) were accepted");
        }
        return ReceiverResponse.ok(trace.records, trace.delivered, trace.duplicates);
    }

    /** A failure's masked stack trace at DEBUG: its messages may come from the application or its store. */
    private static void debugTrace(String what, Throwable e) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: {}", what, Masking.maskedStackTrace(e));
        }
    }

    /**
     * Warns when a CDR found already delivered was delivered by this very push as another element with different
     * content: two different records under one {@code icid}, of which only the first reached the sink.
     */
    private static void warnIfConflicting(List<CallDetailRecord> cdrs, int index) {
        CallDetailRecord cdr = cdrs.get(index);
        for (int j = 0; j < index; j++) {
            CallDetailRecord earlier = cdrs.get(j);
            if (earlier.icid().equals(cdr.icid())) {
                if (!earlier.rawJson().equals(cdr.rawJson())) {
                    LOG.warn("push fee: record {} repeats the icid of record {} of the same push with different "
                            + "content; only the first was delivered (icid={})", index, j, cdr.icid());
                }
                return;
            }
        }
    }

    /** What a record is called in a log line: {@code event <type>} or {@code CDR icid=<icid>}. */
    private static String label(CallEvent event, CallDetailRecord cdr) {
        return cdr == null ? "event " + event.type() : "CDR icid=" + cdr.icid();
    }

    private DeduplicationStore.Claim claim(String key) {
        DeduplicationStore.Claim first = Objects.requireNonNull(store.tryClaim(key), "tryClaim returned null");
        if (first != DeduplicationStore.Claim.IN_PROGRESS || inProgressWait.isZero()) {
            // the common case, without reading the clock
            return first;
        }
        long deadline = System.nanoTime() + inProgressWait.toNanos();
        long pauseMillis = 2;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return DeduplicationStore.Claim.IN_PROGRESS;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(pauseMillis)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return DeduplicationStore.Claim.IN_PROGRESS;
            }
            pauseMillis = Math.min(pauseMillis * 2, 50);
            DeduplicationStore.Claim claim = Objects.requireNonNull(store.tryClaim(key), "tryClaim returned null");
            if (claim != DeduplicationStore.Claim.IN_PROGRESS) {
                return claim;
            }
        }
    }

    private void release(String key) {
        try {
            store.release(key);
        } catch (RuntimeException e) {
            LOG.error("the de-duplication store could not release a claim: {}", describe(e));
        }
    }

    private static String eventKey(CallEvent event) {
        String key = event.deduplicationKey();
        if (key.length() <= MAX_KEY_LENGTH) {
            return "event:" + key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "event-sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** An exception's class and masked message, for logs: an application's message might hold a number. */
    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getName() + (message == null ? "" : ": " + io.github.privatenumber.core.Masking.maskText(
                message.length() > 300 ? message.substring(0, 300) + "…" : message));
    }

    private static void log(Trace trace, ReceiverResponse answer, long started) {
        boolean info = answer.acknowledged() && trace.unreadable.isEmpty();
        if (info ? !LOG.isInfoEnabled() : !LOG.isWarnEnabled()) {
            // the line is built only for a logger that writes it
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        StringBuilder line = new StringBuilder(160);
        if (trace.kind != null) {
            line.append(trace.kind);
            if (trace.event != null) {
                // both come from the push as sent: a number in them is masked, the platform's ids are not
                line.append(" type=").append(Masking.maskPhoneNumbers(trace.event.type().toString()));
                trace.event.sessionId().ifPresent(session -> line.append(" session=")
                        .append(Masking.maskPhoneNumbers(session.toString())));
            }
            line.append(" records=").append(trace.records)
                    .append(" delivered=").append(trace.delivered)
                    .append(" duplicates=").append(trace.duplicates)
                    .append(' ');
        }
        line.append("status=").append(answer.status());
        if (trace.signature != null) {
            line.append(" app=").append(trace.signature.appKey()).append(" scheme=").append(trace.signature.scheme());
        }
        line.append(' ').append(millis).append(" ms");
        if (!trace.unreadable.isEmpty()) {
            line.append(" unreadable=").append(trace.unreadable);
        }
        if (trace.problem != null) {
            line.append(": ").append(trace.problem);
        }
        if (info) {
            LOG.info("push {}", line);
        } else {
            LOG.warn("push {}", line);
        }
    }

    /**
     * Configures a {@link NotificationReceiver}. Not thread-safe. Required: a {@link #sink(NotificationSink)}, and
     * either credentials (or a lookup, or a verifier) or an explicit {@link #withoutSignatureVerification()}.
     */
    public static final class Builder {

        private final List<AppCredentials> credentials = new ArrayList<>();
        private Function<String, Optional<AppCredentials>> lookup;
        private SignatureVerifier verifier;
        private boolean verificationOff;
        private Clock clock = Clock.systemUTC();
        private Duration allowedSkew = Duration.ofMinutes(5);
        private int replayCapacity = ReplayGuard.DEFAULT_CAPACITY;
        private boolean wsseEnabled;
        private NotificationSink sink;
        private DeduplicationStore store;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration inProgressWait = DEFAULT_IN_PROGRESS_WAIT;

        private Builder() {
        }

        /**
         * The apps whose pushes are accepted (their key is the token's {@code Username}); may be called several
         * times.
         *
         * @param credentials the apps' keys and secrets
         * @return this builder
         * @throws NullPointerException if the array or an element is {@code null}
         */
        public Builder credentials(AppCredentials... credentials) {
            for (AppCredentials c : Objects.requireNonNull(credentials, "credentials")) {
                this.credentials.add(Objects.requireNonNull(c, "credentials element"));
            }
            return this;
        }

        /**
         * Looks apps up per push instead (see {@link SignatureVerifier.Builder#credentialsLookup(Function)}); the
         * function must be thread-safe; when it throws, the push is answered with 503.
         *
         * @param lookup app key to credentials
         * @return this builder
         * @throws NullPointerException if {@code lookup} is {@code null}
         */
        public Builder credentialsLookup(Function<String, Optional<AppCredentials>> lookup) {
            this.lookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /**
         * Uses a verifier built elsewhere; then {@link #credentials}, {@link #clock}, {@link #allowedSkew},
         * {@link #replayCapacity} and {@link #wsseEnabled} must not be given.
         *
         * @param verifier the verifier
         * @return this builder
         * @throws NullPointerException if {@code verifier} is {@code null}
         */
        public Builder verifier(SignatureVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /**
         * Accepts pushes without checking their signature. Anyone who can reach the URL can then inject call events
         * and CDRs; use it only when something in front (a gateway that verifies) has done the check. Logged as a
         * WARN by {@link #build()}.
         *
         * @return this builder
         */
        public Builder withoutSignatureVerification() {
            this.verificationOff = true;
            return this;
        }

        /**
         * @param clock what {@code Created} is compared with; default the system UTC clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is {@code null}
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param allowedSkew how far {@code Created} may lie from the clock, either way; also how long a nonce is
         *     remembered against replay. Default five minutes
         * @return this builder
         * @throws NullPointerException if {@code allowedSkew} is {@code null}
         */
        public Builder allowedSkew(Duration allowedSkew) {
            this.allowedSkew = Objects.requireNonNull(allowedSkew, "allowedSkew");
            return this;
        }

        /**
         * @param replayCapacity the most nonces remembered at once; default {@value ReplayGuard#DEFAULT_CAPACITY}
         * @return this builder
         */
        public Builder replayCapacity(int replayCapacity) {
            this.replayCapacity = replayCapacity;
            return this;
        }

        /**
         * @param wsseEnabled whether pushes signed with the legacy {@code X-WSSE} scheme are accepted; default
         *     {@code false} (they are answered 401)
         * @return this builder
         */
        public Builder wsseEnabled(boolean wsseEnabled) {
            this.wsseEnabled = wsseEnabled;
            return this;
        }

        /**
         * @param sink where new records go; see {@link NotificationHandlers} for lambdas
         * @return this builder
         * @throws NullPointerException if {@code sink} is {@code null}
         */
        public Builder sink(NotificationSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * @param store what remembers delivered records; default a new {@link InMemoryDeduplicationStore#create()}
         * @return this builder
         * @throws NullPointerException if {@code store} is {@code null}
         */
        public Builder deduplicationStore(DeduplicationStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @param maxBodyBytes the largest accepted body; larger ones get 413. Default 1 MiB; at least 1024
         * @return this builder
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * @param inProgressWait how long to wait for a record that another request is delivering before answering
         *     503; default 3 seconds; zero answers at once
         * @return this builder
         * @throws NullPointerException if {@code inProgressWait} is {@code null}
         */
        public Builder inProgressWait(Duration inProgressWait) {
            this.inProgressWait = Objects.requireNonNull(inProgressWait, "inProgressWait");
            return this;
        }

        /**
         * @return the receiver
         * @throws InvalidValueException naming the setting when the configuration is incomplete or contradictory:
         *     no {@code sink}; no credentials and no explicit {@code withoutSignatureVerification()}; both a
         *     {@code verifier} and verifier settings; {@code maxBodyBytes} below 1024; a negative
         *     {@code inProgressWait}; or what {@link SignatureVerifier.Builder} refuses ({@code allowedSkew},
         *     {@code replayCapacity}, {@code credentials})
         */
        public NotificationReceiver build() {
            if (sink == null) {
                throw new InvalidValueException("sink", "is required");
            }
            if (maxBodyBytes < 1024) {
                throw new InvalidValueException("maxBodyBytes", "must be at least 1024, got " + maxBodyBytes);
            }
            if (inProgressWait.isNegative()) {
                throw new InvalidValueException("inProgressWait", "must not be negative, got " + inProgressWait);
            }
            boolean settings = !credentials.isEmpty() || lookup != null || wsseEnabled
                    || !allowedSkew.equals(Duration.ofMinutes(5)) || replayCapacity != ReplayGuard.DEFAULT_CAPACITY
                    || !clock.equals(Clock.systemUTC());
            if (verificationOff) {
                if (verifier != null || settings) {
                    throw new InvalidValueException("withoutSignatureVerification",
                            "cannot be combined with credentials or verifier settings");
                }
                LOG.warn("signature verification of pushes is switched OFF: anyone who can reach the callback URL can"
                        + " inject call events and CDRs");
                return new NotificationReceiver(this, null);
            }
            if (verifier != null) {
                if (settings) {
                    throw new InvalidValueException("verifier",
                            "give either a verifier or credentials and verifier settings, not both");
                }
                return new NotificationReceiver(this, verifier);
            }
            if (credentials.isEmpty() && lookup == null) {
                throw new InvalidValueException("credentials", "give the app's credentials (or a credentialsLookup"
                        + " or verifier); to accept unsigned pushes call withoutSignatureVerification() explicitly");
            }
            SignatureVerifier.Builder vb = SignatureVerifier.builder()
                    .clock(clock)
                    .allowedSkew(allowedSkew)
                    .replayCapacity(replayCapacity)
                    .wsseEnabled(wsseEnabled);
            if (!credentials.isEmpty()) {
                vb.credentials(credentials.toArray(new AppCredentials[0]));
            }
            if (lookup != null) {
                vb.credentialsLookup(lookup);
            }
            return new NotificationReceiver(this, vb.build());
        }
    }
}
