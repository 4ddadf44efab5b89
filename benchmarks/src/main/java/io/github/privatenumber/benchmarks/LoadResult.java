package io.github.privatenumber.benchmarks;

import java.util.Arrays;

/**
 * The outcome of one timed load run: how many requests succeeded in how long, and their latency percentiles.
 *
 * @param name what was measured
 * @param concurrency the number of client threads
 * @param ok requests that got the expected answer
 * @param errors requests that did not
 * @param seconds measured wall time
 * @param p50Micros median latency
 * @param p99Micros 99th percentile latency
 */
record LoadResult(String name, int concurrency, long ok, long errors, double seconds, long p50Micros, long p99Micros) {

    double perSecond() {
        return ok / seconds;
    }

    static LoadResult of(String name, int concurrency, long[] latenciesNanos, int count, long errors, double seconds) {
        long[] sorted = Arrays.copyOf(latenciesNanos, count);
        Arrays.sort(sorted);
        return new LoadResult(name, concurrency, count, errors, seconds,
                percentile(sorted, 0.50) / 1_000, percentile(sorted, 0.99) / 1_000);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
