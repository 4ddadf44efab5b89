package io.github.privatenumber.simulator.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.simulator.ActiveFault;
import io.github.privatenumber.simulator.CallRequest;
import io.github.privatenumber.simulator.CallResult;
import io.github.privatenumber.simulator.Fault;
import io.github.privatenumber.simulator.FaultKind;
import io.github.privatenumber.simulator.Push;
import io.github.privatenumber.simulator.PushAttempt;
import io.github.privatenumber.simulator.SimulatorState;
import io.github.privatenumber.simulator.internal.ApiException;
import io.github.privatenumber.simulator.internal.Apps;
import io.github.privatenumber.simulator.internal.Engine;
import io.github.privatenumber.simulator.internal.Json;
import io.github.privatenumber.simulator.internal.PlatformClock;
import io.github.privatenumber.simulator.internal.audio.AlawWav;
import io.github.privatenumber.simulator.internal.calls.Recordings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The simulator's own admin API under {@code /simulator/} (not Huawei's; no signature needed). Errors are
 * {@code 400 {"error": "..."}}; phone numbers in answers are masked. See {@code Simulator} for the list.
 */
public final class AdminHandler {

    /** Prefix of every admin path. */
    public static final String PREFIX = "/simulator/";

    private final Engine engine;
    private final int maxBodyBytes;

    /**
     * @param engine the simulator
     * @param maxBodyBytes the request body limit, for messages
     */
    public AdminHandler(Engine engine, int maxBodyBytes) {
        this.engine = engine;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * @param path raw path
     * @return whether the admin API owns it
     */
    public static boolean isAdminPath(String path) {
        return path.startsWith(PREFIX) || path.equals("/simulator");
    }

    /**
     * @param r the request
     * @return the answer
     */
    public Answer handle(ApiRequest r) {
        try {
            String p = r.path();
            if (p.startsWith(ApiHandler.RECORDING_FILES) && r.method().equals("GET")) {
                return recordingFile(r);
            }
            switch (p) {
                case "/simulator/health":
                    return only(r, "GET", () -> {
                        ObjectNode n = Json.object();
                        n.put("status", "UP");
                        return Answer.json(200, n);
                    });
                case "/simulator/state":
                    return only(r, "GET", () -> Answer.json(200, state(engine.state())));
                case "/simulator/clock":
                    return clock(r);
                case "/simulator/faults":
                    return faults(r);
                case "/simulator/reset":
                    return only(r, "POST", () -> {
                        engine.reset();
                        return ok();
                    });
                case "/simulator/calls":
                    return only(r, "POST", () -> calls(body(r)));
                case "/simulator/push-urls":
                    return only(r, "POST", () -> pushUrls(body(r)));
                default:
                    return error(404, "no such admin endpoint");
            }
        } catch (AdminError e) {
            return error(e.status, e.getMessage());
        } catch (IllegalArgumentException | ApiException e) {
            return error(400, e.getMessage());
        }
    }

    /** An admin request refused with a status other than 400. */
    private static final class AdminError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        AdminError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private interface Action {
        Answer run();
    }

    private static Answer only(ApiRequest r, String method, Action a) {
        if (!r.method().equals(method)) {
            return new Answer(405, Answer.JSON, Map.of("Allow", method), error(405, "use " + method).body());
        }
        return a.run();
    }

    private static Answer ok() {
        ObjectNode n = Json.object();
        n.put("status", "ok");
        return Answer.json(200, n);
    }

    static Answer error(int status, String message) {
        ObjectNode n = Json.object();
        n.put("error", Masking.maskText(message));
        return Answer.json(status, n);
    }

    private JsonNode body(ApiRequest r) {
        if (r.body() == null) {
            throw new AdminError(413, "the body is larger than the admin API's limit of " + maxBodyBytes
                    + " bytes; send fewer items per request");
        }
        if (r.body().length == 0) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(r.body())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the body is not valid UTF-8");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
    }

    private Answer clock(ApiRequest r) {
        if (r.method().equals("GET")) {
            return Answer.json(200, clockNode());
        }
        return only(r, "POST", () -> {
            JsonNode n = body(r).get("advanceSeconds");
            long max = PlatformClock.MAX_ADVANCE.getSeconds();
            if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0 || n.longValue() > max) {
                throw new IllegalArgumentException("advanceSeconds must be an integer from 0 to " + max + " (ten years)");
            }
            engine.advanceClock(Duration.ofSeconds(n.longValue()));
            return Answer.json(200, clockNode());
        });
    }

