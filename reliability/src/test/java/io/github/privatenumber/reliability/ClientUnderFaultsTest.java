package io.github.privatenumber.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.RetryOptions;
import io.github.privatenumber.client.spi.HttpTransport;
import io.github.privatenumber.client.spi.TransportOptions;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.OutcomeUnknownException;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.TransportException;
import io.github.privatenumber.core.binding.AreaMatchMode;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.Relation;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.core.binding.YbBindRequest;
import io.github.privatenumber.core.number.PhoneNumber;
import io.github.privatenumber.simulator.ActiveFault;
import io.github.privatenumber.simulator.Fault;
import io.github.privatenumber.simulator.FaultKind;
import io.github.privatenumber.simulator.NumberPool;
import io.github.privatenumber.simulator.Simulator;
import io.github.privatenumber.simulator.SimulatorState;
import io.github.privatenumber.transport.httpclient.HttpClient5Transport;
import io.github.privatenumber.transport.jdk.JdkHttpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue item 2: randomized operations through {@link PrivateNumberClient} on each transport (Apache HttpClient 5 and
 * the JDK's) against the simulator, with latency, 5xx ({@code 1010001}), connection resets and lost answers injected
 * through {@code simulator.faults()}. The two transports run at the same time, each against its own simulator; inside a
 * run the operations are sequential, so every fault rule belongs to exactly one operation and the simulator's state
 * after it (once a delayed request has been processed) tells what really happened.
 *
 * <p>Checked after every operation against the simulator's state: a success really happened (and nothing else did);
 * no second binding ever appears; an "outcome unknown" only follows a fault that hit a request which reached the
 * platform (a lost answer or a timeout: it was processed; a reset: it was not, yet the client could not know); an AX
 * bind is never sent twice once a request of it reached the platform; "not sent" is only claimed when no request
 * arrived. After the run: nothing left bound, and no thread or connection left once client and transport are closed.
 */
@Order(4)
class ClientUnderFaultsTest {

    private static final int OPS = Knobs.integer("reliability.faults.ops", 1_000, 10, 1_000_000);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(300);
    private static final Duration OVERALL_TIMEOUT = Duration.ofMillis(2_500);
    private static final int MAX_LATENCY_MS = 600;
    private static final long TIME_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(170);
    private static final String PATH = "/rest/omp/xyrelationnumber/v1.0";

    @BeforeAll
    static void init() {
        Harness.init();
    }

    enum Kind {
        HTTPCLIENT5("HttpClient5Transport"),
        JDK("JdkHttpTransport");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    enum Op {
        BIND_AX, BIND_YB, BIND_YB_BOUND_B, UNBIND, UNBIND_Y, UNBIND_B, UNBIND_UNKNOWN, QUERY, QUERY_BY_X, QUERY_UNKNOWN
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void randomOperationsUnderInjectedFaultsOnBothTransports() throws Exception {
        List<Run> runs = List.of(new Run(Kind.HTTPCLIENT5), new Run(Kind.JDK));
        for (Run run : runs) {
            run.startSimulator();
        }
        // the simulators' own threads (HTTP server, push client) are part of the baseline
        Set<Long> baselineThreads = Resources.threadIds();
        ExecutorService runners = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (Run run : runs) {
                done.add(runners.submit(() -> {
                    run.execute();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(280, TimeUnit.SECONDS);
            }
        } finally {
            runners.shutdownNow();
            runners.awaitTermination(5, TimeUnit.SECONDS);
        }

        // both clients and transports are closed: no thread of theirs may stay
        String[] notOurs = {"simulator-", "sim-", "ForkJoinPool.commonPool-worker", "pool-", "Attach Listener", "process reaper", "JFR "};
        long threadWait = Resources.await(() -> Resources.newThreads(baselineThreads, notOurs).isEmpty(), 15_000);
        List<String> leftThreads = Resources.newThreads(baselineThreads, notOurs);
        for (Run run : runs) {
            run.closeSimulatorAndReport(threadWait, leftThreads);
        }
        List<String> problems = new ArrayList<>();
        for (Run run : runs) {
            run.violations.forEach(v -> problems.add(run.kind.label + ": " + v));
        }
        if (threadWait < 0) {
            problems.add("threads still alive 15 s after closing: " + leftThreads);
        }
        assertTrue(problems.isEmpty(), problems.size() + " problem(s), seed " + Knobs.seed() + ":\n"
                + String.join("\n", problems.subList(0, Math.min(40, problems.size()))));
        for (Run run : runs) {
            assertTrue(run.ops >= Math.min(OPS, 1_000) || OPS < 1_000, run.kind.label + ": only " + run.ops
                    + " operations ran within the time budget");
        }
    }

    static String chainFor(Throwable e) {
        return Run.chain(e);
    }

    /** A binding as the client reported it (or as adopted after an outcome-unknown). */
    private static final class Rel {
        final String id;
        final String a;
        final String x;
        final Map<String, String> ybByB = new HashMap<>();

        Rel(String id, String a, String x) {
            this.id = id;
            this.a = a;
            this.x = x;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rel r && r.id.equals(id) && r.a.equals(a) && r.x.equals(x) && r.ybByB.equals(ybByB);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, a, x, ybByB);
        }

        @Override
        public String toString() {
            return "Rel[" + id + ", " + ybByB.size() + " YB]";
        }
    }

    /** One transport's run. */
    private static final class Run {
        final Kind kind;
        final Random rnd;
        final List<String> violations = new ArrayList<>();
        final Map<FaultKind, int[]> faults = new EnumMap<>(FaultKind.class); // injected, applied, survived
        final Map<Op, Map<String, AtomicInteger>> outcomes = new EnumMap<>(Op.class);
        final Map<String, Rel> model = new LinkedHashMap<>();
        int ops;
        int requests;
        int unknownProcessed;
        int unknownNotProcessed;
        int naturalTimeouts;
        long opNanos;
        long settleNanos;
        long checkNanos;
        int duplicates;
        int asyncOps;
        long nanos;
        Simulator sim;
        int port;
        Map<String, Integer> connectionsAfterClose = Map.of();
        long connectionWaitMillis;
        List<String> as = new ArrayList<>();
        List<String> bs = new ArrayList<>();

        Run(Kind kind) {
            this.kind = kind;
            this.rnd = Knobs.random("faults-" + kind);
            for (FaultKind k : FaultKind.values()) {
                faults.put(k, new int[3]);
            }
        }

        AppCredentials app;

        /** Starts this run's simulator with 4 worker threads. */
        void startSimulator() throws Exception {
            String secret = "faults-secret-" + Long.toHexString(rnd.nextLong());
            Sensitive.secret(secret);
            app = AppCredentials.of("faults-app-" + kind.name().toLowerCase(Locale.ROOT), secret);
            NumberPool.Builder pool = NumberPool.builder();
            String prefix = kind == Kind.JDK ? "+86178" : "+86179";
            for (int i = 0; i < 60; i++) {
                String area = i < 30 ? "0755" : i < 45 ? "010" : "020";
                String n = prefix + area.substring(area.length() - 3) + String.format(Locale.ROOT, "%05d", i);
                Sensitive.number(n);
                pool.add(area, n);
            }
            for (int i = 0; i < 8; i++) {
                as.add("+86138" + PushFactory.digits(rnd, 8));
            }
            for (int i = 0; i < 16; i++) {
                bs.add("+86139" + PushFactory.digits(rnd, 8));
            }
            as.forEach(Sensitive::number);
            bs.forEach(Sensitive::number);
            sim = Simulator.builder().credentials(app).pool(pool.build()).workerThreads(4).build().start();
            port = sim.baseUrl().getPort();
        }

        /**
         * Waits until this simulator has finished every request sent so far: none is in progress (a delayed request
         * counts while it waits) and no connection holds unread request bytes; twice in a row.
         */
        long settle() throws InterruptedException {
            long start = System.nanoTime();
            int quiet = 0;
            while (quiet < 2 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
                boolean busy = sim.requestsInProgress() > 0;
                // reading /proc/net/tcp6 is slow on a busy machine: only once nothing is in progress
                busy = busy || Resources.unreadBytes(port) > 0;
                quiet = busy ? 0 : quiet + 1;
                Thread.sleep(busy ? 10 : 3);
            }
            return (System.nanoTime() - start) / 1_000_000;
        }

        void execute() throws Exception {
            TransportOptions options = TransportOptions.builder().connectTimeout(Duration.ofSeconds(1)).maxConnections(16)
                    .build();
            HttpTransport real = kind == Kind.HTTPCLIENT5 ? new HttpClient5Transport(options)
                    : JdkHttpTransport.create(options);
            CapturingTransport transport = new CapturingTransport(real);
            long start = System.nanoTime();
            try (PrivateNumberClient client = PrivateNumberClient.builder()
                    .endpoint(sim.baseUrl())
                    .credentials(app)
                    .transport(transport)
                    .responseTimeout(RESPONSE_TIMEOUT)
                    .overallTimeout(OVERALL_TIMEOUT)
                    .retry(RetryOptions.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(20))
                            .maxBackoff(Duration.ofMillis(200)).build())
                    .build()) {
                leaks("client toString", client);
                while (ops < OPS && System.nanoTime() - start < TIME_BUDGET_NANOS) {
                    step(client, transport);
                    ops++;
                }
                // clean up without faults: everything the client bound (or was adopted) must go, and nothing else be left
                sim.faults().clear();
                for (Rel r : List.copyOf(model.values())) {
                    try {
                        client.unbind(SubscriptionId.of(r.id));
                        model.remove(r.id);
                    } catch (RuntimeException e) {
                        violations.add("cleanup unbind failed: " + e);
                    }
                }
                Map<String, Rel> left = simState();
                if (!left.isEmpty()) {
                    violations.add("bindings left after cleanup (unknown to the client): " + left.size());
                }
            } finally {
                real.close();
                nanos = System.nanoTime() - start;
                requests = transport.requests.get();
            }
            // the simulator keeps serving: the client's connections to it must go
            if (Resources.canCountConnections()) {
                connectionWaitMillis = Resources.await(() -> Resources.total(Resources.connections(port)) == 0, 15_000);
                connectionsAfterClose = Resources.connections(port);
                if (connectionWaitMillis < 0) {
                    violations.add("connections to the simulator still open 15 s after closing: " + connectionsAfterClose);
                }
            }
        }

        // ---------------------------------------------------------------- one operation

        private void step(PrivateNumberClient client, CapturingTransport transport) throws InterruptedException {
            Op op = pickOp();
            Map<String, Rel> before = copy(model);
            Rel target = model.isEmpty() ? null : List.copyOf(model.values()).get(rnd.nextInt(model.size()));
            String a = pickA();
            String b = null;
            if (op == Op.BIND_YB) {
                b = pickFreeB(target);
                if (b == null) {
                    op = Op.QUERY;
                }
            }
            if (op == Op.BIND_YB_BOUND_B || op == Op.UNBIND_Y || op == Op.UNBIND_B) {
                target = model.values().stream().filter(r -> !r.ybByB.isEmpty()).findAny().orElse(null);
                if (target == null) {
                    op = Op.QUERY_UNKNOWN;
                } else {
                    b = List.copyOf(target.ybByB.keySet()).get(rnd.nextInt(target.ybByB.size()));
                }
            }
            if (target == null && (op == Op.BIND_YB || op == Op.UNBIND || op == Op.QUERY || op == Op.QUERY_BY_X)) {
                op = Op.BIND_AX;
            }
            if (op == Op.BIND_AX && a == null) {
                op = Op.QUERY_UNKNOWN;
            }

            // faults for this operation
            String method = switch (op) {
                case BIND_AX, BIND_YB, BIND_YB_BOUND_B -> "POST";
                case UNBIND, UNBIND_Y, UNBIND_B, UNBIND_UNKNOWN -> "DELETE";
                default -> "GET";
            };
            Map<String, Fault> added = new LinkedHashMap<>();
            if (rnd.nextInt(100) < 45) {
                addFault(added, method);
                if (op == Op.BIND_YB && rnd.nextInt(3) == 0) {
                    addFault(added, "GET"); // the reconciling query
                }
            }
            int requestsBefore = transport.requests.get();
            int abandonedBefore = transport.abandoned.get();
            int postsBefore = transport.posts.get();
            boolean async = rnd.nextInt(5) == 0;
            long t0 = System.nanoTime();
            if (async) {
                asyncOps++;
            }
            Object result = null;
            Throwable error = null;
            final Rel t = target;
            final String bb = b;
            try {
                result = switch (op) {
                    case BIND_AX -> call(async, () -> client.bindAx(axRequest(a)), () -> client.bindAxAsync(axRequest(a)));
                    case BIND_YB, BIND_YB_BOUND_B -> call(async, () -> client.bindYb(ybRequest(t, bb)),
                            () -> client.bindYbAsync(ybRequest(t, bb)));
                    case UNBIND -> call(async, () -> {
                        client.unbind(SubscriptionId.of(t.id));
                        return "done";
                    }, () -> client.unbindAsync(SubscriptionId.of(t.id)).thenApply(v -> "done"));
                    case UNBIND_Y -> call(async, () -> {
                        client.unbindY(SubscriptionId.of(t.id), PhoneNumber.of(t.ybByB.get(bb)));
                        return "done";
                    }, () -> client.unbindYAsync(SubscriptionId.of(t.id), PhoneNumber.of(t.ybByB.get(bb)))
                            .thenApply(v -> "done"));
                    case UNBIND_B -> call(async, () -> {
                        client.unbindB(SubscriptionId.of(t.id), PhoneNumber.of(bb));
                        return "done";
                    }, () -> client.unbindBAsync(SubscriptionId.of(t.id), PhoneNumber.of(bb)).thenApply(v -> "done"));
                    case UNBIND_UNKNOWN -> call(async, () -> {
                        client.unbind(SubscriptionId.of(unknownId()));
                        return "done";
                    }, () -> client.unbindAsync(SubscriptionId.of(unknownId())).thenApply(v -> "done"));
                    case QUERY -> call(async, () -> client.query(SubscriptionId.of(t.id)),
                            () -> client.queryAsync(SubscriptionId.of(t.id)));
                    case QUERY_BY_X -> call(async, () -> client.queryByX(PhoneNumber.of(t.x)),
                            () -> client.queryByXAsync(PhoneNumber.of(t.x)));
                    case QUERY_UNKNOWN -> call(async, () -> client.query(SubscriptionId.of(unknownId())),
                            () -> client.queryAsync(SubscriptionId.of(unknownId())));
                };
            } catch (RuntimeException e) {
                error = e;
            }
            long t1 = System.nanoTime();
            opNanos += t1 - t0;
            int sent = transport.requests.get() - requestsBefore;
            int postsSent = transport.posts.get() - postsBefore;

            // which fault rules fired, and wait until a delayed request has been processed
            Map<FaultKind, Integer> applied = new EnumMap<>(FaultKind.class);
            List<ActiveFault> still = sim.faults().list();
            for (Map.Entry<String, Fault> e : added.entrySet()) {
                Fault f = e.getValue();
                ActiveFault active = still.stream().filter(x -> x.id().equals(e.getKey())).findFirst().orElse(null);
                int used = active == null ? f.times() : active.applied();
                if (active != null) {
                    sim.faults().remove(e.getKey());
                }
                if (used > 0) {
                    applied.merge(f.kind(), used, Integer::sum);
                    faults.get(f.kind())[1] += used;
                }
            }
            long t2 = System.nanoTime();
            if (applied.containsKey(FaultKind.LATENCY) || transport.abandoned.get() != abandonedBefore
                    || (error != null && hasTimeout(error))) {
                settle();
            }
            long t3 = System.nanoTime();
            settleNanos += t3 - t2;
            if (error != null) {
                leaks("exception of " + op, error);
            } else {
                leaks("result of " + op, result);
            }
            Map<String, Rel> after = simState();
            int violationsBefore = violations.size();
            verify(op, a, t, bb, result, error, applied, sent, postsSent, before, after);
            String outcome = outcomeName(error);
            outcomes.computeIfAbsent(op, k -> new TreeMap<>()).computeIfAbsent(outcome, k -> new AtomicInteger())
                    .incrementAndGet();
            if (violations.size() == violationsBefore) {
                applied.forEach((k, n) -> faults.get(k)[2] += n);
            } else {
                violations.set(violations.size() - 1, "op " + ops + " " + op + (async ? " (async)" : "") + " faults="
                        + applied + ", sent=" + sent + ", outcome=" + outcome + ": " + violations.get(violations.size() - 1));
            }
            // continue from the platform's truth
            model.clear();
            model.putAll(after);
            checkNanos += System.nanoTime() - t3;
        }

        private Object call(boolean async, Supplier<Object> sync, Supplier<CompletableFuture<?>> asyncCall) {
            if (!async) {
                return sync.get();
            }
            try {
                return asyncCall.get().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                while (c instanceof CompletionException && c.getCause() != null) {
                    c = c.getCause();
                }
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("async call failed with a checked exception: " + c, c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("an async call did not complete within 30 s (overall timeout "
                        + OVERALL_TIMEOUT.toMillis() + " ms)");
            }
        }

        private void addFault(Map<String, Fault> added, String method) {
            int roll = rnd.nextInt(100);
            Fault f;
            if (roll < 15) {
                f = Fault.latency(PATH, Duration.ofMillis(1 + rnd.nextInt(MAX_LATENCY_MS)));
            } else if (roll < 43) {
                f = Fault.serverError(PATH);
            } else if (roll < 71) {
                f = Fault.connectionReset(PATH);
            } else {
                f = Fault.answerLost(PATH);
            }
            f = f.onMethod(method);
            if (rnd.nextInt(10) == 0) {
                f = f.times(2 + rnd.nextInt(2)); // now and then more than the retries can absorb
            }
            added.put(sim.faults().add(f), f);
            faults.get(f.kind())[0] += f.times();
        }

        private Op pickOp() {
            int r = rnd.nextInt(100);
            if (model.size() >= 20) {
                r = 40 + rnd.nextInt(60); // keep the pool from running dry: no AX binds
            }
            if (r < 26) {
                return Op.BIND_AX;
            }
            if (r < 46) {
                return Op.BIND_YB;
            }
            if (r < 49) {
                return Op.BIND_YB_BOUND_B;
            }
            if (r < 62) {
                return Op.UNBIND;
            }
            if (r < 67) {
                return Op.UNBIND_Y;
            }
            if (r < 72) {
                return Op.UNBIND_B;
            }
            if (r < 75) {
                return Op.UNBIND_UNKNOWN;
            }
            if (r < 88) {
                return Op.QUERY;
            }
            if (r < 97) {
                return Op.QUERY_BY_X;
            }
            return Op.QUERY_UNKNOWN;
        }

        private String pickA() {
            List<String> free = new ArrayList<>();
            for (String a : as) {
                if (model.values().stream().filter(r -> r.a.equals(a)).count() < 5) {
                    free.add(a);
                }
            }
            return free.isEmpty() ? null : free.get(rnd.nextInt(free.size()));
        }

        private String pickFreeB(Rel target) {
            if (target == null) {
                return null;
            }
            List<String> free = new ArrayList<>(bs);
            free.removeAll(target.ybByB.keySet());
            free.remove(target.a);
            return free.isEmpty() ? null : free.get(rnd.nextInt(free.size()));
        }

        private AxBindRequest axRequest(String a) {
            AxBindRequest.Builder b = AxBindRequest.builder().origNum(a);
            int area = rnd.nextInt(4);
            if (area < 3) {
                b.areaCode(area == 0 ? "0755" : area == 1 ? "010" : "020").areaMatchMode(AreaMatchMode.LOOSE);
            }
            if (rnd.nextBoolean()) {
                b.userData("order-" + rnd.nextInt(100_000));
            }
            return b.build();
        }

        private YbBindRequest ybRequest(Rel target, String b) {
            return YbBindRequest.builder().origNum(b).subscriptionId(SubscriptionId.of(target.id)).build();
        }

        private String unknownId() {
            return "no-such-" + Long.toHexString(rnd.nextLong());
        }

        // ---------------------------------------------------------------- the checks

        private void verify(Op op, String a, Rel target, String b, Object result, Throwable error,
                Map<FaultKind, Integer> applied, int sent, int postsSent, Map<String, Rel> before,
                Map<String, Rel> after) {
            boolean reached = !applied.isEmpty(); // a fault rule fires only for a request that reached the platform
            if (error instanceof TransportException te && !(error instanceof OutcomeUnknownException)
                    && !te.requestMayHaveBeenSent() && reached && sent == 1) {
                violations.add("claimed \"not sent\" although the request reached the platform: " + chain(te));
                return;
            }
            switch (op) {
                case BIND_AX -> verifyBindAx(a, result, error, applied, postsSent, before, after);
                case BIND_YB, BIND_YB_BOUND_B -> verifyBindYb(op, target, b, result, error, applied, before, after);
                case UNBIND, UNBIND_Y, UNBIND_B -> verifyUnbind(op, target, b, error, before, after);
                case UNBIND_UNKNOWN -> {
                    unchanged(before, after, "an unbind of an unknown subscription");
                    if (error != null && !isCode(error, "1016001") && !(error instanceof TransportException)
                            && !allAttempts5xx(error, applied)) {
                        violations.add("unbind of an unknown subscription failed with " + error);
                    }
                }
                case QUERY, QUERY_BY_X -> verifyQuery(op, target, result, error, before, after);
                case QUERY_UNKNOWN -> {
                    unchanged(before, after, "a query");
                    if (error == null) {
                        violations.add("a query of an unknown subscription succeeded");
                    } else if (!isCode(error, "1016001") && !(error instanceof TransportException)
                            && !allAttempts5xx(error, applied)) {
                        violations.add("a query of an unknown subscription failed with " + error);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }

        private void verifyBindAx(String a, Object result, Throwable error, Map<FaultKind, Integer> applied,
                int postsSent, Map<String, Rel> before, Map<String, Rel> after) {
            Map<String, Rel> added = addedRelations(before, after);
            Map<String, Rel> changed = changedRelations(before, after);
            if (!changed.isEmpty()) {
                violations.add("an AX bind changed other relations: " + changed.keySet());
            }
            if (added.size() > 1) {
                duplicates += added.size() - 1;
                violations.add("one AX bind made " + added.size() + " bindings");
            }
            if (postsSent > 1 && !applied.isEmpty()) {
                violations.add("the AX bind was sent " + postsSent + " times although its first request reached the"
                        + " platform: " + chain(error));
            }
            if (error == null) {
                BindResult r = (BindResult) result;
                Rel made = added.get(r.subscriptionId().value());
                if (made == null) {
                    violations.add("reported a binding the platform does not have");
                } else if (!made.a.equals(a) || !made.x.equals(r.relationNumber().value())) {
                    violations.add("reported X differs from the platform's");
                }
                return;
            }
            if (error instanceof OutcomeUnknownException && applied.isEmpty() && hasTimeout(error)) {
                // no fault, but the machine was too slow for the response timeout: as ambiguous as a lost answer
                naturalTimeouts++;
                if (added.size() == 1) {
                    unknownProcessed++;
                } else {
                    unknownNotProcessed++;
                }
                return;
            }
            if (error instanceof OutcomeUnknownException) {
                boolean processed = added.size() == 1;
                boolean lostOrSlow = applied.containsKey(FaultKind.ANSWER_LOST) || applied.containsKey(FaultKind.LATENCY);
                boolean reset = applied.containsKey(FaultKind.CONNECTION_RESET);
                if (processed) {
                    unknownProcessed++;
                    if (!lostOrSlow) {
                        violations.add("outcome unknown, processed, but no lost answer or timeout was injected: "
                                + applied);
                    }
                } else {
                    unknownNotProcessed++;
                    if (!reset && !lostOrSlow) {
                        violations.add("outcome unknown without any fault that could hide the outcome: " + applied);
                    } else if (lostOrSlow && !reset) {
                        violations.add("a lost answer or timeout, yet the platform shows no binding");
                    }
                }
                return;
            }
            if (!added.isEmpty()) {
                violations.add("reported failure (" + error.getClass().getSimpleName() + ") but the platform bound A");
            }
            if (error instanceof TransportException te && te.requestMayHaveBeenSent()) {
                violations.add("an AX bind whose request may have been sent ended as a plain TransportException, not"
                        + " outcome unknown: " + te);
            }
        }

        private void verifyBindYb(Op op, Rel target, String b, Object result, Throwable error,
                Map<FaultKind, Integer> applied, Map<String, Rel> before, Map<String, Rel> after) {
            Rel was = before.get(target.id);
            Rel now = after.get(target.id);
            Map<String, Rel> othersBefore = new HashMap<>(before);
            Map<String, Rel> othersAfter = new HashMap<>(after);
            othersBefore.remove(target.id);
            othersAfter.remove(target.id);
            if (!othersBefore.equals(othersAfter)) {
                violations.add("a YB bind changed other relations");
            }
            if (now == null) {
                violations.add("the relation disappeared during a YB bind");
                return;
            }
            Map<String, String> newPairs = new HashMap<>(now.ybByB);
            newPairs.keySet().removeAll(was.ybByB.keySet());
            if (newPairs.size() > 1 || (newPairs.size() == 1 && !newPairs.containsKey(b))) {
                duplicates++;
                violations.add("a YB bind made pairs for other Bs: " + newPairs.size());
            }
            if (op == Op.BIND_YB_BOUND_B) {
                if (error == null) {
                    if (!((BindResult) result).relationNumber().value().equals(now.ybByB.get(b))) {
                        violations.add("a YB bind of an already bound B returned another Y");
                    }
                } else if (!isCode(error, "1012010") && !(error instanceof TransportException)
                        && !allAttempts5xx(error, applied)) {
                    violations.add("a YB bind of an already bound B failed with " + error);
                }
                return;
            }
            String y = now.ybByB.get(b);
            if (error == null) {
                if (y == null) {
                    violations.add("reported a YB binding the platform does not have");
                } else if (!y.equals(((BindResult) result).relationNumber().value())) {
                    violations.add("reported Y differs from the platform's");
                }
                return;
            }
            if (error instanceof OutcomeUnknownException) {
                if (applied.isEmpty() && !hasTimeout(error)) {
                    violations.add("YB bind: outcome unknown without an injected fault or a timeout: " + chain(error));
                } else if (applied.isEmpty()) {
                    naturalTimeouts++;
                }
                if (y != null) {
                    unknownProcessed++;
                } else {
                    unknownNotProcessed++;
                }
                return;
            }
            if (y != null) {
                violations.add("reported failure (" + describe(error) + ") but B is bound");
            }
        }

        private void verifyUnbind(Op op, Rel target, String b, Throwable error, Map<String, Rel> before,
                Map<String, Rel> after) {
            Map<String, Rel> othersBefore = new HashMap<>(before);
            Map<String, Rel> othersAfter = new HashMap<>(after);
            othersBefore.remove(target.id);
            othersAfter.remove(target.id);
            if (!othersBefore.equals(othersAfter)) {
                violations.add("an unbind changed other relations");
            }
            Rel now = after.get(target.id);
            boolean gone = op == Op.UNBIND ? now == null : now != null && !now.ybByB.containsKey(b);
            if (op != Op.UNBIND && now == null) {
                violations.add("a YB unbind removed the whole relation");
            }
            if (error == null && !gone) {
                violations.add("reported as unbound but the platform still has it");
            }
            if (error instanceof PlatformException p && p.httpStatus() < 500 && gone) {
                violations.add("reported failure (" + describe(error) + ") but the binding is gone");
            }
        }

        private void verifyQuery(Op op, Rel target, Object result, Throwable error, Map<String, Rel> before,
                Map<String, Rel> after) {
            unchanged(before, after, "a query");
            if (error != null) {
                if (!(error instanceof TransportException) && !(error instanceof PlatformException p
                        && p.httpStatus() >= 500)) {
                    violations.add("a query of an existing relation failed with " + describe(error));
                }
                return;
            }
            @SuppressWarnings("unchecked")
            List<Relation> relations = (List<Relation>) result;
            Map<String, Rel> expected = new HashMap<>();
            for (Rel r : after.values()) {
                if (op == Op.QUERY ? r.id.equals(target.id) : r.x.equals(target.x)) {
                    expected.put(r.id, r);
                }
            }
            Set<String> got = new HashSet<>();
            for (Relation r : relations) {
                got.add(r.numX().value() + "|" + r.numY().map(PhoneNumber::value).orElse("") + "|"
                        + r.numB().map(PhoneNumber::value).orElse(""));
            }
            Set<String> want = new HashSet<>();
            for (Rel r : expected.values()) {
                if (r.ybByB.isEmpty()) {
                    want.add(r.x + "||");
                }
                r.ybByB.forEach((bb, y) -> want.add(r.x + "|" + y + "|" + bb));
            }
            if (!got.equals(want)) {
                violations.add("the query answer differs from the platform's state (" + got.size() + " vs "
                        + want.size() + " items)");
            }
        }

        private void unchanged(Map<String, Rel> before, Map<String, Rel> after, String what) {
            if (!before.equals(after)) {
                violations.add(what + " changed the platform's state");
            }
        }

        private static Map<String, Rel> addedRelations(Map<String, Rel> before, Map<String, Rel> after) {
            Map<String, Rel> added = new HashMap<>(after);
            added.keySet().removeAll(before.keySet());
            return added;
        }

        private static Map<String, Rel> changedRelations(Map<String, Rel> before, Map<String, Rel> after) {
            Map<String, Rel> changed = new HashMap<>();
            for (Map.Entry<String, Rel> e : before.entrySet()) {
                Rel now = after.get(e.getKey());
                if (!e.getValue().equals(now)) {
                    changed.put(e.getKey(), now);
                }
            }
            return changed;
        }

        /** A 5xx answer after the injected server errors outlasted the retries: an answer, correctly passed on. */
        private static boolean allAttempts5xx(Throwable error, Map<FaultKind, Integer> applied) {
            return error instanceof PlatformException p && p.httpStatus() >= 500
                    && applied.getOrDefault(FaultKind.SERVER_ERROR, 0) > 0;
        }

        private static boolean isCode(Throwable error, String code) {
            return error instanceof PlatformException p && p.resultCode().code().equals(code);
        }

        /** @return whether a timeout (response, overall) is among the failure's causes and suppressed exceptions */
        private static boolean hasTimeout(Throwable e) {
            java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>(List.of(e));
            Set<Throwable> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                Throwable t = todo.poll();
                if (t == null || !seen.add(t)) {
                    continue;
                }
                String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException
                        || m.contains("timed out") || m.contains("timeout")) {
                    return true;
                }
                todo.add(t.getCause() == null ? t : t.getCause());
                todo.addAll(List.of(t.getSuppressed()));
            }
            return false;
        }

        /** @return the failure and its causes, one line, masked */
        static String chain(Throwable e) {
            if (e == null) {
                return "-";
            }
            StringBuilder sb = new StringBuilder();
            for (Throwable t = e; t != null && sb.length() < 600; t = t.getCause() == t ? null : t.getCause()) {
                sb.append(sb.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ")
                        .append(io.github.privatenumber.core.Masking.maskText(String.valueOf(t.getMessage())));
            }
            return sb.toString();
        }

        private static String describe(Throwable e) {
            if (e instanceof PlatformException p) {
                return "PlatformException HTTP " + p.httpStatus() + " " + p.resultCode().code();
            }
            return e.getClass().getSimpleName();
        }

        private static String outcomeName(Throwable error) {
            if (error == null) {
                return "ok";
            }
            if (error instanceof OutcomeUnknownException) {
                return "outcome unknown";
            }
            if (error instanceof PlatformException p) {
                return "platform " + p.resultCode().code();
            }
            if (error instanceof TransportException te) {
                return te.requestMayHaveBeenSent() ? "transport (may have been sent)" : "transport (not sent)";
            }
            return error.getClass().getSimpleName();
        }

        private Map<String, Rel> simState() {
            SimulatorState state = sim.state();
            Map<String, Rel> out = new LinkedHashMap<>();
            for (SimulatorState.Binding bnd : state.bindings()) {
                Rel r = new Rel(bnd.subscriptionId(), bnd.numA(), bnd.numX());
                for (SimulatorState.YbBinding yb : bnd.ybBindings()) {
                    if (r.ybByB.put(yb.numB(), yb.numY()) != null) {
                        duplicates++;
                        violations.add("the platform holds B twice in one relation");
                    }
                }
                out.put(r.id, r);
            }
            return out;
        }

        private static Map<String, Rel> copy(Map<String, Rel> m) {
            Map<String, Rel> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Rel r = new Rel(v.id, v.a, v.x);
                r.ybByB.putAll(v.ybByB);
                out.put(k, r);
            });
            return out;
        }

        private void leaks(String where, Object o) {
            for (String leak : Sensitive.leaksIn(where, o)) {
                violations.add(leak);
            }
        }

        // ---------------------------------------------------------------- report

        void closeSimulatorAndReport(long threadWaitMillis, List<String> leftThreads) {
            sim.close();
            String area = "2. Faults (" + kind.label + ")";
            int injected = faults.values().stream().mapToInt(f -> f[0]).sum();
            int appliedTotal = faults.values().stream().mapToInt(f -> f[1]).sum();
            int survived = faults.values().stream().mapToInt(f -> f[2]).sum();
            Report.summary(area, "operations (async twins among them)", Report.count(ops) + " (" + asyncOps + ")");
            Report.summary(area, "faults injected / hit a request / survived", Report.count(injected) + " / "
                    + Report.count(appliedTotal) + " / " + Report.count(survived));
            Report.summary(area, "duplicate bindings", String.valueOf(duplicates));
            Report.summary(area, "outcome unknown: processed / not processed (of which without a fault: timeouts"
                    + " of a slow machine)", unknownProcessed + " / " + unknownNotProcessed + " (" + naturalTimeouts + ")");
            Report.summary(area, "violations", String.valueOf(violations.size()));
            Report.summary(area, "threads / connections left after close",
                    (threadWaitMillis < 0 ? leftThreads.size() + " threads" : "0 threads (" + threadWaitMillis + " ms)")
                            + " / " + (connectionWaitMillis < 0 ? Resources.total(connectionsAfterClose) + " connections"
                                    : "0 connections (" + connectionWaitMillis + " ms)"));
            Report.summary(area, "duration", Report.seconds(nanos));
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "%s operations in %s (%s requests on the wire, %d through the async"
                    + " twins), response timeout %d ms, overall timeout %d ms, 3 attempts with 20-200 ms backoff; a fault"
                    + " rule on 45%% of the operations (latency 1-%d ms, 5xx `1010001`, connection reset before"
                    + " processing, answer lost after processing), 1 in 10 of them for 2-3 requests.", Report.count(ops),
                    Report.seconds(nanos), Report.count(requests), asyncOps, RESPONSE_TIMEOUT.toMillis(),
                    OVERALL_TIMEOUT.toMillis(), MAX_LATENCY_MS));
            lines.add("");
            lines.add(String.format(Locale.ROOT, "Time: %.1f s in the operations, %.1f s waiting for the simulator to"
                    + " finish delayed requests, %.1f s checking its state.", opNanos / 1e9, settleNanos / 1e9,
                    checkNanos / 1e9));
            lines.add("");
            lines.add("| fault kind | rules' requests injected | hit a request | survived (outcome checked against"
                    + " the simulator) |");
            lines.add("|---|---|---|---|");
            faults.forEach((k, f) -> lines.add("| " + k + " | " + f[0] + " | " + f[1] + " | " + f[2] + " |"));
            lines.add("");
            lines.add("| operation | outcomes |");
            lines.add("|---|---|");
            outcomes.forEach((op, m) -> {
                StringBuilder sb = new StringBuilder();
                m.forEach((o, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(o).append(" ×").append(n.get()));
                lines.add("| " + op + " | " + sb + " |");
            });
            lines.add("");
            lines.add("Outcome unknown (AX and YB binds): " + unknownProcessed + " processed by the platform (answer lost"
                    + " or timed out), " + unknownNotProcessed + " not processed (connection reset before processing:"
                    + " the client cannot tell, so it must not claim either). Duplicate bindings: " + duplicates + ".");
            lines.add("After close: threads " + (threadWaitMillis < 0 ? "LEFT: " + leftThreads : "back to baseline in "
                    + threadWaitMillis + " ms") + "; connections to the simulator's port " + (connectionWaitMillis < 0
                    ? "LEFT: " + connectionsAfterClose : "0 after " + connectionWaitMillis + " ms") + ".");
            lines.add("");
            lines.add("Violations: " + (violations.isEmpty() ? "none." : violations.size()));
            for (String v : violations.subList(0, Math.min(30, violations.size()))) {
                lines.add("- " + v.replace("|", "\\|"));
            }
            Report.section(area, lines);
        }
    }
}
