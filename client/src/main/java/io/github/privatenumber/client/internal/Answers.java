package io.github.privatenumber.client.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
 * Reads the platform's answers (SPEC §4–9). Each answer body is taken once and decoded as strict UTF-8; unknown JSON
 * fields are ignored. Outcomes:
 * <ul>
 *   <li>{@code resultcode} {@code "0"} on a 2xx status: the domain value;</li>
 *   <li>any other {@code resultcode}: {@link PlatformException} with the HTTP status, the code and the masked
 *       description;</li>
 *   <li>anything unreadable (not UTF-8, not a JSON object, no {@code resultcode}, {@code "0"} on a non-2xx status, a
 *       success without its fields): {@link UnreadableAnswerException}.</li>
 * </ul>
 * Immutable and thread-safe.
 *
 * <p>Answers are read as a stream of tokens straight into the fields this class looks at, without building a tree
 * (the tree cost more CPU than the rest of the SDK's work on a call): the whole document is still parsed, so broken
 * JSON anywhere is still unreadable. Each value reads as Jackson's tree would show it ({@code JsonNode.asText()}:
 * numbers in their canonical form, booleans as {@code true}/{@code false}); of a duplicated key the last value
 * counts, as in the tree; content after the answer's object is ignored, as by {@code ObjectMapper.readTree}.
 */
public final class Answers {

    // how a member arrived; ABSENT until seen
    private static final byte ABSENT = 0;
    private static final byte NULL = 1;
    private static final byte TEXT = 2;
    private static final byte INTEGRAL = 3;
    private static final byte FLOAT = 4;
    private static final byte BOOLEAN = 5;
    private static final byte CONTAINER = 6;

    // the members of the answer object that are read
    private static final int RESULTCODE = 0;
    private static final int RESULTDESC = 1;
    private static final int SUBSCRIPTION_ID = 2;
    private static final int RELATION_NUMBER = 3;
    private static final int RELATION_LIST = 4;
    private static final int TOP_FIELDS = 5;

    // the members of one xyRelationNumList item that are read
    private static final int BIND_ID = 0;
    private static final int NUM_A = 1;
    private static final int NUM_X = 2;
    private static final int NUM_Y = 3;
    private static final int NUM_B = 4;
    private static final int RECORD_FLAG = 5;
    private static final int RECORD_HINT_TONE = 6;
    private static final int SUBSCRIBE_TIME = 7;
    private static final int CALL_DIRECTION = 8;
    private static final int DURATION = 9;
    private static final int YB_DURATION = 10;
    private static final int PRE_VOICE_X = 11;
    private static final int PRE_VOICE_Y = 12;
    private static final int USER_DATA = 13;
    private static final int ITEM_SUBSCRIPTION_ID = 14;
    private static final int ITEM_FIELDS = 15;

    private final JsonFactory factory;

    /**
     * @param wire the wire format whose JSON settings to share
     */
    public Answers(WireFormat wire) {
        this.factory = Objects.requireNonNull(wire, "wire").mapper().getFactory();
    }

    /** The members of one JSON object that are read: how each arrived, and its text as the tree would show it. */
    private static final class Members {
        final byte[] kind;
        final String[] text;

        Members(int size) {
            kind = new byte[size];
            text = new String[size];
        }

        /** {@code JsonNode.asText()} of a scalar; {@code ""} for a container, as the tree's {@code asText()}. */
        String asText(int field) {
            return kind[field] == CONTAINER ? "" : text[field];
        }

        boolean isNull(int field) {
            return kind[field] == ABSENT || kind[field] == NULL;
        }

        /** Like {@code text(...)} before: {@code null} when absent, JSON {@code null} or not a scalar. */
        String scalar(int field) {
            byte k = kind[field];
            return k == ABSENT || k == NULL || k == CONTAINER ? null : text[field];
        }
    }

    /** A parsed answer: its members, and the items of {@code xyRelationNumList} ({@code null} for a non-object). */
    private static final class Answer {
        final Members top = new Members(TOP_FIELDS);
        List<Members> items;
    }

    /**
     * @param r an answer to a bind step
     * @return the subscription id and the allocated number
     * @throws PlatformException for a result code other than {@code "0"}
     * @throws UnreadableAnswerException if the answer cannot be read
     */
    public BindResult bindResult(TransportResponse r) {
        Members n = success(r).top;
        String id = n.scalar(SUBSCRIPTION_ID);
        String number = n.scalar(RELATION_NUMBER);
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
        Answer a = success(r);
        if (a.top.isNull(RELATION_LIST)) {
            throw unreadable(r, "the query answer has no xyRelationNumList", null);
        }
        if (a.items == null) {
            throw unreadable(r, "the query answer's xyRelationNumList is not a list", null);
        }
        List<Relation> out = new ArrayList<>(a.items.size());
        for (int i = 0; i < a.items.size(); i++) {
            Members item = a.items.get(i);
            if (item == null) {
                throw unreadable(r, "xyRelationNumList[" + i + "] is not an object", null);
            }
            out.add(relation(r, item, i, queried));
        }
        return Collections.unmodifiableList(out);
    }