    private ObjectNode clockNode() {
        ObjectNode out = Json.object();
        out.put("platformTime", engine.clock().instant().toString());
        out.put("offsetSeconds", engine.clock().offset().getSeconds());
        return out;
    }

    private Answer faults(ApiRequest r) {
        switch (r.method()) {
            case "GET":
                return Answer.json(200, faultList(engine.faults().list()));
            case "DELETE": {
                String id = QueryString.parse(r.rawQuery()).get("id");
                if (id == null) {
                    engine.faults().clear();
                    return ok();
                }
                return engine.faults().remove(id) ? ok() : error(404, "no fault with this id");
            }
            case "POST": {
                Fault f = fault(body(r));
                ObjectNode out = Json.object();
                out.put("id", engine.faults().add(f));
                return Answer.json(200, out);
            }
            default:
                return new Answer(405, Answer.JSON, Map.of("Allow", "DELETE, GET, POST"), error(405, "use GET, POST or DELETE").body());
        }
    }

    /** {"path":..., "method":..., "kind": latency|server_error|connection_reset|answer_lost, "latencyMs":..., "times": n|"unlimited"}. */
    static Fault fault(JsonNode b) {
        String path = text(b, "path", true);
        String method = text(b, "method", false);
        String kindText = text(b, "kind", true);
        FaultKind kind;
        try {
            kind = FaultKind.valueOf(kindText.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be latency, server_error, connection_reset or answer_lost");
        }
        Duration latency = Duration.ZERO;
        JsonNode ms = b.get("latencyMs");
        if (kind == FaultKind.LATENCY) {
            long max = Fault.MAX_LATENCY.toMillis();
            if (ms == null || !ms.isIntegralNumber() || !ms.canConvertToLong() || ms.longValue() <= 0 || ms.longValue() > max) {
                throw new IllegalArgumentException("latencyMs must be an integer from 1 to " + max + " for a latency fault");
            }
            latency = Duration.ofMillis(ms.longValue());
        }
        int times = 1;
        JsonNode t = b.get("times");
        if (t != null && !t.isNull()) {
            if (t.isTextual() && t.textValue().equalsIgnoreCase("unlimited")) {
                times = Fault.UNLIMITED;
            } else if (t.isIntegralNumber() && t.canConvertToInt() && (t.intValue() >= 1 || t.intValue() == Fault.UNLIMITED)) {
                times = t.intValue();
            } else {
                throw new IllegalArgumentException("times must be a positive integer, -1 or \"unlimited\"");
            }
        }
        return new Fault(path, method, kind, latency, times);
    }

    private static String text(JsonNode b, String name, boolean required) {
        JsonNode n = b.get(name);
        if (n == null || n.isNull()) {
            if (required) {
                throw new IllegalArgumentException(name + " is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return n.textValue();
    }

    private static ArrayNode faultList(List<ActiveFault> faults) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (ActiveFault f : faults) {
            ObjectNode o = a.addObject();
            o.put("id", f.id());
            o.put("path", f.fault().path());
            o.put("method", f.fault().method());
            o.put("kind", f.fault().kind().name().toLowerCase(Locale.ROOT));
            if (f.fault().kind() == FaultKind.LATENCY) {
                o.put("latencyMs", f.fault().latency().toMillis());
            }
            o.put("remaining", f.remaining());
            o.put("applied", f.applied());
        }
        return a;
    }

    private Answer calls(JsonNode b) {
        List<CallRequest> requests = new ArrayList<>();
        JsonNode list = b.get("calls");
        if (list != null) {
            if (!list.isArray() || list.isEmpty()) {
                throw new IllegalArgumentException("calls must be a non-empty array");
            }
            for (JsonNode c : list) {
                if (!c.isObject()) {
                    throw new IllegalArgumentException("each item of calls must be an object");
                }
                requests.add(callRequest(c));
            }
        } else {
            requests.add(callRequest(b));
        }
        List<CallResult> results = engine.placeCalls(requests);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("calls");
        for (CallResult c : results) {
            arr.add(callNode(c));
        }
        return Answer.json(200, out);
    }

    static CallRequest callRequest(JsonNode c) {
        String caller = text(c, "caller", true);
        String called = text(c, "called", true);
        CallRequest r = CallRequest.of(caller, called);
        JsonNode answer = c.get("answer");
        if (answer != null && !answer.isNull() && !answer.isBoolean()) {
            throw new IllegalArgumentException("answer must be a boolean");
        }
        int talk = intField(c, "talkSeconds", CallRequest.DEFAULT_TALK_SECONDS);
        int ring = intField(c, "ringSeconds", CallRequest.DEFAULT_RING_SECONDS);
        int outcome = intField(c, "calleeOutcome", CallRequest.DEFAULT_CALLEE_OUTCOME);
        JsonNode hold = c.get("hold");
        if (hold != null && !hold.isNull() && !hold.isBoolean()) {
            throw new IllegalArgumentException("hold must be a boolean");
        }
        return new CallRequest(caller, called, answer == null || answer.isNull() || answer.booleanValue(), talk, ring, outcome,
                hold != null && hold.booleanValue());
    }

    private static int intField(JsonNode c, String name, int dflt) {
        JsonNode n = c.get(name);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        return n.intValue();
    }

    private static ObjectNode callNode(CallResult c) {
        ObjectNode o = Json.object();
        o.put("sessionId", c.sessionId());
        o.put("appKey", c.appKey());
        o.put("route", c.route().name());
        if (c.hangupCode() == CallResult.IN_PROGRESS) {
            o.putNull("hangupCode");
            o.put("inProgress", true);
        } else {
            o.put("hangupCode", c.hangupCode());
        }
        o.put("subscriptionId", c.subscriptionId());
        o.put("answered", c.answered());
        o.put("callee", c.callee() == null ? null : Masking.mask(c.callee()));
        o.put("displayNumber", c.displayNumber() == null ? null : Masking.mask(c.displayNumber()));
        o.put("icid", c.icid());
        if (c.recordObjectName() != null) {
            o.put("recordDomain", c.recordDomain());
            o.put("recordObjectName", c.recordObjectName());
        }
        return o;
    }

    /** Changes only the URLs present in the body; an explicit {@code null} (or "") removes one. */
    private Answer pushUrls(JsonNode b) {
        String appKey = text(b, "appKey", false);
        boolean setEvent = b.has("eventUrl");
        boolean setFee = b.has("feeUrl");
        Apps.App app = engine.apps().updateUrls(appKey, setEvent, setEvent ? uri(text(b, "eventUrl", false)) : null,
                setFee, setFee ? uri(text(b, "feeUrl", false)) : null);
        ObjectNode out = Json.object();
        out.put("status", "ok");
        out.put("appKey", app.credentials().appKey());
        out.put("eventUrl", app.eventUrl() == null ? null : app.eventUrl().toString());
        out.put("feeUrl", app.feeUrl() == null ? null : app.feeUrl().toString());
        return Answer.json(200, out);
    }

    private static URI uri(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            URI u = new URI(s);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw new IllegalArgumentException("callback URLs must be http or https");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL");
        }
    }

    private Answer recordingFile(ApiRequest r) {
        String name = URLDecoder.decode(r.path().substring(ApiHandler.RECORDING_FILES.length()), StandardCharsets.UTF_8);
        QueryString.parse(r.rawQuery()); // refuses broken escapes and repeated names
        String raw = QueryString.raw(r.rawQuery(), "Signature");
        Recordings.Link link = null;
        String signature = null;
        if (raw != null) {
            // the issued form first; then the token a client gets by decoding the link ('+' kept as '+')
            for (String candidate : new String[] {QueryString.decode(raw), QueryString.decode(raw.replace("+", "%2B"))}) {
                link = engine.recordings().link(candidate);
                if (link != null) {
                    signature = candidate;
                    break;
                }
            }
        }
        if (link == null || !link.recording().objectName().equals(name)) {
            return new Answer(404, "text/plain;charset=UTF-8", Map.of(), "NoSuchKey".getBytes(StandardCharsets.UTF_8));
        }
        if (!URLEncoder.encode(signature, StandardCharsets.UTF_8).equals(raw)) {
            // like a storage service: the signature must come back exactly as it was issued, escapes and all
            return new Answer(403, "text/plain;charset=UTF-8", Map.of(), ("SignatureDoesNotMatch: use the Location exactly as"
                    + " it was sent; its percent-escapes are part of the signature").getBytes(StandardCharsets.UTF_8));
        }
        if (engine.clock().instant().isAfter(link.expiresAt()) || engine.recordings().isExpired(link.recording())) {
            return new Answer(403, "text/plain;charset=UTF-8", Map.of(), "Request has expired".getBytes(StandardCharsets.UTF_8));
        }
        // a 440 Hz tone as long as the talk time, clamped by AlawWav to at most 10 s
        byte[] wav = AlawWav.tone(link.recording().length(), 440);
        return new Answer(200, "audio/wav", Map.of("Content-Disposition", "attachment; filename=\"" + name + "\""), wav);
    }

    // ---------------------------------------------------------------- state as JSON, numbers masked

    private ObjectNode state(SimulatorState s) {
        ObjectNode root = Json.object();
        root.put("platformTime", s.platformTime().toString());
        root.put("platformClockOffsetSeconds", engine.clock().offset().getSeconds());
        ArrayNode apps = root.putArray("apps");
        for (Apps.App a : engine.apps().all()) {
            ObjectNode o = apps.addObject();
            o.put("appKey", a.credentials().appKey());
            o.put("eventUrl", a.eventUrl() == null ? null : a.eventUrl().toString());
            o.put("feeUrl", a.feeUrl() == null ? null : a.feeUrl().toString());
            ObjectNode free = o.putObject("freeNumbersByArea");
            engine.freeNumbers(a.credentials().appKey()).forEach(free::put);
        }
        ArrayNode bindings = root.putArray("bindings");
        for (SimulatorState.Binding b : s.bindings()) {
            ObjectNode o = bindings.addObject();
            o.put("subscriptionId", b.subscriptionId());
            o.put("appKey", b.appKey());
            o.put("numA", Masking.mask(b.numA()));
            o.put("numX", Masking.mask(b.numX()));
            o.put("areaCode", b.areaCode());
            o.put("callDirection", b.callDirection());
            o.put("duration", b.duration());
            o.put("ybDuration", b.ybDuration());
            o.put("recordFlag", b.recordFlag());
            o.put("hasUserData", b.userData() != null);
            o.put("subscribeTime", b.subscribeTime().toString());
            o.put("expiresAt", instant(b.expiresAt()));
            ArrayNode ybs = o.putArray("ybBindings");
            for (SimulatorState.YbBinding y : b.ybBindings()) {
                ObjectNode yo = ybs.addObject();
                yo.put("bindId", y.bindId());
                yo.put("numY", Masking.mask(y.numY()));
                yo.put("numB", Masking.mask(y.numB()));
                yo.put("ybDuration", y.ybDuration());
                yo.put("boundAt", y.boundAt().toString());
                yo.put("expiresAt", instant(y.expiresAt()));
                yo.put("automatic", y.automatic());
            }
        }
        ArrayNode calls = root.putArray("calls");
        for (SimulatorState.Call c : s.calls()) {
            ObjectNode o = callNode(c.result());
            o.put("caller", Masking.mask(c.caller()));
            o.put("called", Masking.mask(c.called()));
            o.put("inProgress", c.inProgress());
            calls.add(o);
        }
        ArrayNode pushes = root.putArray("pushes");
        for (Push p : s.pushes()) {
            ObjectNode o = pushes.addObject();
            o.put("id", p.id());
            o.put("appKey", p.appKey());
            o.put("kind", p.kind());
            o.put("url", p.url() == null ? null : p.url().toString());
            o.put("state", p.state());
            o.put("body", Masking.maskText(p.body()));
            ArrayNode at = o.putArray("attempts");
            for (PushAttempt a : p.attempts()) {
                ObjectNode ao = at.addObject();
                ao.put("at", a.at().toString());
                ao.put("httpStatus", a.httpStatus());
                ao.put("error", a.error());
            }
        }
        root.set("faults", faultList(s.faults()));
        return root;
    }

    private static String instant(Instant i) {
        return i == null ? null : i.toString();
    }
}
