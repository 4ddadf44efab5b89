package io.github.privatenumber.spring.internal;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.spring.PrivateNumberActivity;
import io.github.privatenumber.spring.PrivateNumberActivity.Outcome;
import io.github.privatenumber.spring.PrivateNumberProperties;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

/**
 * What both health indicators (Boot 3 and Boot 4 API) report: UP unless the last
 * {@value PrivateNumberActivity#DOWN_AFTER_CONSECUTIVE_FAILURES} attempts to the platform all failed (no answer,
 * 5xx, or the credentials refused), with the configuration and the recent outcomes as details. Reads only what was
 * recorded: a probe never calls the platform. No secret and no phone number appear. Thread-safe.
 */
public final class HealthDetails {

    private final PrivateNumberActivity activity;
    private final PrivateNumberProperties properties;
    private final ObjectProvider<PrivateNumberClient> client;

    /**
     * @param activity the recorded outcomes
     * @param properties the configuration
     * @param client the client, when it is the auto-configured kind
     */
    public HealthDetails(PrivateNumberActivity activity, PrivateNumberProperties properties,
            ObjectProvider<PrivateNumberClient> client) {
        this.activity = activity;
        this.properties = properties;
        this.client = client;
    }

    /**
     * A point-in-time report.
     *
     * @param up whether the platform looks usable
     * @param details what to show
     */
    public record Report(boolean up, Map<String, Object> details) {
    }

    /**
     * @return the report now
     */
    public Report report() {
        PrivateNumberActivity.Snapshot s = activity.snapshot();
        Map<String, Object> d = new LinkedHashMap<>();
        PrivateNumberClient c = client.getIfUnique();
        if (c != null) {
            d.put("endpoint", c.endpoint().toString());
            d.put("appKey", c.appKey());
        } else {
            d.put("endpoint", String.valueOf(properties.endpoint()));
        }
        s.transport().ifPresent(t -> d.put("transport", t));
        Map<String, Long> attempts = new LinkedHashMap<>();
        for (Map.Entry<Outcome, Long> e : s.attempts().entrySet()) {
            attempts.put(camel(e.getKey()), e.getValue());
        }
        d.put("attempts", attempts);
        d.put("consecutiveFailures", s.consecutiveFailures());
        s.lastSuccess().ifPresent(t -> d.put("lastAnswer", t.toString()));
        s.lastFailure().ifPresent(f -> {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("at", f.at().toString());
            last.put("outcome", camel(f.outcome()));
            last.put("detail", f.detail());
            d.put("lastFailure", last);
        });
        if (s.totalAttempts() == 0) {
            d.put("note", "no call to the platform yet; the health follows real calls and never probes the platform");
        }
        Map<String, Object> pushes = new LinkedHashMap<>();
        pushes.put("acknowledged", s.pushesAcknowledged());
        pushes.put("rejected", s.pushesRejected());
        s.lastPush().ifPresent(t -> {
            pushes.put("last", t.toString());
            pushes.put("lastStatus", s.lastPushStatus());
        });
        d.put("pushes", pushes);
        if (!s.healthy()) {
            d.put("reason", "the last " + s.consecutiveFailures() + " attempts to the platform failed");
        }
        return new Report(s.healthy(), d);
    }

    private static String camel(Outcome o) {
        String[] parts = o.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }
}
