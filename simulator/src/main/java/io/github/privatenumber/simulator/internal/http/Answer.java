package io.github.privatenumber.simulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.privatenumber.simulator.internal.ApiException;
import io.github.privatenumber.simulator.internal.Json;
import io.github.privatenumber.simulator.internal.ResultCodes;
import java.util.Map;

/**
 * An HTTP answer, built completely before anything is written (so that a fault can still drop it).
 *
 * @param status HTTP status
 * @param contentType Content-Type, {@code null} for none
 * @param headers extra headers
 * @param body the body, empty for none
 */
public record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {

    /** The platform's content type. */
    public static final String JSON = "application/json;charset=UTF-8";

    /**
     * @param status HTTP status
     * @param node JSON body
     * @return a JSON answer
     */
    public static Answer json(int status, JsonNode node) {
        return new Answer(status, JSON, Map.of(), Json.bytes(node));
    }

    /**
     * @param status HTTP status
     * @param code result code
     * @param desc description
     * @return {@code {"resultcode": code, "resultdesc": desc}}
     */
    public static Answer result(int status, String code, String desc) {
        return json(status, resultNode(code, desc));
    }

    /** @return 200 {@code {"resultcode":"0","resultdesc":"Success"}} */
    public static Answer success() {
        return result(200, ResultCodes.SUCCESS, "Success");
    }

    /**
     * @param e a refusal
     * @return its answer
     */
    public static Answer of(ApiException e) {
        return result(e.status(), e.resultCode(), e.description());
    }

    /**
     * @param code result code
     * @param desc description
     * @return a node with the two fields, to add more to
     */
    public static ObjectNode resultNode(String code, String desc) {
        ObjectNode n = Json.object();
        n.put("resultcode", code);
        n.put("resultdesc", desc);
        return n;
    }
}
