package io.github.privatenumber.simulator.internal.calls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.simulator.CallRequest;
import io.github.privatenumber.simulator.CallResult;
import io.github.privatenumber.simulator.SimulatorState;
import io.github.privatenumber.simulator.internal.ApiException;
import io.github.privatenumber.simulator.internal.Ids;
import io.github.privatenumber.simulator.internal.Json;
import io.github.privatenumber.simulator.internal.PhoneNumbers;
import io.github.privatenumber.simulator.internal.Times;
import io.github.privatenumber.simulator.internal.state.Platform;
import io.github.privatenumber.simulator.internal.state.Route;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places simulated calls (SPEC sections 10–11): routes them through the bindings, pushes the call events
 * and one CDR per call, creates recordings, and keeps held calls up until the callStop API ends them.
 * Thread-safe.
 */
public final class CallEngine {

    private static final Logger LOG = LoggerFactory.getLogger(CallEngine.class);

    /** At most this many calls are remembered (held ones always). */
    static final int MAX_CALLS = 10_000;

    /** The callStop API's only accepted signal. */
    public static final String CALL_STOP = "call_stop";

    private final Platform platform;
    private final Recordings recordings;
    private final Clock clock;
    private final PushSink pushes;
    private final String hostName;
    private final String recordDomain;
    private final String recordBucket;
    private final String spId;
    private final Supplier<String> baseUrl;
    private final Map<String, Call> calls = new LinkedHashMap<>();

    /** A call's facts; mutable until it ends. Guarded by {@code calls}. */
    private static final class Call {
        final CallRequest request;
        final String sessionId;
        final Route route;
        final Instant callIn;
        final Instant alerting;
        final Instant answer;
        Instant end;
        CallResult result;

        Call(CallRequest request, String sessionId, Route route, Instant callIn, Instant alerting, Instant answer) {
            this.request = request;
            this.sessionId = sessionId;
            this.route = route;
            this.callIn = callIn;
            this.alerting = alerting;
            this.answer = answer;
        }
    }

    /**
     * @param platform the bindings
     * @param recordings where recordings go
     * @param clock the platform clock
     * @param pushes where events and CDRs go
     * @param hostName the CDR's hostName and the sessionId's host part
     * @param recordDomain the CDR's recordDomain
     * @param recordBucket the CDR's recordBucketName
     * @param spId the CDR's spId
     * @param baseUrl the simulator's base URL, for recording links
     */
    public CallEngine(Platform platform, Recordings recordings, Clock clock, PushSink pushes, String hostName,
            String recordDomain, String recordBucket, String spId, Supplier<String> baseUrl) {
        this.platform = platform;
        this.recordings = recordings;
        this.clock = clock;
        this.pushes = pushes;
        this.hostName = hostName;
        this.recordDomain = recordDomain;
        this.recordBucket = recordBucket;
        this.spId = spId;
        this.baseUrl = baseUrl;
    }

    /**
     * Places calls that end together: their CDRs go out in one push per app (batches of at most 50).
     *
     * @param requests the calls
     * @return one result per call, in order
     * @throws IllegalArgumentException if a number is not in global format or the dialled number is not a
     *     privacy number of the simulator (nothing is placed then)
     */
    public List<CallResult> place(List<CallRequest> requests) {
        for (CallRequest r : requests) {
            if (!PhoneNumbers.isGlobal(r.caller())) {
                throw new IllegalArgumentException("caller must be a global-format number like " + PhoneNumbers.EXAMPLE);
            }
            if (!PhoneNumbers.isGlobal(r.called())) {
                throw new IllegalArgumentException("called must be a global-format number like " + PhoneNumbers.EXAMPLE);
            }
            if (platform.ownerOf(r.called()) == null) {
                throw new IllegalArgumentException("called (" + Masking.mask(r.called())
                        + ") is not a privacy number of the simulator");
            }
        }
        List<CallResult> results = new ArrayList<>();
        Map<String, List<String>> cdrsByApp = new LinkedHashMap<>();
        for (CallRequest r : requests) {
            Call c = start(r);
            if (c.end != null) {
                cdrsByApp.computeIfAbsent(c.route.appKey(), k -> new ArrayList<>()).add(finish(c, 0));
                remember(c); // published only now that its result is complete
            }
            results.add(c.result);
        }
        boolean together = requests.size() > 1;
        cdrsByApp.forEach((app, cdrs) -> pushes.cdrs(app, cdrs, together));
        return results;
    }

