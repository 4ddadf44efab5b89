package io.github.privatenumber.simulator.internal.http;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A request as read from the socket.
 *
 * @param method HTTP method
 * @param path raw path
 * @param rawQuery raw query, may be {@code null}
 * @param headerValues every header's values in arrival order, names case-insensitive
 * @param body the body bytes, empty when none; {@code null} when it exceeded the size limit
 */
public record ApiRequest(String method, String path, String rawQuery, Map<String, List<String>> headerValues, byte[] body) {

    /** Copies the headers into a case-insensitive, unmodifiable map. */
    public ApiRequest {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headerValues.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headerValues = Collections.unmodifiableMap(copy);
    }

    /** @return a case-insensitive lookup of a header's first value, {@code null} when absent */
    public Function<String, String> headers() {
        return name -> {
            List<String> v = headerValues.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        };
    }

    /**
     * @param name a header name, any case
     * @return its values, empty when absent
     */
    public List<String> values(String name) {
        return headerValues.getOrDefault(name, List.of());
    }
}
