package io.github.privatenumber.transport.tck;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request as a loopback server saw it on the wire.
 *
 * @param method the request method
 * @param target the request target exactly as sent on the request line (path and raw query, or an absolute URI
 *     when talking to a proxy)
 * @param rawPath the path, still percent-encoded
 * @param rawQuery the query, still percent-encoded, or {@code null} for none
 * @param headers header names (any case) to their values, in arrival order
 * @param body the body bytes, empty for none
 * @param connectionId an id of the TCP connection it came over, to tell connections apart
 */
record RecordedRequest(String method, String target, String rawPath, String rawQuery,
        Map<String, List<String>> headers, byte[] body, long connectionId) {

    /**
     * Copies the headers into a case-insensitive map and keeps the body as given.
     */
    public RecordedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), (a, b) -> {
            java.util.ArrayList<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        headers = Collections.unmodifiableMap(copy);
    }

    /**
     * @param name a header name, any case
     * @return every value the header arrived with, empty if absent
     */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /**
     * @param name a header name, any case
     * @return the header's only value; empty if absent
     * @throws AssertionError if the header arrived more than once
     */
    public Optional<String> header(String name) {
        List<String> values = headerValues(name);
        if (values.size() > 1) {
            throw new AssertionError("header " + name + " arrived " + values.size() + " times: " + values);
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public String toString() {
        return "RecordedRequest[" + method + " " + target + ", headers=" + headers.keySet() + ", " + body.length
                + " body bytes]";
    }
}
