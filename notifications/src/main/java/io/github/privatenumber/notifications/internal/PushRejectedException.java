package io.github.privatenumber.notifications.internal;

/**
 * A push that cannot be accepted as sent: carries the HTTP status to answer and a message that is safe to send back
 * and to log (it names fields and positions, never values). Internal control flow of the receiver; never escapes it.
 */
public final class PushRejectedException extends RuntimeException {

    private final int status;

    /**
     * @param status the HTTP status to answer, a 4xx
     * @param message what is wrong, without values from the push
     */
    public PushRejectedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /**
     * @return the HTTP status to answer
     */
    public int status() {
        return status;
    }
}
