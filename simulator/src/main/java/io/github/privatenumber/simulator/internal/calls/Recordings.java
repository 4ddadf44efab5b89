package io.github.privatenumber.simulator.internal.calls;

import io.github.privatenumber.simulator.internal.Ids;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recordings of calls and the download links handed out for them. Audio is generated on download, so a
 * recording costs a few bytes until fetched. Thread-safe.
 */
public final class Recordings {

    /** Where the simulator serves recording files. */
    public static final String FILES_PATH = "/simulator/recordings/";
    /** A recording older than this is gone (1012007). */
    public static final Duration RETENTION = Duration.ofDays(7);
    /** A download link works this long. */
    public static final Duration LINK_VALIDITY = Duration.ofDays(3);

    /**
     * @param appKey owning app
     * @param domain recordDomain
     * @param bucket recordBucketName
     * @param objectName recordObjectName (the fileName of the recording API)
     * @param createdAt when the call ended (platform clock)
     * @param length the audio length
     */
    public record Recording(String appKey, String domain, String bucket, String objectName, Instant createdAt, Duration length) {
    }

    /**
     * @param recording what it downloads
     * @param expiresAt end of validity (platform clock)
     */
    public record Link(Recording recording, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Recording> byKey = new ConcurrentHashMap<>();
    /** At most this many links are remembered; the oldest are forgotten first (a benchmark may ask for many). */
    static final int MAX_LINKS = 100_000;

    private final Map<String, Link> links = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Link> eldest) {
            return size() > MAX_LINKS;
        }
    });

    /**
     * @param clock the platform clock
     */
    public Recordings(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param r a new recording
     */
    public void add(Recording r) {
        byKey.put(key(r.appKey(), r.domain(), r.objectName()), r);
    }

    /**
     * @param appKey the asking app
     * @param domain recordDomain
     * @param fileName fileName
     * @return the recording if it exists for that app and is at most 7 days old, else {@code null}
     */
    public Recording find(String appKey, String domain, String fileName) {
        Recording r = byKey.get(key(appKey, domain, fileName));
        if (r == null || isExpired(r)) {
            return null;
        }
        return r;
    }

    /**
     * @param r a recording
     * @return whether it is older than the retention period
     */
    public boolean isExpired(Recording r) {
        return clock.instant().isAfter(r.createdAt().plus(RETENTION));
    }

    /**
     * @param r a recording
     * @return a new opaque link token (standard Base64 with padding, like an OBS URL signature)
     */
    public String newLink(Recording r) {
        // 22 bytes: always "==" padding, so the link's query always carries percent-encoded characters
        String token = Base64.getEncoder().encodeToString(Ids.randomBytes(22));
        links.put(token, new Link(r, clock.instant().plus(LINK_VALIDITY)));
        return token;
    }

    /**
     * A fresh download link, valid for {@link #LINK_VALIDITY}, served by the simulator itself.
     *
     * @param baseUrl the simulator's base URL
     * @param r the recording
     * @return the URL, with percent-escapes in its query that a client must keep as they are
     */
    public String downloadUrl(String baseUrl, Recording r) {
        String token = newLink(r);
        long expires = links.get(token).expiresAt().getEpochSecond();
        return baseUrl + FILES_PATH + URLEncoder.encode(r.objectName(), StandardCharsets.UTF_8)
                + "?AccessKeyId=SIMULATOR&Expires=" + expires + "&Signature=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /**
     * @param token a token from {@link #newLink(Recording)}
     * @return its link, or {@code null} if unknown
     */
    public Link link(String token) {
        return links.get(token);
    }

    /** Forgets every recording and link. */
    public void clear() {
        byKey.clear();
        links.clear();
    }

    private static String key(String appKey, String domain, String name) {
        return appKey + '\n' + domain + '\n' + name;
    }
}
