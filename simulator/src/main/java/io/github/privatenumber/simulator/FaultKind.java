package io.github.privatenumber.simulator;

/** What a {@link Fault} does to a matching request. */
public enum FaultKind {
    /** Waits before processing the request; the request is then processed normally. */
    LATENCY,
    /** Answers HTTP 500 with result code {@code 1010001} without processing the request. */
    SERVER_ERROR,
    /** Drops the connection before reading or processing the request; the client gets no status line. */
    CONNECTION_RESET,
    /** Processes the request (state changes) and then drops the connection without an answer. */
    ANSWER_LOST
}
