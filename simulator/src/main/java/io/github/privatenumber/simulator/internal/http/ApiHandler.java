package io.github.privatenumber.simulator.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.simulator.internal.ApiException;
import io.github.privatenumber.simulator.internal.ResultCodes;
import io.github.privatenumber.simulator.internal.calls.CallEngine;
import io.github.privatenumber.simulator.internal.calls.Recordings;
import io.github.privatenumber.simulator.internal.state.AxParams;
import io.github.privatenumber.simulator.internal.state.Platform;
import io.github.privatenumber.simulator.internal.state.RelationItem;
import io.github.privatenumber.simulator.internal.state.YbParams;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The platform's own API (SPEC sections 4–8). Thread-safe and stateless apart from what it delegates to. */
public final class ApiHandler {

    /** Bind, unbind, query. */
    public static final String BINDING_PATH = "/rest/omp/xyrelationnumber/v1.0";
    /** Recording download URL. */
    public static final String RECORDING_PATH = "/rest/provision/voice/record/v1.0";
    /** Stop a call. */
    public static final String CALL_STOP_PATH = "/rest/httpsessions/callStop/v2.0";
    /** Where the simulator serves recording files. */
    public static final String RECORDING_FILES = Recordings.FILES_PATH;

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final Map<String, Set<String>> METHODS = Map.of(
            BINDING_PATH, Set.of("POST", "DELETE", "GET"),
            RECORDING_PATH, Set.of("GET"),
            CALL_STOP_PATH, Set.of("POST"));

    private final AuthCheck auth;
    private final Platform platform;
    private final CallEngine calls;
    private final Recordings recordings;
    private final Supplier<String> baseUrl;

    /**
     * @param auth authentication
     * @param platform the bindings
     * @param calls the calls (callStop)
     * @param recordings the recordings
     * @param baseUrl the simulator's base URL, for recording links
     */
    public ApiHandler(AuthCheck auth, Platform platform, CallEngine calls, Recordings recordings, Supplier<String> baseUrl) {
        this.auth = auth;
        this.platform = platform;
        this.calls = calls;
        this.recordings = recordings;
        this.baseUrl = baseUrl;
    }

    /**
     * @param path a raw path
     * @return whether it is one of the platform API's paths
     */
    public static boolean isApiPath(String path) {
        return METHODS.containsKey(path);
    }

    /**
     * @param r the request
     * @return the answer; never throws for a bad request
     */
    public Answer handle(ApiRequest r) {
        Set<String> allowed = METHODS.get(r.path());
        if (allowed == null) {
            return Answer.result(404, ResultCodes.INVALID_REQUEST, "no such API: " + Masking.maskText(r.path()));
        }
        if (!allowed.contains(r.method())) {
            String allow = String.join(", ", allowed.stream().sorted().toList());
            return new Answer(405, Answer.JSON, Map.of("Allow", allow), Answer.json(405, Answer.resultNode(
                    ResultCodes.INVALID_REQUEST, "method " + r.method() + " is not allowed here; use " + allow)).body());
        }
        try {
            Map<String, String> query = QueryString.parse(r.rawQuery());
            AuthCheck.singleHeaders(r::values);
            switch (r.path()) {
                case RECORDING_PATH:
                    return recordingUrl(r, query);
                case CALL_STOP_PATH:
                    return callStop(r, query);
                default:
                    String app = auth.check(r.headers(), query.get("app_key"), true);
                    switch (r.method()) {
                        case "POST":
                            return bind(app, BodyFields.parse(r));
                        case "DELETE":
                            return unbind(app, query);
                        default:
                            return query(app, query);
                    }
            }
        } catch (ApiException e) {
            LOG.debug("{} {} refused: {} {}", r.method(), r.path(), e.resultCode(), e.description());
            return Answer.of(e);
        }
    }

