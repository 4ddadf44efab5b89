package io.github.privatenumber.simulator.internal.calls;

import java.util.List;

/** Where the call engine hands its pushes; implemented per app by the simulator. */
public interface PushSink {

    /**
     * @param appKey the app whose event URL gets it
     * @param sessionId the call: its events are delivered one after the other, in the order given
     * @param body the event JSON
     * @param repushOnFailure {@code false} for {@code callin}, which the platform does not re-push
     */
    void event(String appKey, String sessionId, String body, boolean repushOnFailure);

    /**
     * Queues CDRs for the app's next CDR push (batches of at most 50). CDRs queued within the batch window
     * share a push; {@code together} sends the queue at once instead of waiting for the window to close.
     *
     * @param appKey the app whose CDR URL gets them
     * @param records one JSON object per CDR
     * @param together {@code true} for calls placed together ({@code placeCalls}): pushed at once
     */
    void cdrs(String appKey, List<String> records, boolean together);
}
