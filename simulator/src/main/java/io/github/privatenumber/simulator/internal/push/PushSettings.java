package io.github.privatenumber.simulator.internal.push;

import io.github.privatenumber.core.AppCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a {@link PushDispatcher} delivers pushes. Immutable.
 *
 * <p>Nulls: {@code eventUrl}, {@code cdrUrl} and {@code sslContext} may be {@code null} (no call-event
 * pushes, no CDR pushes, the JDK's default trust); a {@code null} {@code scheme}, {@code cdrBatchWindow}
 * or {@code requestTimeout} takes its default ({@link PushScheme#AKSK}, {@link #DEFAULT_CDR_BATCH_WINDOW},
 * {@link #DEFAULT_REQUEST_TIMEOUT}). {@code credentials} is required.
 *
 * @param credentials the app whose key and secret sign every push
 * @param eventUrl the call-status URL (console setting), http or https; {@code null}: no event pushes
 * @param cdrUrl the CDR URL (console setting), http or https; {@code null}: no CDR pushes
 * @param scheme the signature scheme
 * @param repushTimeScale factor on the re-push schedule: 1.0 = real minutes, 0.001 = one minute becomes 60 ms;
 *     finite, greater than 0 and at most 1000
 * @param cdrBatchWindow CDRs queued within this window after the first one go out in one push; 0–1 hour
 * @param requestTimeout how long one attempt may take; positive, at most 10 minutes
 * @param sslContext the trust for https URLs
 */
public record PushSettings(AppCredentials credentials, URI eventUrl, URI cdrUrl, PushScheme scheme,
                           double repushTimeScale, Duration cdrBatchWindow, Duration requestTimeout,
                           SSLContext sslContext) {

    /** Default {@link #cdrBatchWindow()}. */
    public static final Duration DEFAULT_CDR_BATCH_WINDOW = Duration.ofMillis(100);
    /** Default {@link #requestTimeout()}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Validates and applies defaults.
     *
     * @throws NullPointerException if {@code credentials} is {@code null}
     * @throws IllegalArgumentException for a URL that is not absolute http(s) with a host, or a value out of range
     */
    public PushSettings {
        Objects.requireNonNull(credentials, "credentials");
        checkUrl("eventUrl", eventUrl);
        checkUrl("cdrUrl", cdrUrl);
        scheme = scheme == null ? PushScheme.AKSK : scheme;
        if (!(repushTimeScale > 0) || repushTimeScale > 1000 || Double.isInfinite(repushTimeScale)) {
            throw new IllegalArgumentException("repushTimeScale must be > 0 and <= 1000, got " + repushTimeScale);
        }
        cdrBatchWindow = cdrBatchWindow == null ? DEFAULT_CDR_BATCH_WINDOW : cdrBatchWindow;
        if (cdrBatchWindow.isNegative() || cdrBatchWindow.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("cdrBatchWindow must be 0 to 1 hour, got " + cdrBatchWindow);
        }
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        if (requestTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("requestTimeout must be positive and at most 10 minutes, got " + requestTimeout);
        }
    }

    /**
     * Settings with every default: AKSK, real-time re-push schedule, 100 ms CDR window, 5 s timeout, JDK trust.
     *
     * @param credentials the signing app
     * @param eventUrl the call-status URL or {@code null}
     * @param cdrUrl the CDR URL or {@code null}
     * @return the settings
     */
    public static PushSettings of(AppCredentials credentials, URI eventUrl, URI cdrUrl) {
        return new PushSettings(credentials, eventUrl, cdrUrl, PushScheme.AKSK, 1.0, null, null, null);
    }

    /**
     * Checks a callback URL: {@code null}, or absolute {@code http}/{@code https} with a host.
     *
     * @param field the name for the message
     * @param url the URL
     * @throws IllegalArgumentException if it is not acceptable
     */
    static void checkUrl(String field, URI url) {
        if (url == null) {
            return;
        }
        String s = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(s.equals("http") || s.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException(field + " must be an absolute http or https URL with a host");
        }
    }
}
