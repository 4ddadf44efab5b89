package io.github.privatenumber.simulator;

import io.github.privatenumber.core.Masking;

/**
 * What the simulated platform did with a call. Immutable.
 *
 * @param sessionId the call's session id (as in events, CDRs and the callStop API)
 * @param appKey the app owning the dialled number (its callback URLs got the pushes)
 * @param route how the call was routed
 * @param hangupCode the hang-up code ({@code stateCode}, {@code ulFailReason}): 0 for a normal release after
 *     answer; -1 while a held call is still up
 * @param subscriptionId the matched relation, empty when none matched
 * @param callee the real callee, {@code null} when the call was not forwarded
 * @param displayNumber what the callee saw (X or Y), {@code null} when the call was not forwarded
 * @param answered whether the callee answered
 * @param icid the CDR's record id, {@code null} while a held call is up
 * @param recordDomain the recording's domain when the call was recorded, else {@code null}
 * @param recordObjectName the recording's file name when the call was recorded, else {@code null}
 */
public record CallResult(String sessionId, String appKey, CallRoute route, int hangupCode, String subscriptionId,
        String callee, String displayNumber, boolean answered, String icid, String recordDomain, String recordObjectName) {

    /** {@link #hangupCode()} of a call that is still up. */
    public static final int IN_PROGRESS = -1;

    @Override
    public String toString() {
        return "CallResult[" + sessionId + ", " + route + ", hangupCode=" + hangupCode + ", subscriptionId=" + subscriptionId
                + ", callee=" + (callee == null ? null : Masking.mask(callee)) + ", display="
                + (displayNumber == null ? null : Masking.mask(displayNumber)) + ", answered=" + answered
                + (recordObjectName == null ? "" : ", recorded") + "]";
    }
}
