package io.github.privatenumber.examples.ridehailing;

/**
 * A lifecycle step failed; the message says what happened in plain words (numbers masked).
 */
public class DemoFailure extends RuntimeException {

    private final String step;

    /**
     * @param step the step, e.g. {@code bind A -> X}
     * @param message what happened
     * @param cause the underlying failure, or {@code null}
     */
    public DemoFailure(String step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    /**
     * @return the step that failed
     */
    public String step() {
        return step;
    }
}