    private Call start(CallRequest r) {
        Route route = platform.route(r.caller(), r.called());
        Instant t0 = clock.instant();
        String sessionId = "1200_" + Ids.next() + "_" + Long.toUnsignedString(Ids.next() * 2654435761L % 4294967296L) + "_"
                + Times.compact(t0) + "@" + hostName;
        boolean answered = route.routed() && r.answer();
        boolean alerted = route.routed() && (answered || (r.ringSeconds() > 0 && HangupCodes.rings(r.calleeOutcome())));
        Instant alerting = alerted ? t0.plusSeconds(Math.min(1, r.ringSeconds())) : null;
        Instant answer = answered ? t0.plusSeconds(r.ringSeconds()) : null;
        Call c = new Call(r, sessionId, route, t0, alerting, answer);
        String app = route.appKey();

        pushes.event(app, sessionId, event("callin", c, r.caller(), r.called(), t0), false);
        if (route.routed()) {
            pushes.event(app, sessionId, event("callout", c, route.displayNumber(), route.callee(), t0), true);
            if (alerting != null) {
                pushes.event(app, sessionId, event("alerting", c, route.displayNumber(), route.callee(), alerting), true);
            }
            if (answer != null) {
                pushes.event(app, sessionId, event("answer", c, route.displayNumber(), route.callee(), answer), true);
            }
        }
        LOG.info("call {}: {} -> {} routed {}{}", sessionId, Masking.mask(r.caller()), Masking.mask(r.called()), route.route(),
                route.routed() ? " to " + Masking.mask(route.callee()) : " (hang-up " + route.hangupCode() + ")");
        synchronized (calls) {
            if (answered && r.hold()) {
                c.result = new CallResult(sessionId, app, route.route(), CallResult.IN_PROGRESS, route.subscriptionId(),
                        route.callee(), route.displayNumber(), true, null, null, null);
                remember(c);
                return c;
            }
            if (answered) {
                c.end = answer.plusSeconds(r.talkSeconds());
            } else if (route.routed()) {
                c.end = alerting != null ? t0.plusSeconds(r.ringSeconds()) : t0;
            } else {
                c.end = t0;
            }
        }
        return c;
    }

    /**
     * Makes a call visible to {@link #snapshot()} and {@link #stop}; only calls whose {@code result} is set are
     * published, so a snapshot taken while calls are placed never sees a half-made one.
     */
    private void remember(Call c) {
        synchronized (calls) {
            calls.put(c.sessionId, c);
            if (calls.size() > MAX_CALLS) {
                // forget the oldest ended calls; held calls stay so that callStop still finds them
                calls.values().removeIf(old -> old.end != null && calls.size() > MAX_CALLS);
            }
        }
    }

    /** Pushes disconnect, builds the CDR (and the recording); returns the CDR JSON. */
    private String finish(Call c, int releaseCode) {
        Route route = c.route;
        boolean answered = c.answer != null;
        int code = !route.routed() ? route.hangupCode() : answered ? releaseCode : c.request.calleeOutcome();
        Recordings.Recording rec = null;
        if (answered && route.recordFlag() && Duration.between(c.answer, c.end).getSeconds() >= 3) {
            String name = Times.compact(c.answer) + "_" + Ids.hex(8) + ".wav";
            rec = new Recordings.Recording(route.appKey(), recordDomain, recordBucket, name, c.end, Duration.between(c.answer, c.end));
            recordings.add(rec);
        }
        String icid = Ids.hex(16) + "." + Ids.next();
        synchronized (calls) {
            c.result = new CallResult(c.sessionId, route.appKey(), route.route(), code, route.subscriptionId(), route.callee(),
                    route.displayNumber(), answered, icid, rec == null ? null : rec.domain(), rec == null ? null : rec.objectName());
        }
        ObjectNode disconnect = route.routed()
                ? eventNode("disconnect", c, route.displayNumber(), route.callee(), c.end, code)
                : eventNode("disconnect", c, c.request.caller(), c.request.called(), c.end, code);
        pushes.event(route.appKey(), c.sessionId, Json.text(disconnect), true);
        return Json.text(cdr(c, code, icid, rec));
    }

    private static String event(String type, Call c, String caller, String called, Instant at) {
        return Json.text(eventNode(type, c, caller, called, at, null));
    }