    private Answer bind(String app, BodyFields f) {
        if (f.has("subscriptionId")) {
            String subscriptionId = f.requiredString("subscriptionId", 1, 128);
            String numB = f.number("origNum");
            String area = f.areaCode("areaCode");
            boolean loose = f.loose("areaMatchMode");
            String preVoiceY = f.fileName("preVoiceY");
            Long ybDuration = f.duration("ybDuration");
            String y = platform.bindYb(app, new YbParams(subscriptionId, numB, area, loose, preVoiceY, ybDuration));
            LOG.debug("bound YB {} on {}: B={} Y={}", app, subscriptionId, Masking.mask(numB), Masking.mask(y));
            return bound(subscriptionId, y);
        }
        String numA = f.number("origNum");
        String area = f.areaCode("areaCode");
        boolean loose = f.loose("areaMatchMode");
        Long direction = f.integer("callDirection", 0, 2);
        Long duration = f.duration("duration");
        Long ybDuration = f.duration("ybDuration");
        Boolean recordFlag = f.bool("recordFlag");
        String hint = f.fileName("recordHintTone");
        String preVoiceX = f.fileName("preVoiceX");
        String preVoiceY = f.fileName("preVoiceY");
        String userData = f.string("userData", 0, 256);
        long d = duration == null ? 7200 : duration;
        long yb = ybDuration == null ? 0 : ybDuration;
        if (d != 0 && yb > d) {
            yb = d;
        }
        String[] result = platform.bindAx(app, new AxParams(numA, area, loose, direction == null ? 0 : direction.intValue(),
                d, yb, recordFlag != null && recordFlag, hint, preVoiceX, preVoiceY, userData));
        LOG.debug("bound AX {}: A={} X={} subscriptionId={}", app, Masking.mask(numA), Masking.mask(result[1]), result[0]);
        return bound(result[0], result[1]);
    }

    private static Answer bound(String subscriptionId, String relationNumber) {
        ObjectNode n = Answer.resultNode(ResultCodes.SUCCESS, "Success");
        n.put("subscriptionId", subscriptionId);
        n.put("relationNumber", relationNumber);
        return Answer.json(200, n);
    }

    private Answer unbind(String app, Map<String, String> q) {
        String subscriptionId = q.get("subscriptionId");
        if (subscriptionId == null || subscriptionId.isEmpty()) {
            throw ApiException.invalid("subscriptionId is required");
        }
        String yNum = q.get("yNum");
        String bNum = q.get("bNum");
        if ("".equals(yNum) || "".equals(bNum)) {
            throw ApiException.invalid("yNum and bNum must not be empty when given");
        }
        platform.unbind(app, subscriptionId, yNum, bNum);
        LOG.debug("unbound {} {}{}", app, subscriptionId, yNum != null ? " (one YB by yNum)" : bNum != null ? " (one YB by bNum)" : "");
        return Answer.success();
    }

    private Answer query(String app, Map<String, String> q) {
        String subscriptionId = emptyToNull(q.get("subscriptionId"));
        String relationNum = emptyToNull(q.get("relationNum"));
        if (subscriptionId == null && relationNum == null) {
            throw ApiException.invalid("subscriptionId or relationNum is required");
        }
        List<RelationItem> items = platform.query(app, subscriptionId, relationNum);
        ObjectNode n = Answer.resultNode(ResultCodes.SUCCESS, "Success");
        ArrayNode list = n.putArray("xyRelationNumList");
        for (RelationItem i : items) {
            ObjectNode o = list.addObject();
            o.put("bindId", i.bindId());
            o.put("subscriptionId", i.subscriptionId());
            o.put("numA", i.numA());
            o.put("numX", i.numX());
            o.put("numY", i.numY());
            o.put("numB", i.numB());
            o.put("recordFlag", Boolean.toString(i.recordFlag()));
            putIfSet(o, "recordHintTone", i.recordHintTone());
            o.put("subscribeTime", i.subscribeTime());
            o.put("callDirection", i.callDirection());
            o.put("duration", i.duration());
            o.put("ybDuration", i.ybDuration());
            putIfSet(o, "preVoiceX", i.preVoiceX());
            putIfSet(o, "preVoiceY", i.preVoiceY());
            putIfSet(o, "userData", i.userData());
        }
        return Answer.json(200, n);
    }

    private static void putIfSet(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private Answer recordingUrl(ApiRequest r, Map<String, String> q) {
        String app = auth.check(r.headers(), null, false);
        String domain = emptyToNull(q.get("recordDomain"));
        String fileName = emptyToNull(q.get("fileName"));
        if (domain == null) {
            throw ApiException.invalid("recordDomain is required");
        }
        if (fileName == null) {
            throw ApiException.invalid("fileName is required");
        }
        Recordings.Recording rec = recordings.find(app, domain, fileName);
        if (rec == null) {
            throw new ApiException(403, ResultCodes.NO_RECORDING, "the recording does not exist (unknown, or older than 7 days)");
        }
        return new Answer(301, null, Map.of("Location", recordings.downloadUrl(baseUrl.get(), rec)), new byte[0]);
    }

    private Answer callStop(ApiRequest r, Map<String, String> q) {
        String app = auth.check(r.headers(), q.get("app_key"), true);
        BodyFields f = BodyFields.parse(r);
        String sessionId = f.requiredString("sessionid", 1, 256);
        String signal = f.requiredString("signal", 1, 64);
        if (!CallEngine.CALL_STOP.equals(signal)) {
            throw ApiException.invalid("signal must be \"call_stop\"");
        }
        calls.stop(app, sessionId);
        return Answer.success();
    }
}
