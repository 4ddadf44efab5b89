package io.github.privatenumber.client.spi;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP answer, read once and in full: status, headers (names compared case-insensitively) and body bytes.
 * Immutable and thread-safe.
 *
 * @param statusCode the HTTP status
 * @param headers header names to their values, in the order received
 * @param body the body bytes, empty for none
 */
public record TransportResponse(int statusCode, Map<String, List<String>> headers, byte[] body) {

    /**
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException if the status is not 100–599
     */
    public TransportResponse {
        if (statusCode < 100 || statusCode > 599) {
            throw new IllegalArgumentException("statusCode must be 100-599, got " + statusCode);
        }
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null) {
                copy.merge(name, List.copyOf(values), (a, b) -> {
                    java.util.ArrayList<String> all = new java.util.ArrayList<>(a);
                    all.addAll(b);
                    return List.copyOf(all);
                });
            }
        });
        headers = Collections.unmodifiableMap(copy);
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
     * @param name a header name, any case
     * @return its first value, if present
     */
    public Optional<String> firstHeader(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportResponse other && statusCode == other.statusCode
                && headers.equals(other.headers) && java.util.Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statusCode, headers, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "TransportResponse[" + statusCode + ", " + body.length + " body bytes]";
    }
}
