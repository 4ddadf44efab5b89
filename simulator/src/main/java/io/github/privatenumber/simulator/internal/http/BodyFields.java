package io.github.privatenumber.simulator.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.privatenumber.simulator.internal.ApiException;
import io.github.privatenumber.simulator.internal.Json;
import io.github.privatenumber.simulator.internal.PhoneNumbers;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a JSON request body and its fields with the platform's rules: strict UTF-8, one JSON object,
 * exact JSON types ({@code "60"} is not an integer, {@code "true"} not a boolean). An explicit
 * {@code null} counts as absent.
 */
final class BodyFields {

    private static final Pattern FILE_NAME = Pattern.compile("[0-9A-Za-z\\-_.@]{1,128}");

    private final ObjectNode node;

    private BodyFields(ObjectNode node) {
        this.node = node;
    }

    static BodyFields parse(ApiRequest request) {
        checkContentType(request.headers().apply("Content-Type"));
        byte[] body = request.body();
        if (body == null) {
            throw ApiException.invalid("request body is too large");
        }
        if (body.length == 0) {
            throw ApiException.invalid("request body is required: a JSON object");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalid("request body is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("request body is not valid JSON" + (e.getMessage() != null
                    && e.getMessage().startsWith("Duplicate field") ? ": a field appears twice" : ""));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalid("request body must be a JSON object");
        }
        return new BodyFields((ObjectNode) root);
    }

    private static void checkContentType(String contentType) {
        if (contentType == null) {
            throw ApiException.invalid("Content-Type must be application/json;charset=UTF-8");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            throw ApiException.invalid("Content-Type must be application/json;charset=UTF-8");
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                throw ApiException.invalid("Content-Type must be application/json;charset=UTF-8 (the body is read as UTF-8)");
            }
        }
    }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    private JsonNode get(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** A string field; {@code null} when absent. */
    String string(String name, int min, int max) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(name + " must be a string");
        }
        String s = v.textValue();
        if (hasLoneSurrogate(s)) {
            // only a JSON escape such as "\ud83d" can produce one; it is no character and has no UTF-8 form
            throw ApiException.invalid(name + " contains an unpaired surrogate escape (\\uD800-\\uDFFF): not valid Unicode text");
        }
        int len = s.codePointCount(0, s.length());
        if (len < min || len > max) {
            throw ApiException.invalid(name + " must be " + (min == 0 ? "at most " + max : min + "-" + max) + " characters long");
        }
        return s;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    String requiredString(String name, int min, int max) {
        String s = string(name, min, max);
        if (s == null) {
            throw ApiException.invalid(name + " is required");
        }
        return s;
    }

    /** A required number in global format; the description never echoes the value. */
    String number(String name) {
        String s = requiredString(name, 1, 32);
        if (!PhoneNumbers.isGlobal(s)) {
            throw ApiException.invalid(name + " must be a global-format number like " + PhoneNumbers.EXAMPLE);
        }
        return s;
    }

    String areaCode(String name) {
        String s = string(name, 1, 32);
        if (s != null && !PhoneNumbers.isAreaCode(s)) {
            throw ApiException.invalid(name + " must be a city code like 0755 or 010");
        }
        return s;
    }

    /** areaMatchMode: the string "0" (strict) or "1" (loose); absent = strict. */
    boolean loose(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return false;
        }
        if (!v.isTextual() || !(v.textValue().equals("0") || v.textValue().equals("1"))) {
            throw ApiException.invalid(name + " must be the string \"0\" (strict) or \"1\" (loose)");
        }
        return v.textValue().equals("1");
    }

    /** An integer field in a range; {@code null} when absent. */
    Long integer(String name, long min, long max) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            throw ApiException.invalid(name + " must be an integer");
        }
        if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw ApiException.invalid(name + " must be " + min + "-" + max);
        }
        return v.longValue();
    }

    /** A duration: 0 or 60–7 776 000 seconds; {@code null} when absent. */
    Long duration(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            throw ApiException.invalid(name + " must be an integer number of seconds");
        }
        long d = v.canConvertToLong() ? v.longValue() : -1;
        if (d != 0 && (d < 60 || d > 7_776_000)) {
            throw ApiException.invalid(name + " must be 0 or 60-7776000 seconds");
        }
        return d;
    }

    Boolean bool(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw ApiException.invalid(name + " must be a boolean (true or false)");
        }
        return v.booleanValue();
    }

    /** A voice file name: 1–128 of {@code [0-9A-Za-z-_.@]}. */
    String fileName(String name) {
        String s = string(name, 1, 128);
        if (s != null && !FILE_NAME.matcher(s).matches()) {
            throw ApiException.invalid(name + " must be 1-128 characters of 0-9 A-Z a-z - _ . @");
        }
        return s;
    }
}
