package io.github.privatenumber.transport.httpclient;

import io.github.privatenumber.core.TransportException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.util.DeadlineTimeoutException;

/**
 * Turns HttpClient's failures into {@link TransportException}s. The one judgement that matters is whether the
 * request may have left this process: only failures that happen before a connection is ready for the request
 * (no connection, or its TLS handshake or certificate check failed) say "surely not", because the client retries a
 * non-idempotent bind on those alone.
 */
final class Failures {

    private Failures() {
    }

    /**
     * @param what method, host and path of the request
     * @param failure what HttpClient reported
     * @return the exception for the caller
     */
    static TransportException translate(String what, Exception failure) {
        Throwable cause = unwrap(failure);
        boolean surelyNotSent = surelyNotSent(cause);
        return new TransportException(what + " failed: " + reason(cause)
                + (surelyNotSent ? "; the request was not sent" : "; the request may have reached the server"),
                cause, !surelyNotSent);
    }

    /**
     * Only the failure itself counts, not its causes: a failure after the request went out may wrap anything, and
     * reading "not sent" into it could repeat a bind.
     */
    static boolean surelyNotSent(Throwable failure) {
        return failure instanceof ConnectException           // refused, incl. HttpHostConnectException
                || failure instanceof ConnectTimeoutException // a SocketTimeoutException, but while connecting
                || failure instanceof UnknownHostException
                || failure instanceof ConnectionRequestTimeoutException // no pooled connection in time
                || failure instanceof DeadlineTimeoutException          // the same, as the pool reports it
                // TLS is set up on a new connection before the request is written: a refused certificate (or a
                // host name it does not carry) means nothing was sent
                || failure instanceof SSLHandshakeException
                || failure instanceof SSLPeerUnverifiedException;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * @param failure a failure
     * @return its type and message, with anything that looks like a query string cut off
     */
    static String reason(Throwable failure) {
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        return type + ": " + message.replaceAll("\\?\\S*", "?…");
    }
}
