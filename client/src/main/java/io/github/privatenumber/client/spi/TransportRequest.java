package io.github.privatenumber.client.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the client built it: method, absolute URI (query already percent-encoded), headers in order,
 * body bytes (UTF-8 JSON, or empty) and the time allowed for the answer. Immutable and thread-safe.
 *
 * <p>{@link #toString()} shows the method and path only: no query (it carries numbers), no headers (they carry the
 * signature), no body.
 *
 * @param method {@code GET}, {@code POST} or {@code DELETE}
 * @param uri the absolute {@code http} or {@code https} URI
 * @param headers header names to values, in the order to send them
 * @param body the body, empty for none
 * @param responseTimeout the longest wait for the answer after the request was sent
 */
public record TransportRequest(String method, URI uri, Map<String, String> headers, byte[] body,
        Duration responseTimeout) {

    /**
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException if the URI is not absolute http(s), or the timeout is not positive
     */
    public TransportRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("uri must be absolute http or https");
        }
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("responseTimeout must be positive");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body.clone();
    }

    /**
     * @return a copy of the body
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * @return the body length, without copying it
     */
    public int bodyLength() {
        return body.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportRequest other && method.equals(other.method) && uri.equals(other.uri)
                && headers.equals(other.headers) && Arrays.equals(body, other.body)
                && responseTimeout.equals(other.responseTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, uri, headers, Arrays.hashCode(body), responseTimeout);
    }

    @Override
    public String toString() {
        return "TransportRequest[" + method + " " + uri.getRawPath() + ", " + body.length + " body bytes]";
    }
}
