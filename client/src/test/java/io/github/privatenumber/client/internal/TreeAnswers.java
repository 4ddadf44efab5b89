package io.github.privatenumber.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.privatenumber.client.UnreadableAnswerException;
import io.github.privatenumber.client.spi.TransportResponse;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.PlatformTime;
import io.github.privatenumber.core.binding.BindDuration;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.CallDirection;
import io.github.privatenumber.core.binding.Relation;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.core.number.PhoneNumber;
import io.github.privatenumber.core.recording.RecordingUrl;
import io.github.privatenumber.core.result.ResultCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The tree-based answer reader the client used before {@link Answers} read answers as a stream of tokens: kept here
 * as the reference model of the differential test ({@code AnswersDifferentialTest}), which checks that both give the
 * same value or the same failure for every answer.
 *
 * <p>Former description: Reads the platform's answers (SPEC §4–9). Each answer body is taken once and decoded as
 * strict UTF-8; unknown JSON fields are ignored.
 */
final class TreeAnswers {

    private final ObjectMapper mapper;

    /**
     * @param wire the wire format whose mapper to share
     */
    TreeAnswers(WireFormat wire) {
        this.mapper = Objects.requireNonNull(wire, "wire").mapper();
    }

    /**
     * @param r an answer to a bind step
     * @return the subscription id and the allocated number
     * @throws PlatformException for a result code other than {@code "0"}
     * @throws UnreadableAnswerException if the answer cannot be read
     */
    public BindResult bindResult(TransportResponse r) {
        JsonNode n = success(r);
        String id = text(n, "subscriptionId");
        String number = text(n, "relationNumber");
        if (id == null || id.isEmpty()) {
            throw unreadable(r, "the bind answer has no subscriptionId", null);
        }
        if (number == null || number.isEmpty()) {
            throw unreadable(r, "the bind answer has no relationNumber", null);
        }
        SubscriptionId subscriptionId;
        try {
            subscriptionId = SubscriptionId.of(id);
        } catch (InvalidValueException e) {
            throw unreadable(r, "the bind answer's subscriptionId is not valid: " + e.getMessage(), null);
        }
        PhoneNumber relationNumber = PhoneNumber.tryParse(number)
                .orElseThrow(() -> unreadable(r, "the bind answer's relationNumber is not a phone number", null));
        return BindResult.of(subscriptionId, relationNumber);
    }

    /**
     * @param r an answer that carries nothing but the result (unbind, stop call)
     * @throws PlatformException for a result code other than {@code "0"}
     * @throws UnreadableAnswerException if the answer cannot be read
     */
    public void empty(TransportResponse r) {
        success(r);
    }

