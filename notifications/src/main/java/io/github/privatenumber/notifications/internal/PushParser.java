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
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a push body (SPEC §10) into a call event or a batch of CDRs. Thread-safe and stateless apart from its
 * Jackson factory.
 *
 * <p>Structure is strict, values are lenient. A push is refused (HTTP 400) when the body is not strict UTF-8, not
 * one JSON object, has a duplicate key anywhere, nests deeper than {@value #MAX_NESTING_DEPTH} levels, holds a string
 * longer than {@value #MAX_STRING_LENGTH} characters, lacks {@code eventType} (a non-empty string), is a {@code fee}
 * push whose {@code feeLst} is not an array of 1–50 elements with at least one usable record (an object with an
 * {@code icid}), or is a documented call event without a {@code statusInfo} object. Unusable elements of an otherwise
 * usable {@code feeLst} are listed in {@link ParsedPush.CdrPush#refusedRecords()}. Everything else is read leniently
 * (see {@link FieldReader}); unknown event types and unknown fields are kept in the raw JSON.
 *
 * <p>The body is read as a stream of tokens: the documented fields of {@code statusInfo} and of each CDR go straight
 * into slots (no tree of maps per record), while anything else (unknown fields, nested values, elements that are no
 * object) is read by Jackson's tree, so that it is checked as strictly. Every body is read, or refused with the same
 * message, exactly as the former tree-based reading did (checked by a differential test against it).
 */
public final class PushParser {

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

    /** The fields of a call event's {@code statusInfo} that are read, by slot. */
    static final Fields EVENT = new Fields("sessionId", "timestamp", "caller", "called", "subscriptionId", "userData",
            "stateCode", "stateDesc");
    private static final int E_SESSION_ID = 0;
    private static final int E_TIMESTAMP = 1;
    private static final int E_CALLER = 2;
    private static final int E_CALLED = 3;
    private static final int E_SUBSCRIPTION_ID = 4;
    private static final int E_USER_DATA = 5;
    private static final int E_STATE_CODE = 6;
    private static final int E_STATE_DESC = 7;

    /** The fields of a CDR that are read, by slot. */
    static final Fields CDR = new Fields("direction", "spId", "appKey", "icid", "bindNum", "sessionId",
            "subscriptionId", "callerNum", "calleeNum", "fwdDisplayNum", "fwdDstNum", "callInTime", "fwdStartTime",
            "fwdAlertingTime", "fwdAnswerTime", "callEndTime", "failTime", "recordStartTime", "fwdUnaswRsn",
            "ulFailReason", "sipStatusCode", "callOutUnaswRsn", "recordFlag", "recordDomain", "recordBucketName",
            "recordObjectName", "ttsPlayTimes", "ttsTransDuration", "mptyId", "serviceType", "hostName", "userData",
            "recordFileDownloadUrl");
    private static final int C_DIRECTION = 0;
    private static final int C_SP_ID = 1;
    private static final int C_APP_KEY = 2;
    private static final int C_ICID = 3;
    private static final int C_BIND_NUM = 4;
    private static final int C_SESSION_ID = 5;
    private static final int C_SUBSCRIPTION_ID = 6;
    private static final int C_CALLER_NUM = 7;
    private static final int C_CALLEE_NUM = 8;
    private static final int C_FWD_DISPLAY_NUM = 9;
    private static final int C_FWD_DST_NUM = 10;
    private static final int C_CALL_IN_TIME = 11;
    private static final int C_FWD_START_TIME = 12;
    private static final int C_FWD_ALERTING_TIME = 13;
    private static final int C_FWD_ANSWER_TIME = 14;
    private static final int C_CALL_END_TIME = 15;
    private static final int C_FAIL_TIME = 16;
    private static final int C_RECORD_START_TIME = 17;
    private static final int C_FWD_UNASW_RSN = 18;
    private static final int C_UL_FAIL_REASON = 19;
    private static final int C_SIP_STATUS_CODE = 20;
    private static final int C_CALL_OUT_UNASW_RSN = 21;
    private static final int C_RECORD_FLAG = 22;
    private static final int C_RECORD_DOMAIN = 23;
    private static final int C_RECORD_BUCKET_NAME = 24;
    private static final int C_RECORD_OBJECT_NAME = 25;
    private static final int C_TTS_PLAY_TIMES = 26;
    private static final int C_TTS_TRANS_DURATION = 27;
    private static final int C_MPTY_ID = 28;
    private static final int C_SERVICE_TYPE = 29;
    private static final int C_HOST_NAME = 30;
    private static final int C_USER_DATA = 31;
    private static final int C_RECORD_FILE_DOWNLOAD_URL = 32;

    /** The top-level fields that are read, by slot. */
    private static final Fields TOP = new Fields("eventType", "feeLst", "statusInfo");
    private static final int T_EVENT_TYPE = 0;
    private static final int T_FEE_LST = 1;
    private static final int T_STATUS_INFO = 2;

    private final ObjectMapper mapper;
    private final JsonNodeFactory nodes;

    /** A parser with the limits documented on the class. */
    public PushParser() {
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
        this.nodes = mapper.getNodeFactory();
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
            // JSON never holds a raw NUL (not even in a string): such a body is UTF-16 or UTF-32 without a byte order
            // mark, which Jackson's byte parser would otherwise detect and read
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
        Top top = readTop(text, asciiBody, length);

        JsonNode eventType = top.values[T_EVENT_TYPE];
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
            return cdrs(top);
        }
        return event(eventType.textValue(), top, text);
    }

    /**
     * The known fields of one JSON object, by name: a slot each, so that an object is read into an array instead of
     * a tree of maps. Immutable.
     */
    static final class Fields {
        private final String[] names;
        // open addressing over the names' hash codes (cached in the strings): the name, and its slot
        private final String[] table;
        private final int[] slots;

        Fields(String... names) {
            if (names.length > Long.SIZE) {
                throw new IllegalArgumentException("at most 64 fields");
            }
            this.names = names;
            int size = Integer.highestOneBit(names.length * 4 - 1) << 1;
            this.table = new String[size];
            this.slots = new int[size];
            for (int i = 0; i < names.length; i++) {
                int at = names[i].hashCode() & (size - 1);
                while (table[at] != null) {
                    at = (at + 1) & (size - 1);
                }
                table[at] = names[i];
                slots[at] = i;
            }
        }

        /** @return the field's slot, or -1 for a name not read */
        int slot(String name) {
            int mask = table.length - 1;
            for (int at = name.hashCode() & mask; ; at = (at + 1) & mask) {
                String known = table[at];
                if (known == null) {
                    return -1;
                }
                if (known == name || known.equals(name)) {
                    return slots[at];
                }
            }
        }

        String[] names() {
            return names;
        }

        /** The slot of the {@code k}-th name of an object, guessed from the order of the object before. */
        int slot(String name, int k, Order order) {
            if (k < Order.POSITIONS) {
                // names come from Jackson's symbol table, so the same name is mostly the same instance
                if (order.names[k] == name) {
                    return order.slots[k];
                }
                int slot = slot(name);
                order.names[k] = name;
                order.slots[k] = slot;
                return slot;
            }
            return slot(name);
        }

        int size() {
            return names.length;
        }
    }

    /**
     * The order of the names of the last object read into slots of one kind: CDRs of a push carry their fields in the
     * same order, so that the name at a position is mostly the one seen there before, and its slot is known without a
     * lookup. Within one body only (a parser is shared by threads); any name that differs is looked up.
     */
    static final class Order {
        static final int POSITIONS = 64;
        final String[] names = new String[POSITIONS];
        final int[] slots = new int[POSITIONS];
    }

    /**
     * One JSON object read field by field: the values of its known fields by slot (each the node Jackson's tree would
     * hold for it), and for an element of {@code feeLst} its exact text.
     */
    private static final class ObjectValues {
        final JsonNode[] values;
        String raw;

        ObjectValues(int size) {
            this.values = new JsonNode[size];
        }
    }

    /** The top-level object as read. */
    private static final class Top {
        final String text;
        final JsonNode[] values = new JsonNode[TOP.size()];
        /** {@code statusInfo} when it is an object (its value in {@link #values} is then {@code null}) */
        ObjectValues statusInfo;
        /** the elements of {@code feeLst} when it is an array: an {@link ObjectValues} or a node each */
        List<Object> feeLst;
        /** how many elements {@code feeLst} has (only the first {@value #MAX_RECORDS} + 1 are kept) */
        int feeCount;

        Top(String text) {
            this.text = text;
        }
    }

    /**
     * Reads the body token by token: the known fields of {@code statusInfo} and of each {@code feeLst} element go
     * straight into slots, the exact text of every {@code feeLst} element is kept as that record's raw JSON, and any
     * other value (unknown fields, nested objects and arrays, elements that are no object) is read by Jackson's tree,
     * so that it is checked exactly as before: limits, syntax and duplicate keys, which are refused at every depth.
     *
     * <p>Within an object read into slots, a duplicate key is found where Jackson's tree finds it (the tree refuses
     * it with {@code FAIL_ON_READING_DUP_TREE_KEY} once the duplicate's value has started: after a scalar value has
     * been read, before the contents of an object or array) and reported with the same message and position. At the
     * top level a duplicate key is refused at the key itself, as before.
     */
    private Top readTop(String text, byte[] asciiBody, int length) {
        Top top = new Top(text);
        boolean bytes = asciiBody != null;
        try (JsonParser p = bytes ? mapper.getFactory().createParser(asciiBody, 0, length)
                : mapper.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad("the body must be a JSON object");
            }
            long seen = 0;
            Set<String> others = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int slot = TOP.slot(name);
                boolean duplicate;
                if (slot >= 0) {
                    duplicate = (seen & (1L << slot)) != 0;
                    seen |= 1L << slot;
                } else {
                    if (others == null) {
                        others = new HashSet<>();
                    }
                    duplicate = !others.add(name);
                }
                if (duplicate) {
                    throw bad("the JSON has a duplicate key " + quoted(name) + where(p));
                }
                JsonToken value = p.nextToken();
                if (slot == T_FEE_LST && value == JsonToken.START_ARRAY) {
                    readElements(p, text, bytes, top);
                } else if (slot == T_STATUS_INFO && value == JsonToken.START_OBJECT) {
                    ObjectValues info = new ObjectValues(EVENT.size());
                    readObject(p, EVENT, info, null);
                    top.statusInfo = info;
                } else if (slot >= 0) {
                    top.values[slot] = readValue(p);
                } else {
                    readValue(p);
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
        return top;
    }

    private void readElements(JsonParser p, String text, boolean byteOffsets, Top top) throws IOException {
        List<Object> elements = new ArrayList<>();
        Order order = new Order();
        int count = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
                throw bad("the body is not valid JSON (unexpected end)");
            }
            boolean keep = count <= MAX_RECORDS;
            if (p.currentToken() == JsonToken.START_OBJECT) {
                int start = (int) offset(p.currentTokenLocation(), byteOffsets);
                ObjectValues record = new ObjectValues(CDR.size());
                readObject(p, CDR, record, order);
                if (keep) {
                    int end = (int) offset(p.currentLocation(), byteOffsets);
                    record.raw = start >= 0 && end > start && end <= text.length() ? text.substring(start, end) : null;
                    elements.add(record);
                }
            } else {
                JsonNode element = readValue(p);
                if (keep) {
                    elements.add(element);
                }
            }
            count++;
        }
        top.feeLst = elements;
        top.feeCount = count;
    }

    /**
     * Reads the object whose {@code START_OBJECT} is the current token up to its {@code END_OBJECT}: known fields
     * into slots, anything else through {@link #readValue} (so checked, then dropped: it stays in the raw JSON).
     * {@code order}, when given, guesses slots from the object read before.
     */
    private void readObject(JsonParser p, Fields fields, ObjectValues into, Order order) throws IOException {
        long seen = 0;
        Set<String> others = null;
        String name;
        int k = 0;
        while ((name = p.nextFieldName()) != null) {
            JsonToken value = p.nextToken();
            int slot = order != null ? fields.slot(name, k++, order) : fields.slot(name);
            boolean container = value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY;
            JsonNode node = container ? null : readScalar(p, value);
            // Jackson's tree refuses a duplicate once the value has started: a scalar read, a container opened
            boolean duplicate;
            if (slot >= 0) {
                duplicate = (seen & (1L << slot)) != 0;
                seen |= 1L << slot;
            } else {
                if (others == null) {
                    others = new HashSet<>();
                }
                duplicate = !others.add(name);
            }
            if (duplicate) {
                throw bad("the JSON has a duplicate key " + treeQuoted(name) + where(p));
            }
            if (container) {
                node = mapper.readTree(p);
            }
            if (slot >= 0) {
                into.values[slot] = node;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            // nextFieldName returns null only at the object's end; anything else is a parser bug
            throw bad("the body is not valid JSON" + where(p));
        }
    }

    /** The value whose first token is current, as the node Jackson's tree makes of it. */
    private JsonNode readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            return mapper.readTree(p);
        }
        return readScalar(p, t);
    }

    /** A scalar token as the node Jackson's tree makes of it (JsonNodeDeserializer, default features). */
    private JsonNode readScalar(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return nodes.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return nodes.numberNode(p.getIntValue());
                    case LONG:
                        return nodes.numberNode(p.getLongValue());
                    default:
                        return nodes.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                // not produced by a JSON text parser; the tree handles whatever it is
                return mapper.readTree(p);
        }
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

    /**
     * A duplicate key as the former reading named it when Jackson's tree found it: taken from Jackson's message
     * {@code Duplicate field 'name' ...}, so up to the name's first single quote.
     */
    private static String treeQuoted(String name) {
        int quote = name.indexOf('\'');
        return quoted(quote < 0 ? name : name.substring(0, quote));
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

    private ParsedPush cdrs(Top top) {
        JsonNode feeLst = top.values[T_FEE_LST];
        if (top.feeLst == null && (feeLst == null || feeLst.isNull())) {
            throw bad("a fee push must carry feeLst, an array of 1-" + MAX_RECORDS + " records");
        }
        if (top.feeLst == null) {
            throw bad("feeLst must be a JSON array of 1-" + MAX_RECORDS + " records");
        }
        if (top.feeCount == 0) {
            throw bad("feeLst is empty; a fee push carries 1-" + MAX_RECORDS + " records");
        }
        if (top.feeCount > MAX_RECORDS) {
            throw bad("feeLst holds " + top.feeCount + " records; at most " + MAX_RECORDS + " are allowed");
        }
        List<String> unreadable = new ArrayList<>();
        List<CallDetailRecord> records = new ArrayList<>(top.feeCount);
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < top.feeCount; i++) {
            Object item = top.feeLst.get(i);
            if (!(item instanceof ObjectValues)) {
                refused.add("feeLst[" + i + "] must be a JSON object");
                continue;
            }
            try {
                records.add(cdr(top, (ObjectValues) item, i, unreadable));
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

    private CallDetailRecord cdr(Top top, ObjectValues item, int index, List<String> unreadable) {
        JsonNode icidNode = item.values[C_ICID];
        if (icidNode == null || icidNode.isNull() || (icidNode.isTextual() && icidNode.textValue().isBlank())) {
            throw bad("feeLst[" + index + "] has no icid; a CDR without its record id cannot be de-duplicated, so it"
                    + " is refused");
        }
        if (!icidNode.isTextual() && !icidNode.isIntegralNumber()) {
            throw bad("feeLst[" + index + "].icid must be a JSON string");
        }
        CallDetailRecord.Builder b = CallDetailRecord.builder();
        try {
            b.icid(icidNode.asText());
        } catch (InvalidValueException e) {
            throw bad("feeLst[" + index + "].icid must be 1-" + CallDetailRecord.MAX_ICID_LENGTH
                    + " characters without control characters");
        }
        FieldReader f = new FieldReader(item.values, CDR.names(), "feeLst", index, unreadable);
        Integer ulFailReason = f.integer(C_UL_FAIL_REASON);
        return b.direction(f.integer(C_DIRECTION))
                .spId(f.text(C_SP_ID))
                .appKey(f.text(C_APP_KEY))
                .bindNum(f.number(C_BIND_NUM))
                .sessionId(f.sessionId(C_SESSION_ID))
                .subscriptionId(f.text(C_SUBSCRIPTION_ID))
                .callerNum(f.number(C_CALLER_NUM))
                .calleeNum(f.number(C_CALLEE_NUM))
                .fwdDisplayNum(f.number(C_FWD_DISPLAY_NUM))
                .fwdDstNum(f.number(C_FWD_DST_NUM))
                .callInTime(f.time(C_CALL_IN_TIME))
                .fwdStartTime(f.time(C_FWD_START_TIME))
                .fwdAlertingTime(f.time(C_FWD_ALERTING_TIME))
                .fwdAnswerTime(f.time(C_FWD_ANSWER_TIME))
                .callEndTime(f.time(C_CALL_END_TIME))
                .failTime(f.time(C_FAIL_TIME))
                .recordStartTime(f.time(C_RECORD_START_TIME))
                .fwdUnaswRsn(f.integer(C_FWD_UNASW_RSN))
                .ulFailReason(ulFailReason == null ? null : HangupCode.of(ulFailReason))
                .sipStatusCode(f.integer(C_SIP_STATUS_CODE))
                .callOutUnaswRsn(f.integer(C_CALL_OUT_UNASW_RSN))
                .recordFlag(f.flag(C_RECORD_FLAG))
                .recordDomain(f.text(C_RECORD_DOMAIN))
                .recordBucketName(f.text(C_RECORD_BUCKET_NAME))
                .recordObjectName(f.text(C_RECORD_OBJECT_NAME))
                .ttsPlayTimes(f.integer(C_TTS_PLAY_TIMES))
                .ttsTransDuration(f.integer(C_TTS_TRANS_DURATION))
                .mptyId(f.text(C_MPTY_ID))
                .serviceType(f.text(C_SERVICE_TYPE))
                .hostName(f.text(C_HOST_NAME))
                .userData(f.text(C_USER_DATA))
                .recordFileDownloadUrl(f.boundedText(C_RECORD_FILE_DOWNLOAD_URL,
                        CallDetailRecord.MAX_DOWNLOAD_URL_LENGTH))
                .rawJson(item.raw != null ? item.raw : rawFallback(top.text, index))
                .build();
    }

    /**
     * A record's text when the parser's offsets did not delimit it (not seen in practice; kept so that a record never
     * goes without raw JSON): the element as Jackson writes its tree, as the reading before streaming did.
     */
    private String rawFallback(String text, int index) {
        try {
            return mapper.readTree(text).get("feeLst").get(index).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a body read once could not be read again", e);
        }
    }

    private static ParsedPush event(String typeName, Top top, String raw) {
        CallEventType type;
        try {
            type = CallEventType.of(typeName);
        } catch (InvalidValueException e) {
            throw bad("eventType must be 1-" + CallEventType.MAX_LENGTH + " visible ASCII characters");
        }
        JsonNode statusInfo = top.values[T_STATUS_INFO];
        boolean isObject = top.statusInfo != null;
        boolean hasInfo = isObject || (statusInfo != null && !statusInfo.isNull());
        if (type.isKnown()) {
            if (!hasInfo) {
                throw bad("the " + type + " event must carry statusInfo, a JSON object");
            }
            if (!isObject) {
                throw bad("statusInfo must be a JSON object");
            }
        }
        List<String> unreadable = new ArrayList<>();
        CallEvent.Builder b = CallEvent.builder().type(type).rawJson(raw);
        if (isObject) {
            FieldReader f = new FieldReader(top.statusInfo.values, EVENT.names(), "statusInfo.", -1, unreadable);
            Integer stateCode = f.integer(E_STATE_CODE);
            b.sessionId(f.sessionId(E_SESSION_ID))
                    .timestamp(f.time(E_TIMESTAMP))
                    .caller(f.number(E_CALLER))
                    .called(f.number(E_CALLED))
                    .subscriptionId(f.text(E_SUBSCRIPTION_ID))
                    .userData(f.text(E_USER_DATA))
                    .stateCode(stateCode == null ? null : HangupCode.of(stateCode))
                    .stateDesc(f.text(E_STATE_DESC));
        }
        return new ParsedPush.EventPush(b.build(), unreadable);
    }
}
