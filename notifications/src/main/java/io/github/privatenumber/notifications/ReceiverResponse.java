package io.github.privatenumber.notifications;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What to answer a push with: an HTTP status, a content type and a small UTF-8 body. Immutable and thread-safe.
 *
 * <p>Statuses (SPEC §10): 200 once the sink accepted every new record; 400 for a body that is not strict UTF-8, not
 * valid JSON, of the wrong shape, with more than 50 CDRs, or with a CDR without {@code icid} (the push's usable CDRs
 * are delivered all the same, and the message says how many); 401 for every signature
 * failure; 405 for any method but {@code POST}; 413 above the body limit; 500 when the sink failed; 503 when a record
 * of the push is being delivered by another request right now, or the de-duplication store is unavailable. Only 200
 * ends the platform's re-pushing. The body is a JSON object: {@code {"result":"ok",...}} with counts, or
 * {@code {"result":"error","status":..,"message":".."}} whose message names fields, never values.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type} of {@code body}
 * @param body the body text, UTF-8 on the wire
 */
public record ReceiverResponse(int status, String contentType, String body) {

    /** The content type of every answer. */
    public static final String JSON = "application/json;charset=UTF-8";

    /**
     * Checks the components.
     *
     * @param status the HTTP status, 100–599
     * @param contentType the content type
     * @param body the body
     * @throws NullPointerException if {@code contentType} or {@code body} is {@code null}
     * @throws IllegalArgumentException if {@code status} is not 100–599
     */
    public ReceiverResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599, got " + status);
        }
    }

    /**
     * @param records how many records the push carried
     * @param delivered how many of them reached the sink now
     * @param duplicates how many were delivered before and skipped
     * @return a 200 answer
     */
    static ReceiverResponse ok(int records, int delivered, int duplicates) {
        boolean common = records == delivered + duplicates && records <= COMMON_RECORDS && delivered >= 0
                && duplicates >= 0;
        if (!common) {
            return okAnswer(records, delivered, duplicates);
        }
        // the answers are values: each count pair is made once (a race makes it twice, harmlessly)
        int slot = delivered * (COMMON_RECORDS + 1) + duplicates;
        ReceiverResponse answer = OK_ANSWERS[slot];
        if (answer == null) {
            answer = okAnswer(records, delivered, duplicates);
            OK_ANSWERS[slot] = answer;
        }
        return answer;
    }

    /** Acknowledgements of up to this many records, all delivered or duplicates, are made once and kept. */
    private static final int COMMON_RECORDS = 50;
    private static final ReceiverResponse[] OK_ANSWERS =
            new ReceiverResponse[(COMMON_RECORDS + 1) * (COMMON_RECORDS + 1)];

    private static ReceiverResponse okAnswer(int records, int delivered, int duplicates) {
        return new ReceiverResponse(200, JSON, "{\"result\":\"ok\",\"records\":" + records + ",\"delivered\":" + delivered
                + ",\"duplicates\":" + duplicates + "}");
    }

    /**
     * @param status the HTTP status
     * @param message what went wrong, without values from the push
     * @return an error answer
     */
    static ReceiverResponse error(int status, String message) {
        return new ReceiverResponse(status, JSON, "{\"result\":\"error\",\"status\":" + status + ",\"message\":\""
                + escape(message) + "\"}");
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * @return {@code true} for 200, the only status that acknowledges the push
     */
    public boolean acknowledged() {
        return status == 200;
    }

    /**
     * @return the body as UTF-8 bytes
     */
    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