    private Relation relation(TransportResponse r, Members o, int index, SubscriptionId queried) {
        String where = "xyRelationNumList[" + index + "].";
        Relation.Builder b = Relation.builder()
                .bindId(o.scalar(BIND_ID))
                .numA(requiredNumber(r, o, NUM_A, "numA", where))
                .numX(requiredNumber(r, o, NUM_X, "numX", where))
                .numY(optionalNumber(r, o, NUM_Y, "numY", where))
                .numB(optionalNumber(r, o, NUM_B, "numB", where))
                .recordFlag(bool(o, RECORD_FLAG))
                .recordHintTone(o.scalar(RECORD_HINT_TONE))
                .subscribeTime(PlatformTime.tryParse(o.scalar(SUBSCRIBE_TIME)).orElse(null))
                .callDirection(callDirection(r, o, where))
                .duration(duration(o, DURATION, "duration"))
                .ybDuration(duration(o, YB_DURATION, "ybDuration"))
                .preVoiceX(o.scalar(PRE_VOICE_X))
                .preVoiceY(o.scalar(PRE_VOICE_Y))
                .userData(o.scalar(USER_DATA));
        String sid = o.scalar(ITEM_SUBSCRIPTION_ID);
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

    /** Returns a success; throws the platform's refusal or an unreadable-answer failure. */
    private Answer success(TransportResponse r) {
        Answer a = parse(r);
        Members n = a.top;
        if (n.isNull(RESULTCODE) || n.kind[RESULTCODE] == CONTAINER || n.text[RESULTCODE].isEmpty()) {
            throw unreadable(r, "the answer has no resultcode", null);
        }
        ResultCode code;
        try {
            code = ResultCode.of(n.text[RESULTCODE]);
        } catch (InvalidValueException e) {
            throw unreadable(r, "the answer's resultcode is not valid", null);
        }
        int status = r.statusCode();
        if (!code.isSuccess()) {
            throw new PlatformException(status, code, n.scalar(RESULTDESC));
        }
        if (status < 200 || status > 299) {
            throw unreadable(r, "the answer says resultcode 0 but has HTTP status " + status, null);
        }
        return a;
    }

    private Answer parse(TransportResponse r) {
        byte[] body = r.body();
        if (body.length == 0) {
            throw unreadable(r, "the answer has no body", null);
        }
        // ASCII (the usual answer) is strict UTF-8 as it stands and is read by Jackson's byte parser; anything else
        // is decoded strictly first and read as text (so that positions in messages count characters)
        boolean ascii = isAscii(body);
        String text = ascii ? null : strictUtf8(body);
        if (!ascii && text == null) {
            throw unreadable(r, "the answer is not valid UTF-8", null);
        }
        try (JsonParser p = text == null ? factory.createParser(body) : factory.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                // parsed to its end all the same, so that broken JSON is reported as such
                p.skipChildren();
                throw unreadable(r, "the answer is not a JSON object", null);
            }
            Answer a = new Answer();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                int field = topField(p.currentName());
                JsonToken value = p.nextToken();
                if (field == RELATION_LIST) {
                    a.items = value == JsonToken.START_ARRAY ? items(p) : null;
                }
                member(p, value, a.top, field);
            }
            return a;
        } catch (JsonProcessingException e) {
            // the parser's message may quote the body, which may hold numbers: keep only the position
            throw unreadable(r, "the answer is not JSON (" + location(e) + ")", null);
        } catch (java.io.IOException e) {
            // reading from memory: only Jackson's own exceptions are expected
            throw unreadable(r, "the answer is not JSON", null);
        }
    }

    /** Reads the array's elements (the parser is on its start, and ends on its end). */
    private static List<Members> items(JsonParser p) throws java.io.IOException {
        List<Members> items = new ArrayList<>(2);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                items.add(null);
                continue;
            }
            Members item = new Members(ITEM_FIELDS);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                int field = itemField(p.currentName());
                member(p, p.nextToken(), item, field);
            }
            items.add(item);
        }
        return items;
    }

    /**
     * Records one member's value (the parser is on it; a container is skipped to its end). {@code field} −1: a
     * member this class does not read, only parsed.
     */
    private static void member(JsonParser p, JsonToken value, Members into, int field) throws java.io.IOException {
        byte kind;
        String text = null;
        switch (value) {
            case VALUE_STRING:
                kind = TEXT;
                text = field < 0 ? null : p.getText();
                break;
            case VALUE_NUMBER_INT:
                kind = INTEGRAL;
                text = field < 0 ? null : integralText(p);
                break;
            case VALUE_NUMBER_FLOAT:
                kind = FLOAT;
                text = field < 0 ? null : String.valueOf(p.getDoubleValue());
                break;
            case VALUE_TRUE:
                kind = BOOLEAN;
                text = "true";
                break;
            case VALUE_FALSE:
                kind = BOOLEAN;
                text = "false";
                break;
            case VALUE_NULL:
                kind = NULL;
                text = "null";
                break;
            default:
                // START_OBJECT or START_ARRAY; anything else cannot follow a field name
                p.skipChildren();
                kind = CONTAINER;
                break;
        }
        if (field >= 0) {
            into.kind[field] = kind;
            into.text[field] = text;
        }
    }

    /** An integral number as the tree's {@code asText()} shows it: its value in canonical decimal. */
    private static String integralText(JsonParser p) throws java.io.IOException {
        switch (p.getNumberType()) {
            case INT:
                return Integer.toString(p.getIntValue());
            case LONG:
                return Long.toString(p.getLongValue());
            default:
                return p.getBigIntegerValue().toString();
        }
    }

    private static int topField(String name) {
        switch (name) {
            case "resultcode":
                return RESULTCODE;
            case "resultdesc":
                return RESULTDESC;
            case "subscriptionId":
                return SUBSCRIPTION_ID;
            case "relationNumber":
                return RELATION_NUMBER;
            case "xyRelationNumList":
                return RELATION_LIST;
            default:
                return -1;
        }
    }

    private static int itemField(String name) {
        switch (name) {
            case "bindId":
                return BIND_ID;
            case "numA":
                return NUM_A;
            case "numX":
                return NUM_X;
            case "numY":
                return NUM_Y;
            case "numB":
                return NUM_B;
            case "recordFlag":
                return RECORD_FLAG;
            case "recordHintTone":
                return RECORD_HINT_TONE;
            case "subscribeTime":
                return SUBSCRIBE_TIME;
            case "callDirection":
                return CALL_DIRECTION;
            case "duration":
                return DURATION;
            case "ybDuration":
                return YB_DURATION;
            case "preVoiceX":
                return PRE_VOICE_X;
            case "preVoiceY":
                return PRE_VOICE_Y;
            case "userData":
                return USER_DATA;
            case "subscriptionId":
                return ITEM_SUBSCRIPTION_ID;
            default:
                return -1;
        }
    }

    private static boolean isAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the text; {@code null} for malformed or unmappable input, which is never replaced */
    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "unreadable" : "error at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
    }

    private PhoneNumber requiredNumber(TransportResponse r, Members o, int field, String name, String where) {
        PhoneNumber n = optionalNumber(r, o, field, name, where);
        if (n == null) {
            throw unreadable(r, where + name + " is missing", null);
        }
        return n;
    }

    /** A number field; absent, null or empty means "not bound" (numY and numB before the YB step). */
    private PhoneNumber optionalNumber(TransportResponse r, Members o, int field, String name, String where) {
        String v = o.scalar(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        return PhoneNumber.tryParse(v).orElseThrow(() -> unreadable(r, where + name + " is not a phone number", null));
    }

    private CallDirection callDirection(TransportResponse r, Members o, String where) {
        byte kind = o.kind[CALL_DIRECTION];
        String v = o.text[CALL_DIRECTION];
        if (kind == ABSENT || kind == NULL || (kind == TEXT && v.isEmpty())) {
            return null;
        }
        int wire;
        if (kind == INTEGRAL) {
            // JsonNode.asInt(): a long or larger is cut to its low 32 bits
            wire = v.length() <= 9 ? Integer.parseInt(v) : new java.math.BigInteger(v).intValue();
        } else if (kind == TEXT && digits(v, 2)) {
            wire = Integer.parseInt(v);
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
    private static BindDuration duration(Members o, int field, String name) {
        if (o.isNull(field)) {
            return null;
        }
        String s = o.asText(field).trim();
        if (!digits(s, 10)) {
            return null;
        }
        try {
            return BindDuration.ofSeconds(name, Long.parseLong(s));
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

    private static boolean bool(Members o, int field) {
        if (o.isNull(field)) {
            return false;
        }
        String s = o.asText(field);
        if (o.kind[field] == BOOLEAN) {
            return s.equals("true");
        }
        s = s.trim();
        return s.equalsIgnoreCase("true") || s.equals("1");
    }

    private static UnreadableAnswerException unreadable(TransportResponse r, String problem, Throwable cause) {
        String type = r.firstHeader("Content-Type").map(Answers::printable).orElse("no content type");
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
