package io.github.privatenumber.core.recording;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.internal.Checks;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A recording's download URL: the {@code Location} of the platform's 301 answer, exactly as sent.
 * Valid for three days (SPEC §7). Immutable and thread-safe.
 *
 * <p>The URL is a bearer credential: whoever holds it can download the call. So {@link #toString()}
 * shows only its scheme and host; use {@link #value()} or {@link #toUri()} to download it, and never
 * send the platform's auth headers to it.
 *
 * @param value the URL as the platform sent it; not blank and without control characters
 */
public record RecordingUrl(String value) {

    /**
     * @param value as documented on the record
     * @throws InvalidValueException naming {@code Location} if {@code value} is {@code null}, empty, blank
     *     or contains a control character
     */
    public RecordingUrl {
        Checks.notEmpty("Location", value);
        int bad = Checks.firstUnprintable(value);
        if (bad >= 0) {
            throw new InvalidValueException("Location", "must not contain control characters; bad character at index " + bad);
        }
    }

    /**
     * @param value the URL as the platform sent it
     * @return the URL
     * @throws InvalidValueException as the constructor
     */
    public static RecordingUrl of(String value) {
        return new RecordingUrl(value);
    }

    /**
     * @return the URL as a {@link URI}, unchanged
     * @throws InvalidValueException naming {@code Location} if the text is not a valid URI; the message
     *     does not contain the URL
     */
    public URI toUri() {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidValueException("Location", "is not a valid URI (error at index " + e.getIndex() + ")");
        }
    }

    /**
     * @return {@code RecordingUrl[https://host/…]}: the scheme and host only, never the path or query
     */
    @Override
    public String toString() {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return "RecordingUrl[" + uri.getScheme() + "://" + uri.getHost() + "/…]";
            }
        } catch (URISyntaxException e) {
            // fall through: say nothing about an unreadable URL
        }
        return "RecordingUrl[…]";
    }
}
