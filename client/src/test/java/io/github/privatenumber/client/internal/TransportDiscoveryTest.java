package io.github.privatenumber.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.HttpTransportFactory;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.core.InvalidValueException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportDiscoveryTest {

    @TempDir
    Path dir;

    @Test
    void theHighestPriorityWinsAndBrokenProvidersAreSkipped() throws Exception {
        ClassLoader cl = loaderWith(Jdk.class.getName() + "\n" + "no.such.Factory\n" + HttpClient5.class.getName() + "\n");
        assertEquals("httpclient", TransportDiscovery.find(cl).name());
        assertEquals(2, TransportDiscovery.all(cl).size());
        ClassLoader onlyJdk = loaderWith(Jdk.class.getName() + "\n");
        assertEquals("jdk", TransportDiscovery.find(onlyJdk).name());
    }

    @Test
    void nothingFoundNamesTheArtifacts() throws Exception {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> TransportDiscovery.find(loaderWith("")));
        assertEquals("transport", e.field());
    }

    private ClassLoader loaderWith(String services) throws Exception {
        Path meta = dir.resolve("META-INF/services");
        Files.createDirectories(meta);
        Files.writeString(meta.resolve(HttpTransportFactory.class.getName()), services, StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    public static final class Jdk implements HttpTransportFactory {
        @Override
        public String name() {
            return "jdk";
        }

        @Override
        public int priority() {
            return PRIORITY_JDK;
        }

        @Override
        public HttpTransport create(TransportOptions options) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class HttpClient5 implements HttpTransportFactory {
        @Override
        public String name() {
            return "httpclient";
        }

        @Override
        public int priority() {
            return PRIORITY_HTTPCLIENT5;
        }

        @Override
        public HttpTransport create(TransportOptions options) {
            throw new UnsupportedOperationException();
        }
    }
}
