package io.github.privatenumber.benchmarks.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.NotificationSink;
import io.github.privatenumber.notifications.NotificationReceiver;
import io.github.privatenumber.notifications.ReceiverResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Time per push through {@link NotificationReceiver#handle(String, java.util.function.Function, byte[])} — verify
 * the signature, check the nonce, decode, parse, de-duplicate, hand to a no-op sink — against Jackson's
 * {@code readTree} of the same bytes. Every push is new: a fresh nonce and {@code Created} and new ids, prepared
 * outside the timed region ({@link Level#Invocation} set-up of a batch of {@value #BATCH} pushes; an invocation
 * takes milliseconds, so the set-up's time stamps do not matter). The receiver keeps its default de-duplication store
 * (100,000 keys: full after the first 100,000 records of an iteration, and evicting from then on, as a busy
 * receiver's would); its replay guard holds {@value #REPLAY_CAPACITY} nonces, more than one iteration signs, so that
 * no push is refused as a replay. Both start empty in every iteration (a new receiver per iteration), so the bound
 * holds however fast the machine is.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReceiverBenchmark {

    /** Pushes per invocation. */
    public static final int BATCH = 200;
    /**
     * Replay guard size: more nonces than one iteration signs (a one-second iteration at 2 µs per push signs
     * 500,000), so that no push is refused; larger would only grow the live heap the collector has to trace.
     */
    public static final int REPLAY_CAPACITY = 1_000_000;

    private static final AppCredentials CREDENTIALS = AppCredentials.of("bench-app-key", "bench-app-secret-0001");

    /** {@code EVENT}: one call event per push; {@code CDR50}: 50 CDRs per push. */
    @Param({"EVENT", "CDR50"})
    public PushFactory.Kind kind;

    private PushFactory factory;
    private PushFactory.Push[] batch;
    private NotificationReceiver receiver;
    private ObjectMapper mapper;
    private int refused;

    /** Builds the push factory and the first batch. */
    @Setup(Level.Trial)
    public void setUpTrial() {
        factory = new PushFactory(kind, CREDENTIALS, 1);
        batch = new PushFactory.Push[BATCH];
        for (int i = 0; i < BATCH; i++) {
            batch[i] = factory.next();
        }
        mapper = new ObjectMapper();
    }

    /** A new receiver, so that its replay guard never fills up (ids keep counting up across iterations). */
    @Setup(Level.Iteration)
    public void newReceiver() {
        receiver = NotificationReceiver.builder()
                .credentials(CREDENTIALS)
                .replayCapacity(REPLAY_CAPACITY)
                .sink(new NotificationSink() {
                    @Override
                    public void onCallEvent(CallEvent event) {
                    }

                    @Override
                    public void onCallDetailRecord(CallDetailRecord record) {
                    }
                })
                .build();
    }

    /** New ids and signatures for every push of the batch: outside the timed region. */
    @Setup(Level.Invocation)
    public void refill() {
        for (PushFactory.Push p : batch) {
            factory.refill(p);
        }
    }

    /** Fails the run if a push was not acknowledged: the figure would not be the cost of real work. */
    @TearDown(Level.Trial)
    public void check() {
        if (refused > 0) {
            throw new IllegalStateException(refused + " pushes were not acknowledged with 200");
        }
    }

    /** The SDK: the whole receiving path. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void receiver(Blackhole bh) {
        for (PushFactory.Push p : batch) {
            ReceiverResponse answer = receiver.handle("POST", p, p.body());
            if (answer.status() != 200) {
                refused++;
            }
            bh.consume(answer);
        }
    }

    /** The baseline: Jackson's tree of the same bytes, nothing else. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void readTree(Blackhole bh) throws IOException {
        for (PushFactory.Push p : batch) {
            bh.consume(mapper.readTree(p.body()));
        }
    }
}
