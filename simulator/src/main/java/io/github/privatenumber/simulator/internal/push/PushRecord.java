package io.github.privatenumber.simulator.internal.push;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened to one push: an immutable snapshot taken by {@link PushDispatcher#pushes()}.
 *
 * @param id the push id, unique per dispatcher, increasing in creation order
 * @param kind call event or CDR batch
 * @param url where it goes (the URL configured when the push was created; re-pushes keep it)
 * @param body the JSON body exactly as sent
 * @param state where it stands
 * @param attempts every attempt so far, oldest first
 */
public record PushRecord(long id, Kind kind, String url, String body, State state, List<Attempt> attempts) {

    /** What a push carries. */
    public enum Kind {
        /** A call event: {@code {"eventType":…,"statusInfo":{…}}}. */
        EVENT,
        /** A batch of 1–50 CDRs: {@code {"eventType":"fee","feeLst":[…]}}. */
        CDR
    }

    /** Where a push stands. */
    public enum State {
        /** Not yet delivered; an attempt is in flight or a re-push is scheduled. */
        PENDING,
        /** An attempt was answered with HTTP 200. */
        DELIVERED,
        /** The first attempt and all six re-pushes failed. */
        GAVE_UP,
        /** The only attempt failed and the push may not be re-pushed ({@code callin}). */
        NOT_REPUSHED
    }

    /**
     * One HTTP attempt.
     *
     * @param at when it was sent (the dispatcher's clock)
     * @param httpStatus the answer's status, or -1 when there was none (timeout, connection or TLS failure)
     * @param error why it failed, {@code null} on success; never contains a phone number in clear
     */
    public record Attempt(Instant at, int httpStatus, String error) {
        /** @throws NullPointerException if {@code at} is {@code null} */
        public Attempt {
            Objects.requireNonNull(at, "at");
        }
    }

    /** @throws NullPointerException if {@code kind}, {@code url}, {@code body}, {@code state} or {@code attempts} is {@code null} */
    public PushRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(state, "state");
        attempts = List.copyOf(attempts);
    }

    /** @return the id, kind, state and attempt count; the body is left out (it holds phone numbers) */
    @Override
    public String toString() {
        return "PushRecord[id=" + id + ", kind=" + kind + ", state=" + state + ", attempts=" + attempts.size() + "]";
    }
}
