package io.github.privatenumber.client.spi;

import io.github.privatenumber.core.InvalidValueException;
import java.util.Optional;

/**
 * An HTTP proxy (CONNECT for https) with optional Basic credentials. Immutable and thread-safe; the password never
 * appears in {@link #toString()}.
 *
 * @param host the proxy host, 1–255 characters
 * @param port the proxy port, 1–65535
 * @param username the user name, or {@code null} for none
 * @param password the password, or {@code null} for none (required when a user name is given)
 */
public record ProxySettings(String host, int port, String username, String password) {

    /**
     * @throws InvalidValueException if the host is empty or too long, the port out of range, or only one of user
     *     name and password is given
     */
    public ProxySettings {
        if (host == null || host.isBlank() || host.length() > 255) {
            throw new InvalidValueException("proxy.host", "must be 1-255 characters");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidValueException("proxy.port", "must be 1-65535, got " + port);
        }
        if ((username == null) != (password == null)) {
            throw new InvalidValueException("proxy.username", "user name and password go together");
        }
        if (username != null && username.isEmpty()) {
            throw new InvalidValueException("proxy.username", "must not be empty");
        }
    }

    /**
     * @param host the proxy host
     * @param port the proxy port
     * @return a proxy without credentials
     */
    public static ProxySettings of(String host, int port) {
        return new ProxySettings(host, port, null, null);
    }

    /**
     * @return the user name, if the proxy needs credentials
     */
    public Optional<String> credentialsUser() {
        return Optional.ofNullable(username);
    }

    @Override
    public String toString() {
        return "ProxySettings[" + host + ":" + port + (username == null ? "" : ", user=" + username + ", password=******") + "]";
    }
}
