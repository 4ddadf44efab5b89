package io.github.privatenumber.simulator.internal;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.simulator.Push;
import io.github.privatenumber.simulator.PushAttempt;
import io.github.privatenumber.simulator.internal.calls.PushSink;
import io.github.privatenumber.simulator.internal.push.PushDispatcher;
import io.github.privatenumber.simulator.internal.push.PushRecord;
import io.github.privatenumber.simulator.internal.push.PushScheme;
import io.github.privatenumber.simulator.internal.push.PushSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated apps: credentials, callback URLs and one push dispatcher each. Thread-safe; the set of
 * apps is fixed at construction.
 */
public final class Apps implements PushSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Apps.class);

    /**
     * How pushes are sent.
     *
     * @param scheme AKSK or legacy WSSE
     * @param repushTimeScale factor on the re-push schedule (1 = real minutes)
     * @param cdrBatchWindow how long CDRs wait for company
     * @param requestTimeout per push attempt
     * @param sslContext for https callback URLs
     */
    public record PushConfig(PushScheme scheme, double repushTimeScale, Duration cdrBatchWindow, Duration requestTimeout,
            SSLContext sslContext) {
    }

    /** One app. */
    public static final class App {
        final int index;
        final AppCredentials credentials;
        volatile URI eventUrl;
        volatile URI feeUrl;
        volatile PushDispatcher dispatcher;

        App(int index, AppCredentials credentials, URI eventUrl, URI feeUrl) {
            this.index = index;
            this.credentials = credentials;
            this.eventUrl = eventUrl;
            this.feeUrl = feeUrl;
        }

        /** @return the app's credentials */
        public AppCredentials credentials() {
            return credentials;
        }

        /** @return the call-event URL, may be {@code null} */
        public URI eventUrl() {
            return eventUrl;
        }

        /** @return the CDR URL, may be {@code null} */
        public URI feeUrl() {
            return feeUrl;
        }
    }

    private final Map<String, App> apps = new LinkedHashMap<>();
    private final PushConfig config;
    private final Clock clock;

    /**
     * @param apps credentials and URLs ({@code [eventUrl, feeUrl]}, either may be {@code null}) in order
     * @param config push settings shared by all apps
     * @param clock the clock stamped on push attempts
     */
    public Apps(Map<AppCredentials, URI[]> apps, PushConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        int i = 0;
        for (Map.Entry<AppCredentials, URI[]> e : apps.entrySet()) {
            App app = new App(i++, e.getKey(), e.getValue()[0], e.getValue()[1]);
            this.apps.put(e.getKey().appKey(), app);
        }
    }

    /** Creates the dispatchers (again, after a reset). */
    public synchronized void startDispatchers() {
        for (App app : apps.values()) {
            PushDispatcher old = app.dispatcher;
            app.dispatcher = new PushDispatcher(new PushSettings(app.credentials, app.eventUrl, app.feeUrl, config.scheme(),
                    config.repushTimeScale(), config.cdrBatchWindow(), config.requestTimeout(), config.sslContext()), clock);
            if (old != null) {
                old.close();
            }
        }
    }

    /** @return every app, in order; the first is the default app */
    public Collection<App> all() {
        return apps.values();
    }

    /** @return the default (first) app */
    public App first() {
        return apps.values().iterator().next();
    }

    /**
     * @param appKey an app key, {@code null} for the default app
     * @param eventUrl new call-event URL, {@code null} for none
     * @param feeUrl new CDR URL, {@code null} for none
     * @throws IllegalArgumentException for an unknown app
     */
    public void setUrls(String appKey, URI eventUrl, URI feeUrl) {
        updateUrls(appKey, true, eventUrl, true, feeUrl);
    }

    /**
     * Changes only the URLs asked for, atomically.
     *
     * @param appKey an app key, {@code null} for the default app
     * @param setEvent whether to change the call-event URL
     * @param eventUrl its new value, {@code null} for none
     * @param setFee whether to change the CDR URL
     * @param feeUrl its new value, {@code null} for none
     * @return the app after the change
     * @throws IllegalArgumentException for an unknown app or a URL that is not absolute http(s) with a host
     */
    public synchronized App updateUrls(String appKey, boolean setEvent, URI eventUrl, boolean setFee, URI feeUrl) {
        App a = appKey == null ? first() : apps.get(appKey);
        if (a == null) {
            throw new IllegalArgumentException("unknown app key");
        }
        URI event = setEvent ? eventUrl : a.eventUrl;
        URI fee = setFee ? feeUrl : a.feeUrl;
        PushDispatcher d = a.dispatcher;
        if (d != null) {
            d.setUrls(event, fee); // validates first
        }
        a.eventUrl = event;
        a.feeUrl = fee;
        return a;
    }

    @Override
    public void event(String appKey, String sessionId, String body, boolean repushOnFailure) {
        // without an event URL the dispatcher drops the event (and records nothing)
        try {
            apps.get(appKey).dispatcher.pushEvent(body, repushOnFailure, sessionId);
        } catch (IllegalStateException closed) {
            LOG.debug("event of app {} not pushed: the simulator is resetting or closing", appKey);
        }
    }

    @Override
    public void cdrs(String appKey, List<String> records, boolean together) {
        // without a CDR URL the dispatcher drops them (and records nothing)
        PushDispatcher d = apps.get(appKey).dispatcher;
        try {
            for (String r : records) {
                d.queueCdr(r);
            }
            if (together) {
                d.flushCdrs();
            }
        } catch (IllegalStateException closed) {
            LOG.debug("{} CDR(s) of app {} not pushed: the simulator is resetting or closing", records.size(), appKey);
        }
    }

    /** @return every push of every app */
    public List<Push> pushes() {
        List<Push> out = new ArrayList<>();
        for (App a : apps.values()) {
            PushDispatcher d = a.dispatcher;
            if (d == null) {
                continue;
            }
            for (PushRecord r : d.pushes()) {
                List<PushAttempt> attempts = new ArrayList<>();
                for (PushRecord.Attempt t : r.attempts()) {
                    attempts.add(new PushAttempt(t.at(), t.httpStatus(), t.error()));
                }
                String kind = r.kind() == PushRecord.Kind.EVENT ? "event" : "fee";
                out.add(new Push(a.index + "-" + r.id(), a.credentials.appKey(), kind, URI.create(r.url()), r.body(),
                        r.state().toString(), attempts));
            }
        }
        return out;
    }

    /**
     * @param timeout how long to wait at most
     * @return whether every push of every app settled (delivered, or failed without re-push left) in time
     */
    public boolean awaitSettled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (App a : apps.values()) {
            PushDispatcher d = a.dispatcher;
            long left = deadline - System.nanoTime();
            if (d != null && !d.awaitSettled(Duration.ofNanos(Math.max(0, left)))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        for (App a : apps.values()) {
            if (a.dispatcher != null) {
                a.dispatcher.close();
            }
        }
    }
}
