package io.github.privatenumber.client.internal;

import io.github.privatenumber.core.InvalidValueException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * The platform's base URL, checked once: absolute {@code https} (or {@code http} to a loopback host only, for the
 * simulator and tests), a host, no user info, no query, no fragment; an optional path prefix loses its trailing
 * slashes. Immutable and thread-safe.
 */
public final class Endpoint {

    private static final String FIELD = "endpoint";

    private final URI uri;
    private final String base;

    private Endpoint(URI uri, String base) {
        this.uri = uri;
        this.base = base;
    }

    /**
     * @param text the base URL
     * @return the endpoint
     * @throws InvalidValueException naming {@code endpoint} when the text is not an acceptable URL
     */
    public static Endpoint of(String text) {
        if (text == null) {
            throw new InvalidValueException(FIELD, "is required");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidValueException(FIELD, "is not a valid URL (error at index " + e.getIndex() + ")");
        }
        return of(uri);
    }

    /**
     * @param uri the base URL
     * @return the endpoint
     * @throws InvalidValueException naming {@code endpoint} when the URI is not acceptable
     */
    public static Endpoint of(URI uri) {
        if (uri == null) {
            throw new InvalidValueException(FIELD, "is required");
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new InvalidValueException(FIELD, "must be an absolute URL like https://rtcpns.cn-north-1.myhuaweicloud.com");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidValueException(FIELD, "must use https (or http to a loopback address), got " + scheme);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidValueException(FIELD, "must name a host (a host name, IPv4 address or [IPv6] address)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidValueException(FIELD, "must not carry user info; the platform authenticates with app key and secret");
        }
        if (uri.getRawQuery() != null) {
            throw new InvalidValueException(FIELD, "must not have a query");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidValueException(FIELD, "must not have a fragment");
        }
        if (scheme.equals("http") && !isLoopback(host)) {
            throw new InvalidValueException(FIELD, "must use https; plain http is accepted only for a loopback host "
                    + "(localhost, 127.0.0.0/8, [::1]) such as the local simulator");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String base = scheme + "://" + uri.getRawAuthority() + path;
        return new Endpoint(URI.create(base), base);
    }

    /**
     * @param host a URI host: a name, an IPv4 literal or a bracketed IPv6 literal
     * @return {@code true} for {@code localhost}, {@code *.localhost} and loopback literals; never resolves a name
     */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        String literal = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        if (!isIpLiteral(literal)) {
            return false;
        }
        try {
            // a literal: getByName parses it and performs no lookup
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isIpLiteral(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.indexOf(':') >= 0) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    /**
     * @param path an absolute path, e.g. {@code /rest/omp/xyrelationnumber/v1.0}
     * @param query an encoded query, may be empty
     * @return the request URI
     */
    public URI resolve(String path, String query) {
        Objects.requireNonNull(path, "path");
        return URI.create(query.isEmpty() ? base + path : base + path + "?" + query);
    }

    /**
     * @return the normalised base URL
     */
    public URI uri() {
        return uri;
    }

    /**
     * @return {@code true} for https
     */
    public boolean isHttps() {
        return base.startsWith("https:");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint other && base.equals(other.base);
    }

    @Override
    public int hashCode() {
        return base.hashCode();
    }

    @Override
    public String toString() {
        return base;
    }
}
