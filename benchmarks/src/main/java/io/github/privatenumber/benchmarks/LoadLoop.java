package io.github.privatenumber.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a request function from N threads for a fixed time: first a warm-up whose results are thrown away, then
 * the measured window. Every loop is bounded in time; nothing here talks to anything but loopback.
 */
final class LoadLoop {

    /** One request; returns whether the answer was the expected one. */
    @FunctionalInterface
    interface Call {
        boolean run() throws Exception;
    }

    private LoadLoop() {
    }

    static LoadResult measure(String name, int threads, double warmupSeconds, double seconds, Call call)
            throws InterruptedException {
        run(threads, warmupSeconds, call, null);
        return run(threads, seconds, call, name);
    }

    private static LoadResult run(int threads, double seconds, Call call, String name) throws InterruptedException {
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        AtomicLong errors = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        long durationNanos = (long) (seconds * 1e9);
        long[] window = new long[2];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                long[] mine = new long[1 << 14];
                int n = 0;
                try {
                    start.await();
                    long end = System.nanoTime() + durationNanos;
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        boolean ok;
                        try {
                            ok = call.run();
                        } catch (Exception e) {
                            ok = false;
                        }
                        long took = System.nanoTime() - now;
                        if (ok) {
                            if (n == mine.length) {
                                mine = java.util.Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = took;
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    latencies[id] = mine;
                    counts[id] = n;
                    done.countDown();
                }
            }, "load-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        window[0] = System.nanoTime();
        start.countDown();
        done.await();
        window[1] = System.nanoTime();
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        double elapsed = (window[1] - window[0]) / 1e9;
        return LoadResult.of(name == null ? "warm-up" : name, threads, all, total, errors.get(), elapsed);
    }
}
