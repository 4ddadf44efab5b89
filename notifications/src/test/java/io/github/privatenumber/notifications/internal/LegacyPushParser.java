package io.github.privatenumber.notifications.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.core.notification.HangupCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree-based reading that {@link PushParser} replaced (as of commit f46825d, renamed), kept unchanged as the
 * oracle of {@link PushParserDifferentialTest}: every body must be read, or refused, exactly as it read or refused it.
 *
 * <p>Reads a push body (SPEC §10) into a call event or a batch of CDRs. Thread-safe and stateless apart from its
 * Jackson factory.
 *
 * <p>Structure is strict, values are lenient. A push is refused (HTTP 400) when the body is not strict UTF-8, not
 * one JSON object, has a duplicate key anywhere, nests deeper than {@value #MAX_NESTING_DEPTH} levels, holds a string
 * longer than {@value #MAX_STRING_LENGTH} characters, lacks {@code eventType} (a non-empty string), is a {@code fee}
 * push whose {@code feeLst} is not an array of 1–50 elements with at least one usable record (an object with an
 * {@code icid}), or is a documented call event without a {@code statusInfo} object. Unusable elements of an otherwise
 * usable {@code feeLst} are listed in {@link ParsedPush.CdrPush#refusedRecords()}. Everything else is read leniently (see {@link LegacyFieldReader}); unknown event types
 * and unknown fields are kept in the raw JSON.
 */
final class LegacyPushParser {

    /** The most records one {@code fee} push may carry. */
    public static final int MAX_RECORDS = 50;
    /** The deepest accepted nesting of arrays and objects. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** The longest accepted JSON string value. */
    public static final int MAX_STRING_LENGTH = 256 * 1024;
    /** The longest accepted JSON key. */
    public static final int MAX_NAME_LENGTH = 1024;
    /** The longest accepted JSON number, in characters. */
    public static final int MAX_NUMBER_LENGTH = 64;

    private static final String FEE = "fee";

    private final ObjectMapper mapper;

    /** A parser with the limits documented on the class. */
    LegacyPushParser() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        // duplicate keys: found by the tree itself (a put that replaces) at every depth below the top, and by readTop
        // at the top; the parser's STRICT_DUPLICATE_DETECTION would keep a hash set per object on top of the tree's
        // own map, which made it a tenth of the cost of a CDR push
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
    }

    /**
     * Decodes the body as strict UTF-8: malformed or unmappable input is an error, never replaced. A leading byte
     * order mark is dropped.
     *
     * @param body the bytes
     * @param length how many of them are the body
     * @return the text
     * @throws PushRejectedException (400) for invalid UTF-8
     */
    public static String decodeUtf8(byte[] body, int length) {
        // Fast path: the JDK's own decoding (intrinsified) replaces every malformed sequence, overlong form and
        // encoded surrogate with U+FFFD. No U+FFFD in its result therefore means the input was strict UTF-8. Only a
        // body that has one (a replaced sequence, or a genuine U+FFFD) goes through the reporting decoder.
        String fast = new String(body, 0, length, StandardCharsets.UTF_8);
        if (fast.indexOf('\u0000') >= 0) {
            // a rule added after this reading was replaced: a raw NUL is no JSON (UTF-16 or UTF-32 without a BOM)
            throw new PushRejectedException(400, "the body is not UTF-8 JSON (it holds a NUL byte; UTF-16 or UTF-32?)");
        }
        if (fast.indexOf('\uFFFD') < 0) {
            return fast.startsWith("\uFEFF") ? fast.substring(1) : fast;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, 0, length))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new PushRejectedException(400, "the body is not valid UTF-8");
        }
    }

    /**
     * Decodes the body as strict UTF-8 ({@link #decodeUtf8}) and reads it.
     *
     * @param body the bytes
     * @param length how many of them are the body
     * @return the push
     * @throws PushRejectedException (400) for invalid UTF-8 or a structural rule broken (see the class description)
     */
    public ParsedPush parse(byte[] body, int length) {
        String text = decodeUtf8(body, length);
        // one character per byte: the body is ASCII (no BOM, no multi-byte sequence), so Jackson's byte parser
        // (faster than parsing the text's characters) reads it, and its byte offsets are offsets into the text too
        return parse(text, text.length() == length ? body : null, length);
    }

    /**
     * @param text the decoded body
     * @return the push
     * @throws PushRejectedException (400) when the body breaks a structural rule (see the class description)
     */
    public ParsedPush parse(String text) {
        return parse(text, null, 0);
    }

    private ParsedPush parse(String text, byte[] asciiBody, int length) {
        if (text.isBlank()) {
            throw bad("the body is empty; expected a JSON object with eventType");
        }
        Map<String, JsonNode> top = new LinkedHashMap<>();
        List<String> feeRaw = new ArrayList<>();
        readTop(text, asciiBody, length, top, feeRaw);

        JsonNode eventType = top.get("eventType");
        if (eventType == null || eventType.isNull()) {
            throw bad("eventType is missing");
        }
        if (!eventType.isTextual()) {
            throw bad("eventType must be a JSON string");
        }
        if (eventType.textValue().isEmpty()) {
            throw bad("eventType is empty");
        }
        if (FEE.equals(eventType.textValue())) {
            return cdrs(top.get("feeLst"), feeRaw);
        }
        return event(eventType.textValue(), top.get("statusInfo"), text);
    }

    /**
     * Reads the top-level object field by field so that the exact text of every {@code feeLst} element can be kept as
     * that record's raw JSON.
     */
    private void readTop(String text, byte[] asciiBody, int length, Map<String, JsonNode> top, List<String> feeRaw) {
        try (JsonParser p = asciiBody != null ? mapper.getFactory().createParser(asciiBody, 0, length)
                : mapper.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad("the body must be a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (top.containsKey(name)) {
                    throw bad("the JSON has a duplicate key " + quoted(name) + where(p));
                }
                JsonToken value = p.nextToken();
                if ("feeLst".equals(name) && value == JsonToken.START_ARRAY) {
                    top.put(name, readElements(p, text, asciiBody != null, feeRaw));
                } else {
                    top.put(name, mapper.readTree(p));
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw bad("the body must be one JSON object");
            }
            if (p.nextToken() != null) {
                throw bad("unexpected content after the JSON object");
            }
        } catch (PushRejectedException e) {
            throw e;
        } catch (StreamConstraintsException e) {
            throw bad("the JSON exceeds a limit (nesting deeper than " + MAX_NESTING_DEPTH + ", a string longer than "
                    + MAX_STRING_LENGTH + ", a key longer than " + MAX_NAME_LENGTH + " or a number longer than "
                    + MAX_NUMBER_LENGTH + " characters)");
        } catch (JsonParseException e) {
            String original = e.getOriginalMessage();
            if (original != null && original.startsWith("Duplicate field")) {
                throw bad("the JSON has a duplicate key " + duplicateName(original) + where(e));
            }
            throw bad("the body is not valid JSON" + where(e));
        } catch (JsonProcessingException e) {
            String original = e.getOriginalMessage();
            if (original != null && original.startsWith("Duplicate field")) {
                // FAIL_ON_READING_DUP_TREE_KEY
                throw bad("the JSON has a duplicate key " + duplicateName(original) + where(e));
            }
            throw bad("the body is not valid JSON" + where(e));
        } catch (IOException e) {
            // reading from memory: only Jackson's own exceptions are expected here
            throw bad("the body is not valid JSON");
        }
    }

    private JsonNode readElements(JsonParser p, String text, boolean byteOffsets, List<String> feeRaw) throws IOException {
        com.fasterxml.jackson.databind.node.ArrayNode array = mapper.createArrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
                throw bad("the body is not valid JSON (unexpected end)");
            }
            int start = (int) offset(p.currentTokenLocation(), byteOffsets);
            JsonNode element = mapper.readTree(p);
            int end = (int) offset(p.currentLocation(), byteOffsets);
            array.add(element);
            feeRaw.add(start >= 0 && end > start && end <= text.length() ? text.substring(start, end) : element.toString());
        }
        return array;
    }

    /**
     * @param s any text
     * @return whether it is ASCII digits only (true for empty text); a loop, as this runs for several fields of
     *     every push
     */
    public static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long offset(com.fasterxml.jackson.core.JsonLocation at, boolean bytes) {
        return bytes ? at.getByteOffset() : at.getCharOffset();
    }

    private static String duplicateName(String original) {
        int open = original.indexOf('\'');
        int close = original.indexOf('\'', open + 1);
        if (open < 0 || close < 0) {
            return "";
        }
        return quoted(original.substring(open + 1, close));
    }

    private static String quoted(String name) {
        return "'" + Masking.maskText(name.length() > 64 ? name.substring(0, 64) + "…" : name) + "'";
    }

    private static String where(JsonParser p) {
        com.fasterxml.jackson.core.JsonLocation at = p.currentTokenLocation();
        return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static String where(JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static PushRejectedException bad(String message) {
        return new PushRejectedException(400, message);
    }

    private ParsedPush cdrs(JsonNode feeLst, List<String> feeRaw) {
        if (feeLst == null || feeLst.isNull()) {
            throw bad("a fee push must carry feeLst, an array of 1-" + MAX_RECORDS + " records");
        }
        if (!feeLst.isArray()) {
            throw bad("feeLst must be a JSON array of 1-" + MAX_RECORDS + " records");
        }
        if (feeLst.isEmpty()) {
            throw bad("feeLst is empty; a fee push carries 1-" + MAX_RECORDS + " records");
        }
        if (feeLst.size() > MAX_RECORDS) {
            throw bad("feeLst holds " + feeLst.size() + " records; at most " + MAX_RECORDS + " are allowed");
        }
        List<String> unreadable = new ArrayList<>();
        List<CallDetailRecord> records = new ArrayList<>(feeLst.size());
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < feeLst.size(); i++) {
            JsonNode item = feeLst.get(i);
            if (!item.isObject()) {
                refused.add("feeLst[" + i + "] must be a JSON object");
                continue;
            }
            try {
                records.add(cdr(item, i, feeRaw.get(i), unreadable));
            } catch (PushRejectedException e) {
                // one unusable record must not cost the others: they are delivered, the push is still answered 400
                refused.add(e.getMessage());
            }
        }
        if (records.isEmpty()) {
            throw bad(refused.get(0) + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more)" : ""));
        }
        return new ParsedPush.CdrPush(records, unreadable, refused);
    }

    private static CallDetailRecord cdr(JsonNode item, int index, String raw, List<String> unreadable) {
        String at = "feeLst[" + index + "]";
        JsonNode icidNode = item.get("icid");
        if (icidNode == null || icidNode.isNull() || (icidNode.isTextual() && icidNode.textValue().isBlank())) {
            throw bad(at + " has no icid; a CDR without its record id cannot be de-duplicated, so it is refused");
        }
        if (!icidNode.isTextual() && !icidNode.isIntegralNumber()) {
            throw bad(at + ".icid must be a JSON string");
        }
        CallDetailRecord.Builder b = CallDetailRecord.builder();
        try {
            b.icid(icidNode.asText());
        } catch (InvalidValueException e) {
            throw bad(at + ".icid must be 1-" + CallDetailRecord.MAX_ICID_LENGTH
                    + " characters without control characters");
        }
        LegacyFieldReader f = new LegacyFieldReader(item, at + ".", unreadable);
        Integer ulFailReason = f.integer("ulFailReason");
        return b.direction(f.integer("direction"))
                .spId(f.text("spId"))
                .appKey(f.text("appKey"))
                .bindNum(f.number("bindNum"))
                .sessionId(f.sessionId("sessionId"))
                .subscriptionId(f.text("subscriptionId"))
                .callerNum(f.number("callerNum"))
                .calleeNum(f.number("calleeNum"))
                .fwdDisplayNum(f.number("fwdDisplayNum"))
                .fwdDstNum(f.number("fwdDstNum"))
                .callInTime(f.time("callInTime"))
                .fwdStartTime(f.time("fwdStartTime"))
                .fwdAlertingTime(f.time("fwdAlertingTime"))
                .fwdAnswerTime(f.time("fwdAnswerTime"))
                .callEndTime(f.time("callEndTime"))
                .failTime(f.time("failTime"))
                .recordStartTime(f.time("recordStartTime"))
                .fwdUnaswRsn(f.integer("fwdUnaswRsn"))
                .ulFailReason(ulFailReason == null ? null : HangupCode.of(ulFailReason))
                .sipStatusCode(f.integer("sipStatusCode"))
                .callOutUnaswRsn(f.integer("callOutUnaswRsn"))
                .recordFlag(f.flag("recordFlag"))
                .recordDomain(f.text("recordDomain"))
                .recordBucketName(f.text("recordBucketName"))
                .recordObjectName(f.text("recordObjectName"))
                .ttsPlayTimes(f.integer("ttsPlayTimes"))
                .ttsTransDuration(f.integer("ttsTransDuration"))
                .mptyId(f.text("mptyId"))
                .serviceType(f.text("serviceType"))
                .hostName(f.text("hostName"))
                .userData(f.text("userData"))
                .recordFileDownloadUrl(f.boundedText("recordFileDownloadUrl", CallDetailRecord.MAX_DOWNLOAD_URL_LENGTH))
                .rawJson(raw)
                .build();
    }

    private static ParsedPush event(String typeName, JsonNode statusInfo, String raw) {
        CallEventType type;
        try {
            type = CallEventType.of(typeName);
        } catch (InvalidValueException e) {
            throw bad("eventType must be 1-" + CallEventType.MAX_LENGTH + " visible ASCII characters");
        }
        boolean hasInfo = statusInfo != null && !statusInfo.isNull();
        if (type.isKnown()) {
            if (!hasInfo) {
                throw bad("the " + type + " event must carry statusInfo, a JSON object");
            }
            if (!statusInfo.isObject()) {
                throw bad("statusInfo must be a JSON object");
            }
        }
        List<String> unreadable = new ArrayList<>();
        CallEvent.Builder b = CallEvent.builder().type(type).rawJson(raw);
        if (hasInfo && statusInfo.isObject()) {
            LegacyFieldReader f = new LegacyFieldReader(statusInfo, "statusInfo.", unreadable);
            Integer stateCode = f.integer("stateCode");
            b.sessionId(f.sessionId("sessionId"))
                    .timestamp(f.time("timestamp"))
                    .caller(f.number("caller"))
                    .called(f.number("called"))
                    .subscriptionId(f.text("subscriptionId"))
                    .userData(f.text("userData"))
                    .stateCode(stateCode == null ? null : HangupCode.of(stateCode))
                    .stateDesc(f.text("stateDesc"));
        }
        return new ParsedPush.EventPush(b.build(), unreadable);
    }
}
