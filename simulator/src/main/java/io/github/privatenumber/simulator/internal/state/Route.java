package io.github.privatenumber.simulator.internal.state;

import io.github.privatenumber.simulator.CallRoute;

/**
 * How the platform routes one call, decided from the bindings at the moment the call arrives (a snapshot).
 *
 * @param appKey the app owning the dialled number
 * @param route what happened
 * @param hangupCode the hang-up code when the call cannot be routed, else 0
 * @param subscriptionId the matched relation, or empty
 * @param userData the relation's userData, or {@code null}
 * @param recordFlag whether the relation records calls
 * @param displayNumber what the callee sees (X or Y), or {@code null} when not routed
 * @param callee the real callee, or {@code null} when not routed
 * @param direction CDR direction: 1 A→B (placed to Y), 0 B→A (placed to X), 2 abnormal
 */
public record Route(String appKey, CallRoute route, int hangupCode, String subscriptionId, String userData,
        boolean recordFlag, String displayNumber, String callee, int direction) {

    /** @return whether the call is forwarded to a callee */
    public boolean routed() {
        return callee != null;
    }
}
