package io.github.privatenumber.spring.internal;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.client.spi.TransportResponse;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.spring.PrivateNumberActivity;
import io.github.privatenumber.spring.PrivateNumberActivity.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps a transport factory so that every attempt's outcome reaches {@link PrivateNumberActivity}: the health
 * indicator then reports on real traffic without calling the platform. The wrapper only looks: it passes requests
 * and answers through unchanged, and never reads anything but the status and the {@code resultcode} of an answer.
 * Thread-safe.
 */
public final class ObservedTransportFactory implements HttpTransportFactory {

    private static final Pattern RESULT_CODE = Pattern.compile("\"resultcode\"\\s*:\\s*\"?(\\d{1,16})");
    /** 403 codes that mean the credentials, not the request, were refused. */
    private static final Set<String> CREDENTIAL_CODES = Set.of("1010003", "1010040", "1020176");

    private final HttpTransportFactory delegate;
    private final PrivateNumberActivity activity;

    /**
     * @param delegate the factory that makes the real transport
     * @param activity where outcomes go
     */
    public ObservedTransportFactory(HttpTransportFactory delegate, PrivateNumberActivity activity) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.activity = Objects.requireNonNull(activity, "activity");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int priority() {
        return delegate.priority();
    }

    @Override
    public HttpTransport create(TransportOptions options) {
        HttpTransport transport = delegate.create(options);
        if (transport == null) {
            return null;
        }
        activity.transportInUse(delegate.name());
        return new Observed(transport, activity);
    }

    /**
     * @param status the HTTP status of an answer
     * @param body its body
     * @return how the attempt counts
     */
    static Outcome classify(int status, byte[] body) {
        if (status >= 500) {
            return Outcome.SERVER_ERROR;
        }
        if (status < 400) {
            String code = resultCode(body);
            return code == null || "0".equals(code) || status >= 300 ? Outcome.SUCCESS : Outcome.REFUSED;
        }
        if (status == 401) {
            return Outcome.AUTHENTICATION_FAILED;
        }
        String code = resultCode(body);
        if (code != null && (CREDENTIAL_CODES.contains(code) || status == 400 && code.startsWith("10230"))) {
            return Outcome.AUTHENTICATION_FAILED;
        }
        return Outcome.REFUSED;
    }

    static String resultCode(byte[] body) {
        if (body.length == 0 || body.length > 64 * 1024) {
            return null;
        }
        Matcher m = RESULT_CODE.matcher(new String(body, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }

    /** The transport wrapper; closing it closes the real one. */
    private static final class Observed implements HttpTransport {
        private final HttpTransport transport;
        private final PrivateNumberActivity activity;

        Observed(HttpTransport transport, PrivateNumberActivity activity) {
            this.transport = transport;
            this.activity = activity;
        }

        @Override
        public CompletableFuture<TransportResponse> execute(TransportRequest request) {
            return observe(request, null);
        }

        /** Passes a synchronous caller's thread on to the real transport, so wrapping costs no hand-off. */
        @Override
        public CompletableFuture<TransportResponse> execute(TransportRequest request, Executor waitingCaller) {
            return observe(request, java.util.Objects.requireNonNull(waitingCaller, "waitingCaller"));
        }

        private CompletableFuture<TransportResponse> observe(TransportRequest request, Executor waitingCaller) {
            CompletableFuture<TransportResponse> answer;
            try {
                answer = waitingCaller == null ? transport.execute(request) : transport.execute(request, waitingCaller);
            } catch (RuntimeException e) {
                activity.recordAttempt(Outcome.TRANSPORT_ERROR, describe(e));
                throw e;
            }
            // the caller sees the answer only after it was recorded, so a health probe right after a call sees it;
            // cancelling what the caller holds (a deadline) still cancels the request in flight
            CompletableFuture<TransportResponse> observed = new CompletableFuture<>();
            observed.whenComplete((response, error) -> {
                if (observed.isCancelled()) {
                    answer.cancel(true);
                }
            });
            answer.whenComplete((response, error) -> {
                try {
                    if (error != null) {
                        activity.recordAttempt(Outcome.TRANSPORT_ERROR, describe(error));
                    } else {
                        byte[] body = response.body();
                        String code = resultCode(body);
                        activity.recordAttempt(classify(response.statusCode(), body), request.method() + " "
                                + request.uri().getRawPath() + ": HTTP " + response.statusCode()
                                + (code == null ? "" : " resultcode " + code));
                    }
                } finally {
                    if (error != null) {
                        observed.completeExceptionally(error);
                    } else {
                        observed.complete(response);
                    }
                }
            });
            return observed;
        }

        @Override
        public void close() {
            transport.close();
        }

        @Override
        public String toString() {
            return transport.toString();
        }

        private static String describe(Throwable error) {
            Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            // transport messages name hosts and timeouts, not the query string; masked all the same
            return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + Masking.maskText(t.getMessage()));
        }
    }
}
