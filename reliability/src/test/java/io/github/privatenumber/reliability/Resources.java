package io.github.privatenumber.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** Threads and loopback connections, for the leak checks. */
final class Resources {

    private static final String[] STATES = {"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
        "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"};

    private Resources() {
    }

    /** @return the live threads' ids */
    static Set<Long> threadIds() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    }

    /**
     * @param baseline thread ids alive before
     * @param ignoredPrefixes names of threads that belong to something else (the simulator, the JVM)
     * @return names of live threads not in the baseline and not ignored
     */
    static List<String> newThreads(Set<Long> baseline, String... ignoredPrefixes) {
        List<String> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isAlive() || baseline.contains(t.getId())) {
                continue;
            }
            boolean ignored = false;
            for (String p : ignoredPrefixes) {
                if (t.getName().startsWith(p)) {
                    ignored = true;
                    break;
                }
            }
            if (!ignored) {
                out.add(t.getName());
            }
        }
        out.sort(null);
        return out;
    }

    /** @return whether /proc/net/tcp can be read here (Linux) */
    static boolean canCountConnections() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /**
     * @param port a local TCP port
     * @return TCP sockets on this machine with that port at either end, by state, leaving out LISTEN and TIME_WAIT
     *     (a TIME_WAIT socket holds no resources of either process)
     */
    static Map<String, Integer> connections(int port) {
        Map<String, Integer> byState = new TreeMap<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(file));
            } catch (IOException e) {
                continue;
            }
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split("\\s+");
                if (f.length < 4) {
                    continue;
                }
                int local = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                int remote = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                int state = Integer.parseInt(f[3], 16);
                if ((local == port || remote == port) && state != 0x0A && state != 0x06) {
                    String name = state < STATES.length ? STATES[state] : String.format(Locale.ROOT, "0x%02X", state);
                    byState.merge(name, 1, Integer::sum);
                }
            }
        }
        return byState;
    }

    /**
     * @param port a local server port
     * @return bytes received but not yet read by the server, summed over its connections (a request the server has
     *     not picked up yet)
     */
    static long unreadBytes(int port) {
        long sum = 0;
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(file));
            } catch (IOException e) {
                continue;
            }
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split("\\s+");
                if (f.length < 5) {
                    continue;
                }
                int local = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                if (local == port) {
                    sum += Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
                }
            }
        }
        return sum;
    }

    static int total(Map<String, Integer> byState) {
        return byState.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Polls until the condition holds or the time is up, asking for a garbage collection between polls (the JDK's
     * HTTP client on Java 17 has no {@code close()}: its selector thread and pooled connections end once it is
     * unreachable).
     *
     * @return the milliseconds it took, or -1 if the condition never held
     */
    static long await(BooleanSupplier condition, long maxMillis) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            if (condition.getAsBoolean()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if ((System.nanoTime() - start) / 1_000_000 > maxMillis) {
                return -1;
            }
            System.gc();
            Thread.sleep(100);
        }
    }
}
