package io.github.privatenumber.client.internal;

import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.core.InvalidValueException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds an {@link HttpTransportFactory} through {@link ServiceLoader}: the highest
 * {@link HttpTransportFactory#priority()} wins (HttpClient 5 before the JDK), ties go to the name in alphabetical
 * order so the choice never depends on class-path order. A provider that fails to load is skipped.
 */
public final class TransportDiscovery {

    /** The message when nothing is found: names the artifacts to add. */
    static final String NONE_FOUND = "no HttpTransport implementation on the class path: add the dependency "
            + "io.github.privatenumber:privatenumber-transport-httpclient (Apache HttpClient 5) or "
            + "io.github.privatenumber:privatenumber-transport-jdk (java.net.http, no extra dependency), "
            + "or hand one to the builder with transport(..) or transportFactory(..)";

    private TransportDiscovery() {
    }

    /**
     * @param loader the class loader to search; {@code null} for the context class loader, falling back to this
     *     library's
     * @return the factory to use
     * @throws InvalidValueException naming {@code transport} when none is found
     */
    public static HttpTransportFactory find(ClassLoader loader) {
        List<HttpTransportFactory> found = all(loader);
        return found.stream()
                .max(Comparator.comparingInt(HttpTransportFactory::priority)
                        .thenComparing(HttpTransportFactory::name, Comparator.reverseOrder()))
                .orElseThrow(() -> new InvalidValueException("transport", NONE_FOUND));
    }

    /**
     * @param loader the class loader to search, or {@code null} as for {@link #find(ClassLoader)}
     * @return every factory that loads, in no particular order
     */
    public static List<HttpTransportFactory> all(ClassLoader loader) {
        ClassLoader cl = loader;
        if (cl == null) {
            cl = Thread.currentThread().getContextClassLoader();
        }
        if (cl == null) {
            cl = TransportDiscovery.class.getClassLoader();
        }
        List<HttpTransportFactory> out = new ArrayList<>();
        Iterator<HttpTransportFactory> it = ServiceLoader.load(HttpTransportFactory.class, cl).iterator();
        int errors = 0;
        while (errors < 100) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError e) {
                // a broken provider (missing dependency, bad descriptor) must not hide a working one
                errors++;
            }
        }
        return out;
    }
}
