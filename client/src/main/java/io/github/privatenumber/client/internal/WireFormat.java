package io.github.privatenumber.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.core.binding.YbBindRequest;
import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.number.PhoneNumber;
import io.github.privatenumber.core.recording.RecordingReference;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes the platform's requests (SPEC §4–8): paths, query parameters percent-encoded by {@link QueryString},
 * {@code app_key} where the API takes it, and UTF-8 JSON bodies with absent optional fields left out. Holds this
 * client's own {@link ObjectMapper}, shared with {@link Answers}. Immutable and thread-safe.
 */
public final class WireFormat {

    private final Endpoint endpoint;
    private final String appKey;
    private final ObjectMapper mapper;

    /**
     * @param endpoint the platform's base URL
     * @param appKey the app key sent as {@code app_key}
     */
    public WireFormat(Endpoint endpoint, String appKey) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.appKey = Objects.requireNonNull(appKey, "appKey");
        this.mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /**
     * @return the mapper this client reads and writes JSON with; never handed to users
     */
    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * {@code POST /rest/omp/xyrelationnumber/v1.0?app_key=…} with the AX body: {@code origNum} and every optional
     * field that is set, {@code recordFlag} always.
     *
     * @param r the request
     * @return the wire request
     */
    public WireRequest bindAx(AxBindRequest r) {
        ObjectNode body = mapper.createObjectNode();
        body.put("origNum", r.origNum().value());
        r.areaCode().ifPresent(a -> body.put("areaCode", a.value()));
        r.areaMatchMode().ifPresent(m -> body.put("areaMatchMode", m.wireValue()));
        r.callDirection().ifPresent(d -> body.put("callDirection", d.wireValue()));
        r.duration().ifPresent(d -> body.put("duration", d.wireValue()));
        r.ybDuration().ifPresent(d -> body.put("ybDuration", d.wireValue()));
        body.put("recordFlag", r.recordFlag());
        r.recordHintTone().ifPresent(v -> body.put("recordHintTone", v.fileName()));
        r.preVoiceX().ifPresent(v -> body.put("preVoiceX", v.fileName()));
        r.userData().ifPresent(u -> body.put("userData", u.value()));
        return new WireRequest(Operation.BIND_AX, withAppKey(Operation.BIND_AX, new QueryString()), json(body));
    }

    /**
     * {@code POST /rest/omp/xyrelationnumber/v1.0?app_key=…} with the YB body: {@code origNum},
     * {@code subscriptionId} and every optional field that is set.
     *
     * @param r the request
     * @return the wire request
     */
    public WireRequest bindYb(YbBindRequest r) {
        ObjectNode body = mapper.createObjectNode();
        body.put("origNum", r.origNum().value());
        body.put("subscriptionId", r.subscriptionId().value());
        r.areaCode().ifPresent(a -> body.put("areaCode", a.value()));
        r.areaMatchMode().ifPresent(m -> body.put("areaMatchMode", m.wireValue()));
        r.preVoiceY().ifPresent(v -> body.put("preVoiceY", v.fileName()));
        r.ybDuration().ifPresent(d -> body.put("ybDuration", d.wireValue()));
        return new WireRequest(Operation.BIND_YB, withAppKey(Operation.BIND_YB, new QueryString()), json(body));
    }

    /**
     * {@code DELETE …?subscriptionId=…[&yNum=…|&bNum=…]&app_key=…}, no body. The subscription id is never empty
     * ({@link SubscriptionId} guarantees it), so the request can never widen into "everything on X".
     *
     * @param id the binding
     * @param yNum the Y of the one YB binding to remove, or {@code null}
     * @param bNum the B of the one YB binding to remove, or {@code null}; ignored when {@code yNum} is given
     * @return the wire request
     */
    public WireRequest unbind(SubscriptionId id, PhoneNumber yNum, PhoneNumber bNum) {
        Objects.requireNonNull(id, "subscriptionId");
        QueryString q = new QueryString().add("subscriptionId", id.value());
        Operation op = Operation.UNBIND;
        if (yNum != null) {
            q.add("yNum", yNum.value());
            op = Operation.UNBIND_Y;
        } else if (bNum != null) {
            q.add("bNum", bNum.value());
            op = Operation.UNBIND_B;
        }
        return new WireRequest(op, withAppKey(op, q), new byte[0]);
    }

    /**
     * {@code GET …?subscriptionId=…&app_key=…}.
     *
     * @param id the binding
     * @return the wire request
     */
    public WireRequest query(SubscriptionId id) {
        QueryString q = new QueryString().add("subscriptionId", id.value());
        return new WireRequest(Operation.QUERY, withAppKey(Operation.QUERY, q), new byte[0]);
    }

    /**
     * {@code GET …?relationNum=…&app_key=…}.
     *
     * @param x the privacy number X
     * @return the wire request
     */
    public WireRequest queryByX(PhoneNumber x) {
        QueryString q = new QueryString().add("relationNum", x.value());
        return new WireRequest(Operation.QUERY_BY_X, withAppKey(Operation.QUERY_BY_X, q), new byte[0]);
    }

    /**
     * {@code GET /rest/provision/voice/record/v1.0?recordDomain=…&fileName=…}: no {@code app_key} (the app is the
     * signature's {@code Username}).
     *
     * @param ref the recording
     * @return the wire request
     */
    public WireRequest downloadUrl(RecordingReference ref) {
        QueryString q = new QueryString().add("recordDomain", ref.recordDomain()).add("fileName", ref.fileName());
        return new WireRequest(Operation.DOWNLOAD_URL, endpoint.resolve(Operation.DOWNLOAD_URL.path(), q.toString()),
                new byte[0]);
    }

    /**
     * {@code POST /rest/httpsessions/callStop/v2.0?app_key=…} with {@code {"sessionid":"…","signal":"call_stop"}}.
     *
     * @param sessionId the call
     * @return the wire request
     */
    public WireRequest stopCall(SessionId sessionId) {
        ObjectNode body = mapper.createObjectNode();
        body.put("sessionid", sessionId.value());
        body.put("signal", "call_stop");
        return new WireRequest(Operation.STOP_CALL, withAppKey(Operation.STOP_CALL, new QueryString()), json(body));
    }

    private java.net.URI withAppKey(Operation op, QueryString q) {
        q.add("app_key", appKey);
        return endpoint.resolve(op.path(), q.toString());
    }

    private byte[] json(ObjectNode node) {
        try {
            // written as text, then encoded: every character, supplementary ones included, goes out as plain UTF-8
            // (Jackson's byte writer would escape a surrogate pair as two escaped UTF-16 units)
            return mapper.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            // a tree of strings, ints and booleans always serialises
            throw new IllegalStateException("cannot write a request body", e);
        }
    }
}
