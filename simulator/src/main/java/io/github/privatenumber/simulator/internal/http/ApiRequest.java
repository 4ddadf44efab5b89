package io.github.privatenumber.simulator.internal.http;

import java.util.function.Function;

/**
 * A request as read from the socket.
 *
 * @param method HTTP method
 * @param path raw path
 * @param rawQuery raw query, may be {@code null}
 * @param headers case-insensitive header lookup, {@code null} when absent
 * @param body the body bytes, empty when none; {@code null} when it exceeded the size limit
 */
public record ApiRequest(String method, String path, String rawQuery, Function<String, String> headers, byte[] body) {
}
