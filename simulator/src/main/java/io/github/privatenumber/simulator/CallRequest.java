package io.github.privatenumber.simulator;

import io.github.privatenumber.core.Masking;
import java.util.Objects;

/**
 * A call to simulate: who dials which privacy number and how the callee behaves. Immutable; start from
 * {@link #of(String, String)} and refine with the withers:
 * <pre>{@code
 * sim.placeCall(CallRequest.of(numA, numY).talkSeconds(30));          // answered, 30 s of talk
 * sim.placeCall(CallRequest.of(numB, numX).notAnswered(8102));        // callee busy
 * sim.placeCall(CallRequest.of(numA, numY).held());                   // stays up until callStop
 * }</pre>
 * The call does not take real time: its timestamps are computed from the platform clock.
 *
 * @param caller the calling number, global format
 * @param called the dialled privacy number (X or Y), global format
 * @param answer whether the callee answers (default {@code true})
 * @param talkSeconds talk time after answer (default 10)
 * @param ringSeconds ringing time before answer or give-up (default 3)
 * @param calleeOutcome the hang-up code when not answered (default 8101 no answer; 8102 busy, 7503 rejected,
 *     8100, 8103, 8104, 8105, 7501, 7502 …)
 * @param hold keep the answered call up until it is stopped with the callStop API
 */
public record CallRequest(String caller, String called, boolean answer, int talkSeconds, int ringSeconds, int calleeOutcome,
        boolean hold) {

    /** Default talk time, seconds. */
    public static final int DEFAULT_TALK_SECONDS = 10;
    /** Default ring time, seconds. */
    public static final int DEFAULT_RING_SECONDS = 3;
    /** Default outcome of an unanswered call: 8101, no answer. */
    public static final int DEFAULT_CALLEE_OUTCOME = 8101;

    /** Validates the request. */
    public CallRequest {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(called, "called");
        if (talkSeconds < 0 || talkSeconds > 86_400) {
            throw new IllegalArgumentException("talkSeconds must be 0-86400");
        }
        if (ringSeconds < 0 || ringSeconds > 600) {
            throw new IllegalArgumentException("ringSeconds must be 0-600");
        }
        if (calleeOutcome <= 0) {
            throw new IllegalArgumentException("calleeOutcome must be a positive hang-up code such as 8101");
        }
    }

    /**
     * @param caller the calling number
     * @param called the dialled privacy number
     * @return an answered call with the default ring and talk times
     */
    public static CallRequest of(String caller, String called) {
        return new CallRequest(caller, called, true, DEFAULT_TALK_SECONDS, DEFAULT_RING_SECONDS, DEFAULT_CALLEE_OUTCOME, false);
    }

    /**
     * @param seconds talk time after answer
     * @return a copy with that talk time
     */
    public CallRequest talkSeconds(int seconds) {
        return new CallRequest(caller, called, answer, seconds, ringSeconds, calleeOutcome, hold);
    }

    /**
     * @param seconds ring time
     * @return a copy with that ring time
     */
    public CallRequest ringSeconds(int seconds) {
        return new CallRequest(caller, called, answer, talkSeconds, seconds, calleeOutcome, hold);
    }

    /**
     * @param hangupCode why the callee did not answer, e.g. 8101 no answer, 8102 busy, 7503 rejected
     * @return a copy that is not answered
     */
    public CallRequest notAnswered(int hangupCode) {
        return new CallRequest(caller, called, false, talkSeconds, ringSeconds, hangupCode, hold);
    }

    /** @return a copy that stays up after answer until stopped with the callStop API */
    public CallRequest held() {
        return new CallRequest(caller, called, answer, talkSeconds, ringSeconds, calleeOutcome, true);
    }

    @Override
    public String toString() {
        return "CallRequest[" + Masking.mask(caller) + " -> " + Masking.mask(called) + ", answer=" + answer + ", talk="
                + talkSeconds + "s, ring=" + ringSeconds + "s, outcome=" + calleeOutcome + (hold ? ", hold" : "") + "]";
    }
}
