package io.github.privatenumber.simulator;

import io.github.privatenumber.core.Masking;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of the simulator's state, for assertions and debugging. Immutable. Phone numbers are held in
 * clear (tests need them) but every {@code toString} masks them; the admin endpoint
 * {@code GET /simulator/state} masks them too.
 *
 * @param platformTime the platform clock at the time of the snapshot
 * @param bindings every live AX relation with its YB pairs
 * @param calls every call placed since start or the last reset
 * @param pushes every push (events and CDR batches) with its delivery attempts
 * @param faults the fault rules still active
 */
public record SimulatorState(Instant platformTime, List<Binding> bindings, List<Call> calls, List<Push> pushes,
        List<ActiveFault> faults) {

    /** Makes the lists unmodifiable. */
    public SimulatorState {
        bindings = List.copyOf(bindings);
        calls = List.copyOf(calls);
        pushes = List.copyOf(pushes);
        faults = List.copyOf(faults);
    }

    /**
     * An AX relation.
     *
     * @param subscriptionId its id
     * @param appKey the owning app
     * @param numA A
     * @param numX X
     * @param areaCode area code of X
     * @param callDirection 0 both, 1 only A→B, 2 only B→A
     * @param duration seconds, 0 = never expires
     * @param ybDuration default ybDuration of its YB pairs, seconds
     * @param recordFlag whether calls are recorded
     * @param userData as bound, may be {@code null}
     * @param subscribeTime when it was bound (platform clock)
     * @param expiresAt when it ends, {@code null} for never
     * @param ybBindings its YB pairs
     */
    public record Binding(String subscriptionId, String appKey, String numA, String numX, String areaCode, int callDirection,
            long duration, long ybDuration, boolean recordFlag, String userData, Instant subscribeTime, Instant expiresAt,
            List<YbBinding> ybBindings) {

        /** Makes the list unmodifiable. */
        public Binding {
            ybBindings = List.copyOf(ybBindings);
        }

        @Override
        public String toString() {
            return "Binding[" + subscriptionId + ", A=" + Masking.mask(numA) + ", X=" + Masking.mask(numX) + ", area="
                    + areaCode + ", callDirection=" + callDirection + ", expiresAt=" + expiresAt + ", yb=" + ybBindings + "]";
        }
    }

    /**
     * A YB pair of a relation.
     *
     * @param bindId its id
     * @param numY Y
     * @param numB B
     * @param ybDuration seconds, 0 = until the AX ends (already cut to the AX's duration)
     * @param boundAt when it was bound (platform clock)
     * @param expiresAt when it ends, {@code null} for never
     * @param automatic {@code true} when the platform allocated it during a call (B dialled X without a YB)
     */
    public record YbBinding(String bindId, String numY, String numB, long ybDuration, Instant boundAt, Instant expiresAt,
            boolean automatic) {
        @Override
        public String toString() {
            return "YbBinding[" + bindId + ", Y=" + Masking.mask(numY) + ", B=" + Masking.mask(numB) + ", expiresAt="
                    + expiresAt + (automatic ? ", automatic" : "") + "]";
        }
    }

    /**
     * A call placed through the admin API or {@link Simulator#placeCall(CallRequest)}.
     *
     * @param result what the platform did with it
     * @param caller the calling number
     * @param called the dialled privacy number
     * @param inProgress {@code true} while a held call is still up
     */
    public record Call(CallResult result, String caller, String called, boolean inProgress) {
        @Override
        public String toString() {
            return "Call[" + result + ", caller=" + Masking.mask(caller) + ", called=" + Masking.mask(called)
                    + (inProgress ? ", in progress" : "") + "]";
        }
    }
}