    /**
     * @param r an answer to a query
     * @param queried the subscription asked for, filled into relations that do not name theirs; {@code null} for a
     *     query by X
     * @return the relations, in the platform's order
     * @throws PlatformException for a result code other than {@code "0"}
     * @throws UnreadableAnswerException if the answer cannot be read
     */
    public List<Relation> relations(TransportResponse r, SubscriptionId queried) {
        JsonNode n = success(r);
        JsonNode list = n.get("xyRelationNumList");
        if (list == null || list.isNull()) {
            throw unreadable(r, "the query answer has no xyRelationNumList", null);
        }
        if (!list.isArray()) {
            throw unreadable(r, "the query answer's xyRelationNumList is not a list", null);
        }
        List<Relation> out = new ArrayList<>(list.size());
        int i = 0;
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw unreadable(r, "xyRelationNumList[" + i + "] is not an object", null);
            }
            out.add(relation(r, item, i, queried));
            i++;
        }
        return Collections.unmodifiableList(out);
    }

    private Relation relation(TransportResponse r, JsonNode o, int index, SubscriptionId queried) {
        String where = "xyRelationNumList[" + index + "].";
        Relation.Builder b = Relation.builder()
                .bindId(text(o, "bindId"))
                .numA(requiredNumber(r, o, "numA", where))
                .numX(requiredNumber(r, o, "numX", where))
                .numY(optionalNumber(r, o, "numY", where))
                .numB(optionalNumber(r, o, "numB", where))
                .recordFlag(bool(o, "recordFlag"))
                .recordHintTone(text(o, "recordHintTone"))
                .subscribeTime(PlatformTime.tryParse(text(o, "subscribeTime")).orElse(null))
                .callDirection(callDirection(r, o, where))
                .duration(duration(o, "duration"))
                .ybDuration(duration(o, "ybDuration"))
                .preVoiceX(text(o, "preVoiceX"))
                .preVoiceY(text(o, "preVoiceY"))
                .userData(text(o, "userData"));
        String sid = text(o, "subscriptionId");
        if (sid != null && !sid.isEmpty()) {
            try {
                b.subscriptionId(SubscriptionId.of(sid));
            } catch (InvalidValueException e) {
                throw unreadable(r, where + "subscriptionId is not valid", null);
            }
        } else {
            b.subscriptionId(queried);
        }
        return b.build();
    }

    /**
     * @param r an answer to a recording download URL request: success is a redirect (SPEC §7)
     * @return the {@code Location}, exactly as sent; never followed
     * @throws PlatformException for a JSON answer with a result code other than {@code "0"}
     * @throws UnreadableAnswerException for a redirect without {@code Location}, or anything else unreadable
     */
    public RecordingUrl recordingUrl(TransportResponse r) {
        int status = r.statusCode();
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            String location = r.firstHeader("Location").orElse(null);
            if (location == null || location.isBlank()) {
                throw unreadable(r, "the recording answer is a redirect without Location", null);
            }
            try {
                return RecordingUrl.of(location);
            } catch (InvalidValueException e) {
                throw unreadable(r, "the recording answer's Location is not usable: " + e.getMessage(), null);
            }
        }
        success(r);
        throw unreadable(r, "the recording answer reports success but is no redirect", null);
    }

    /** Returns the JSON of a success; throws the platform's refusal or an unreadable-answer failure. */
    private JsonNode success(TransportResponse r) {
        JsonNode n = parse(r);
        JsonNode codeNode = n.get("resultcode");
        if (codeNode == null || codeNode.isNull() || !codeNode.isValueNode() || codeNode.asText().isEmpty()) {
            throw unreadable(r, "the answer has no resultcode", null);
        }
        ResultCode code;
        try {
            code = ResultCode.of(codeNode.asText());
        } catch (InvalidValueException e) {
            throw unreadable(r, "the answer's resultcode is not valid", null);
        }
        int status = r.statusCode();
        if (!code.isSuccess()) {
            throw new PlatformException(status, code, text(n, "resultdesc"));
        }
        if (status < 200 || status > 299) {
            throw unreadable(r, "the answer says resultcode 0 but has HTTP status " + status, null);
        }
        return n;
    }

    private JsonNode parse(TransportResponse r) {
        byte[] body = r.body();
        if (body.length == 0) {
            throw unreadable(r, "the answer has no body", null);
        }
        // The JDK's own decoding (intrinsified) replaces every malformed sequence with U+FFFD: none in its result
        // means strict UTF-8. Only an answer that has one goes through the reporting decoder.
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(body))
                        .toString();
            } catch (CharacterCodingException e) {
                throw unreadable(r, "the answer is not valid UTF-8", null);
            }
        }
        JsonNode n;
        try {
            // an ASCII answer (one character per byte) is read by Jackson's byte parser, faster than its text parser
            n = text.length() == body.length ? mapper.readTree(body) : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            // the parser's message may quote the body, which may hold numbers: keep only the position
            throw unreadable(r, "the answer is not JSON (" + location(e) + ")", null);
        } catch (java.io.IOException e) {
            // reading from memory: only Jackson's own exceptions are expected
            throw unreadable(r, "the answer is not JSON", null);
        }
        if (n == null || !n.isObject()) {
            throw unreadable(r, "the answer is not a JSON object", null);
        }
        return n;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "unreadable" : "error at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
    }

    private PhoneNumber requiredNumber(TransportResponse r, JsonNode o, String field, String where) {
        PhoneNumber n = optionalNumber(r, o, field, where);
        if (n == null) {
            throw unreadable(r, where + field + " is missing", null);
        }
        return n;
    }

    /** A number field; absent, null or empty means "not bound" (numY and numB before the YB step). */
    private PhoneNumber optionalNumber(TransportResponse r, JsonNode o, String field, String where) {
        String v = text(o, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        return PhoneNumber.tryParse(v).orElseThrow(() -> unreadable(r, where + field + " is not a phone number", null));
    }

    private CallDirection callDirection(TransportResponse r, JsonNode o, String where) {
        JsonNode v = o.get("callDirection");
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
            return null;
        }
        int wire;
        if (v.isIntegralNumber()) {
            wire = v.asInt();
        } else if (v.isTextual() && digits(v.asText(), 2)) {
            wire = Integer.parseInt(v.asText());
        } else {
            throw unreadable(r, where + "callDirection is not a number", null);
        }
        try {
            return CallDirection.fromWire(wire);
        } catch (InvalidValueException e) {
            throw unreadable(r, where + "callDirection must be 0, 1 or 2, got " + wire, null);
        }
    }

    /** duration and ybDuration arrive as strings of seconds; unreadable values are reported as absent. */
    private static BindDuration duration(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText().trim();
        if (!digits(s, 10)) {
            return null;
        }
        try {
            return BindDuration.ofSeconds(field, Long.parseLong(s));
        } catch (InvalidValueException e) {
            return null;
        }
    }

    /** 1 to {@code max} ASCII digits (a precompiled check; {@code String.matches} compiles a pattern per call). */
    private static boolean digits(String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean bool(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        String s = v.asText().trim();
        return s.equalsIgnoreCase("true") || s.equals("1");
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            return null;
        }
        return v.asText();
    }

    private static UnreadableAnswerException unreadable(TransportResponse r, String problem, Throwable cause) {
        String type = r.firstHeader("Content-Type").map(TreeAnswers::printable).orElse("no content type");
        return new UnreadableAnswerException("unreadable answer (HTTP " + r.statusCode() + ", " + type + ", "
                + r.body().length + " bytes): " + problem, r.statusCode(), cause);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 64));
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }
}
