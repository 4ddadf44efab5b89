package io.github.privatenumber.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * A developer's tool, not part of the suite: one client-overhead comparison, for profiling (for example under
 * {@code -XX:StartFlightRecording}).
 *
 * <pre>java -cp … io.github.privatenumber.benchmarks.Probe JdkHttpTransport query 1,16 10 3</pre>
 * Arguments: transport ({@code JdkHttpTransport} or {@code HttpClient5Transport}), {@code query} or {@code bind},
 * comma-separated thread counts, seconds per slice, rounds.
 */
final class Probe {

    private Probe() {
    }

    public static void main(String[] args) throws Exception {
        int[] levels = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        double slice = Double.parseDouble(args[3]);
        int rounds = Integer.parseInt(args[4]);
        boolean query = "query".equals(args[1]);
        ClientOverhead.run(List.of(args[0]), query ? levels : new int[0], query ? new int[0] : levels, slice, slice,
                rounds);
    }
}
