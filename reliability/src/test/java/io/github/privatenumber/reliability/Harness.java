package io.github.privatenumber.reliability;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every test class sets up first ({@link #init()}, idempotent): all output of the run ends in files that
 * {@code SecretsInLogsTest} reads back.
 * <ul>
 *   <li>SLF4J (our modules, the simulator, Apache HttpClient 5): slf4j-simple at TRACE into
 *       {@code target/reliability-test.log} ({@code simplelogger.properties}).</li>
 *   <li>{@code java.util.logging} / {@code System.Logger} (the JDK transport logs through it): forwarded into SLF4J,
 *       with every {@code io.github.privatenumber} logger at {@code ALL}.</li>
 *   <li>{@code System.out} and {@code System.err}: still printed, and copied to {@code target/reliability-console.log}.</li>
 * </ul>
 */
final class Harness {

    static final Path LOG_FILE = Path.of("target", "reliability-test.log");
    static final Path CONSOLE_FILE = Path.of("target", "reliability-console.log");

    private static boolean done;

    private Harness() {
    }

    static synchronized void init() {
        if (done) {
            return;
        }
        done = true;
        Knobs.seed(); // prints the seed first
        try {
            Files.createDirectories(CONSOLE_FILE.getParent());
            OutputStream file = new FileOutputStream(CONSOLE_FILE.toFile(), false);
            System.setOut(tee(System.out, file));
            System.setErr(tee(System.err, file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoggerFactory.getLogger(Harness.class).info("reliability suite: logging at TRACE to {}", LOG_FILE);
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new JulToSlf4j());
        java.util.logging.Logger ours = java.util.logging.Logger.getLogger("io.github.privatenumber");
        ours.setLevel(Level.ALL);
        KEEP.add(ours); // JUL holds loggers weakly: keep the configured one
    }

    private static final java.util.List<java.util.logging.Logger> KEEP = new java.util.ArrayList<>();

    private static PrintStream tee(PrintStream console, OutputStream file) {
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                synchronized (file) {
                    console.write(b);
                    file.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (file) {
                    console.write(b, off, len);
                    file.write(b, off, len);
                }
            }

            @Override
            public void flush() throws IOException {
                synchronized (file) {
                    console.flush();
                    file.flush();
                }
            }
        };
        return new PrintStream(both, true, StandardCharsets.UTF_8);
    }

    /** Forwards {@code java.util.logging} records to SLF4J under the same logger name. */
    private static final class JulToSlf4j extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            Logger log = LoggerFactory.getLogger(r.getLoggerName() == null ? "jul" : r.getLoggerName());
            String message = formatter.formatMessage(r);
            int level = r.getLevel().intValue();
            if (level >= Level.SEVERE.intValue()) {
                log.error(message, r.getThrown());
            } else if (level >= Level.WARNING.intValue()) {
                log.warn(message, r.getThrown());
            } else if (level >= Level.INFO.intValue()) {
                log.info(message, r.getThrown());
            } else if (level >= Level.FINE.intValue()) {
                log.debug(message, r.getThrown());
            } else {
                log.trace(message, r.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
