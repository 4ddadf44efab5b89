package io.github.privatenumber.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a request function from N threads for a fixed time: first a warm-up whose results are thrown away, then
 * the measured window. Every loop is bounded in time (and a stuck call cannot hold the harness longer than a grace
 * period after its window); nothing here talks to anything but loopback.
 */
final class LoadLoop {

    /** How long after its window a slice waits for calls still in flight before giving up on them. */
    private static final long GRACE_SECONDS = 60;

    /** One request; returns whether the answer was the expected one. */
    @FunctionalInterface
    interface Call {
        boolean run() throws Exception;
    }

    /** One request made by worker {@code thread} (0 … threads − 1) of the current slice. */
    @FunctionalInterface
    interface ThreadCall {
        boolean run(int thread) throws Exception;
    }

    /** One side of a side-by-side comparison. */
    record Arm(String name, ThreadCall call) {
    }

    private LoadLoop() {
    }

    static LoadResult measure(String name, int threads, double warmupSeconds, double seconds, Call call)
            throws InterruptedException {
        ThreadCall each = t -> call.run();
        run(threads, warmupSeconds, each);
        return run(threads, seconds, each).result(name, threads);
    }

    /**
     * The outcome of a side-by-side comparison: each arm's slices pooled, and each round's results, in the order of
     * the arms.
     */
    record Comparison(List<LoadResult> pooled, List<List<LoadResult>> rounds) {
    }

    /**
     * Measures the arms side by side. Warm-up: the arms take turns in four short slices each (so the JIT compiles
     * both while the machine is in the same state), results thrown away. Then {@code rounds} rounds, each running
     * every arm for one slice of {@code sliceSeconds}, the order reversed every other round (A B, B A, A B …), so
     * that a change in the machine's background load hits every arm alike. Each arm's result pools its slices; the
     * rounds are kept too, so that a ratio can be taken per round (the two arms of one round ran seconds apart).
     */
    static Comparison compare(List<Arm> arms, int threads, double warmupSeconds, double sliceSeconds, int rounds)
            throws InterruptedException {
        for (int w = 0; w < 4; w++) {
            for (Arm arm : arms) {
                run(threads, warmupSeconds / 4, arm.call());
            }
        }
        Sample[] pooled = new Sample[arms.size()];
        List<List<LoadResult>> perRound = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            LoadResult[] round = new LoadResult[arms.size()];
            for (int i = 0; i < arms.size(); i++) {
                int k = r % 2 == 0 ? i : arms.size() - 1 - i;
                Sample s = run(threads, sliceSeconds, arms.get(k).call());
                round[k] = s.result(arms.get(k).name(), threads);
                pooled[k] = pooled[k] == null ? s : pooled[k].plus(s);
            }
            perRound.add(List.of(round));
        }
        List<LoadResult> results = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            results.add(pooled[i].result(arms.get(i).name(), threads));
        }
        return new Comparison(results, perRound);
    }

    /**
     * @param values any values
     * @return their median (the mean of the middle two for an even count)
     */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The raw outcome of one timed run. */
    private record Sample(long[] latencies, int count, long errors, double seconds) {
        Sample plus(Sample o) {
            long[] all = Arrays.copyOf(latencies, count + o.count);
            System.arraycopy(o.latencies, 0, all, count, o.count);
            return new Sample(all, count + o.count, errors + o.errors, seconds + o.seconds);
        }

        LoadResult result(String name, int threads) {
            return LoadResult.of(name, threads, latencies, count, errors, seconds);
        }
    }

    private static Sample run(int threads, double seconds, ThreadCall call) throws InterruptedException {
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        AtomicLong errors = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        long durationNanos = (long) (seconds * 1e9);
        long[] window = new long[2];
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                long[] mine = new long[1 << 12];
                int n = 0;
                try {
                    start.await();
                    long end = System.nanoTime() + durationNanos;
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        boolean ok;
                        try {
                            ok = call.run(id);
                        } catch (Exception e) {
                            ok = false;
                        }
                        long took = System.nanoTime() - now;
                        if (ok) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = took;
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    synchronized (latencies) {
                        latencies[id] = mine;
                        counts[id] = n;
                    }
                    done.countDown();
                }
            }, "load-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        window[0] = System.nanoTime();
        start.countDown();
        if (!done.await(durationNanos + TimeUnit.SECONDS.toNanos(GRACE_SECONDS), TimeUnit.NANOSECONDS)) {
            System.err.println("warning: calls still in flight " + GRACE_SECONDS + " s after the window; left behind");
        }
        window[1] = System.nanoTime();
        synchronized (latencies) {
            int total = 0;
            for (int c : counts) {
                total += c;
            }
            long[] all = new long[total];
            int at = 0;
            for (int t = 0; t < threads; t++) {
                if (latencies[t] != null) {
                    System.arraycopy(latencies[t], 0, all, at, counts[t]);
                    at += counts[t];
                }
            }
            return new Sample(all, at, errors.get(), (window[1] - window[0]) / 1e9);
        }
    }
}
