package io.github.privatenumber.simulator.internal.http;

import java.util.Objects;

/**
 * What the HTTP layer does with one request: write an answer, or drop the connection without one.
 *
 * @param answer the answer to write; {@code null} when the connection is dropped
 * @param drop how the connection is dropped when there is no answer; {@code null} when answering
 */
public record Reply(Answer answer, Drop drop) {

    /** How a connection is dropped without an answer. */
    public enum Drop {
        /** An orderly close (FIN): the client reads end-of-stream where the status line should be. */
        CLOSE,
        /** An abortive close (TCP RST, {@code SO_LINGER} 0): the client's read fails with "connection reset". */
        RESET
    }

    /** Exactly one of the two is set. */
    public Reply {
        if ((answer == null) == (drop == null)) {
            throw new IllegalArgumentException("a reply either answers or drops");
        }
    }

    /**
     * @param answer the answer
     * @return a reply that writes it
     */
    public static Reply of(Answer answer) {
        return new Reply(Objects.requireNonNull(answer, "answer"), null);
    }

    /**
     * @param how how to drop the connection
     * @return a reply that writes nothing
     */
    public static Reply drop(Drop how) {
        return new Reply(null, Objects.requireNonNull(how, "how"));
    }
}
