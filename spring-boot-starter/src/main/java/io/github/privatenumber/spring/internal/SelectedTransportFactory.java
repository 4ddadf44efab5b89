package io.github.privatenumber.spring.internal;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.spring.PrivateNumberConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport the properties chose, made safely. A transport's library can be on the class path in a version it
 * cannot run on: Spring Boot's dependency management (3.5 and 4.0) selects Apache HttpClient 5.5 with HttpCore 5.3,
 * older than what privatenumber-transport-httpclient is built with, and the mismatch shows only when the transport
 * is made ({@link LinkageError}). With {@code transport=auto} the next transport is used instead and a WARN says how
 * to get HttpClient 5; with a forced transport the startup fails saying which versions to set. Thread-safe.
 */
public final class SelectedTransportFactory implements HttpTransportFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SelectedTransportFactory.class);
    private static final Properties BUILD = build();

    private final List<HttpTransportFactory> candidates;
    private final boolean forced;
    private volatile HttpTransportFactory chosen;

    /**
     * @param candidates the transports to try, best first; not empty
     * @param forced whether the properties named the transport (then only the first is tried)
     */
    public SelectedTransportFactory(List<HttpTransportFactory> candidates, boolean forced) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate");
        }
        this.candidates = List.copyOf(candidates);
        this.forced = forced;
    }

    @Override
    public String name() {
        HttpTransportFactory c = chosen;
        return (c != null ? c : candidates.get(0)).name();
    }

    @Override
    public int priority() {
        HttpTransportFactory c = chosen;
        return (c != null ? c : candidates.get(0)).priority();
    }

    @Override
    public HttpTransport create(TransportOptions options) {
        List<HttpTransportFactory> tries = forced ? candidates.subList(0, 1) : candidates;
        for (int i = 0; i < tries.size(); i++) {
            HttpTransportFactory f = tries.get(i);
            try {
                HttpTransport t = f.create(options);
                chosen = f;
                return t;
            } catch (LinkageError e) {
                String problem = "the " + f.name() + " transport cannot run on the library version on the class path ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")" + advice(f);
                if (forced || i == tries.size() - 1) {
                    throw new PrivateNumberConfigurationException("privatenumber.transport", problem,
                            "Put the versions named above on the class path (with Spring Boot's dependency"
                                    + " management: the Maven properties httpclient5.version and httpcore5.version, or"
                                    + " the Gradle extra properties of the same names), or set"
                                    + " privatenumber.transport=jdk.", e);
                }
                LOG.warn("{}; using the {} transport instead. Set privatenumber.transport=jdk to silence this.",
                        problem, tries.get(i + 1).name());
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static String advice(HttpTransportFactory f) {
        if (!"httpclient".equals(f.name())) {
            return "";
        }
        return ". privatenumber-transport-httpclient is built with httpclient5 " + BUILD.getProperty("httpclient5", "?")
                + " and httpcore5 " + BUILD.getProperty("httpcore5", "?") + " (Spring Boot's dependency management"
                + " picks older ones unless told otherwise)";
    }

    private static Properties build() {
        Properties p = new Properties();
        try (InputStream in = SelectedTransportFactory.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    @Override
    public String toString() {
        return "SelectedTransportFactory[" + candidates.stream().map(HttpTransportFactory::name).toList()
                + (forced ? ", forced" : "") + "]";
    }
}
