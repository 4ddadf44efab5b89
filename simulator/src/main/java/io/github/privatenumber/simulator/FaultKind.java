package io.github.privatenumber.simulator;

/** What a {@link Fault} does to a matching request. */
public enum FaultKind {
    /** Waits before processing the request; the request is then processed normally. */
    LATENCY,
    /** Answers HTTP 500 with result code {@code 1010001} without processing the request. */
    SERVER_ERROR,
    /**
     * Resets the connection (a real TCP RST: {@code SO_LINGER} 0) once the request has arrived, without
     * processing it; the client's read fails with "connection reset" and no status line.
     */
    CONNECTION_RESET,
    /**
     * Processes the request (state changes) and then closes the connection in order (FIN) without an answer;
     * the client reads end-of-stream where the status line should be.
     */
    ANSWER_LOST
}
