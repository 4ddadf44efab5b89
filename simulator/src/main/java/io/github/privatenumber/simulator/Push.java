package io.github.privatenumber.simulator;

import java.net.URI;
import java.util.List;

/**
 * One push of the simulated platform to an app's server: a call event or a batch of CDRs, with every
 * delivery attempt so far. Immutable snapshot.
 *
 * @param id unique within the simulator
 * @param appKey the app whose callback URL it went to
 * @param kind {@code "event"} for a call event, {@code "fee"} for a CDR batch
 * @param url where it was (or is being) sent; re-pushes keep the URL the push was created with
 * @param body the exact JSON body (UTF-8)
 * @param state {@code PENDING} (an attempt is in flight or a re-push is scheduled), {@code DELIVERED} (an
 *     attempt got HTTP 200), {@code GAVE_UP} (the first attempt and all six re-pushes failed) or
 *     {@code NOT_REPUSHED} (a failed {@code callin}, which the platform does not re-push)
 * @param attempts every attempt in order
 */
public record Push(String id, String appKey, String kind, URI url, String body, String state, List<PushAttempt> attempts) {

    /** Makes the list unmodifiable. */
    public Push {
        attempts = List.copyOf(attempts);
    }

    @Override
    public String toString() {
        return "Push[" + id + ", " + appKey + ", " + kind + ", " + state + ", attempts=" + attempts.size() + "]";
    }
}