    private static ObjectNode eventNode(String type, Call c, String caller, String called, Instant at, Integer code) {
        ObjectNode root = Json.object();
        root.put("eventType", type);
        ObjectNode info = root.putObject("statusInfo");
        info.put("sessionId", c.sessionId);
        info.put("timestamp", Times.platform(at));
        info.put("caller", caller);
        info.put("called", called);
        if (code != null) {
            info.put("stateCode", code.intValue());
            info.put("stateDesc", HangupCodes.describe(code));
        }
        info.put("subscriptionId", c.route.subscriptionId());
        if (c.route.userData() != null) {
            info.put("userData", c.route.userData());
        }
        return root;
    }

    private ObjectNode cdr(Call c, int code, String icid, Recordings.Recording rec) {
        Route route = c.route;
        CallRequest r = c.request;
        boolean answered = c.answer != null;
        ObjectNode n = Json.object();
        n.put("direction", route.direction());
        n.put("spId", spId);
        n.put("appKey", route.appKey());
        n.put("icid", icid);
        n.put("bindNum", r.called());
        n.put("sessionId", c.sessionId);
        n.put("subscriptionId", route.subscriptionId());
        n.put("callerNum", r.caller());
        n.put("calleeNum", r.called());
        if (route.routed()) {
            n.put("fwdDisplayNum", route.displayNumber());
            n.put("fwdDstNum", route.callee());
        }
        n.put("callInTime", Times.platform(c.callIn));
        if (route.routed()) {
            n.put("fwdStartTime", Times.platform(c.callIn));
            if (c.alerting != null) {
                n.put("fwdAlertingTime", Times.platform(c.alerting));
            }
            if (answered) {
                n.put("fwdAnswerTime", Times.platform(c.answer));
            }
        }
        n.put("callEndTime", Times.platform(c.end));
        if (!answered) {
            n.put("failTime", Times.platform(c.end));
        }
        if (route.routed()) {
            n.put("fwdUnaswRsn", HangupCodes.q850(code));
        }
        n.put("ulFailReason", code);
        n.put("sipStatusCode", HangupCodes.sip(code));
        if (route.routed()) {
            n.put("callOutUnaswRsn", HangupCodes.q850(code));
        }
        n.put("recordFlag", rec == null ? 0 : 1);
        if (rec != null) {
            n.put("recordStartTime", Times.platform(c.answer));
            n.put("recordDomain", rec.domain());
            n.put("recordBucketName", rec.bucket());
            n.put("recordObjectName", rec.objectName());
        }
        n.put("ttsPlayTimes", 0);
        n.put("ttsTransDuration", 0);
        if (route.routed()) {
            n.put("mptyId", icid.substring(0, 16));
        }
        n.put("serviceType", "003");
        n.put("hostName", hostName);
        if (route.userData() != null) {
            n.put("userData", route.userData());
        }
        if (rec != null) {
            n.put("recordFileDownloadUrl", recordings.downloadUrl(baseUrl.get(), rec));
        }
        return n;
    }

    /**
     * The callStop API: ends a held call now (normal release, code 0).
     *
     * @param appKey the calling app
     * @param sessionId the call
     * @throws ApiException 1010002 when the call is unknown to this app or already ended
     */
    public void stop(String appKey, String sessionId) {
        Call c;
        synchronized (calls) {
            c = calls.get(sessionId);
            if (c == null || !c.route.appKey().equals(appKey)) {
                throw ApiException.invalid("sessionid does not name a call of this app");
            }
            if (c.end != null) {
                throw ApiException.invalid("the call has already ended");
            }
            Instant now = clock.instant();
            c.end = now.isBefore(c.answer) ? c.answer : now;
        }
        pushes.cdrs(appKey, List.of(finish(c, 0)), false);
        LOG.info("call {} stopped through callStop", sessionId);
    }

    /** @return every call since start or the last {@link #clear()} */
    public List<SimulatorState.Call> snapshot() {
        synchronized (calls) {
            List<SimulatorState.Call> out = new ArrayList<>();
            for (Call c : calls.values()) {
                // a stopped call counts as up until its final result is set, so the two always agree
                out.add(new SimulatorState.Call(c.result, c.request.caller(), c.request.called(),
                        c.result.hangupCode() == CallResult.IN_PROGRESS));
            }
            return out;
        }
    }

    /** Forgets every call; held calls end silently. */
    public void clear() {
        synchronized (calls) {
            calls.clear();
        }
    }
}
