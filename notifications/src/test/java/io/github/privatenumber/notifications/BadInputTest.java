package io.github.privatenumber.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.notifications.testing.PushTestClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad request gets its clear 4xx, and nothing reaches the sink. */
class BadInputTest {

    private static final String EVENT = "{\"eventType\":\"answer\",\"statusInfo\":{\"sessionId\":\"s\"}}";

    private final RecordingSink sink = new RecordingSink();
    private final NotificationReceiver receiver = Fixtures.receiver(sink).maxBodyBytes(4096).build();
    private final PushTestClient platform = Fixtures.platform();

    @AfterEach
    void nothingDelivered() {
        assertEquals(0, sink.calls.get(), "a refused push never reaches the sink");
    }

    private ReceiverResponse deliver(String body) {
        return platform.deliver(receiver, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(int status, String messagePart, ReceiverResponse answer) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(ReceiverResponse.JSON, answer.contentType());
        assertTrue(answer.body().startsWith("{\"result\":\"error\",\"status\":" + status + ",\"message\":\""), answer.body());
        assertTrue(answer.body().contains(messagePart), answer.body());
        assertFalse(answer.acknowledged());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t "})
    void emptyBody(String body) {
        assertRefused(400, "the body is empty", deliver(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"eventType\":\"answer\",}", "{eventType:\"answer\"}", "not json", "{\"a\":tru}",
        "{\"eventType\":\"answer\"", "{\"eventType\":\"answer\"} x", "{\"eventType\":\"answer\"}{}",
        "{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"a\"}"})
    void invalidJson(String body) {
        ReceiverResponse answer = deliver(body);
        assertEquals(400, answer.status(), body + " -> " + answer.body());
        assertTrue(answer.body().contains("not valid JSON") || answer.body().contains("after the JSON object")
                || answer.body().contains("must be a JSON object") || answer.body().contains("one JSON object"),
                answer.body());
    }

    @Test
    void errorMessagesNeverEchoValues() {
        ReceiverResponse answer = deliver("{\"eventType\":\"answer\",\"statusInfo\":{\"caller\":+8613812345678x}}");
        assertEquals(400, answer.status());
        assertFalse(answer.body().contains("13812345678"), answer.body());
        assertTrue(answer.body().contains("line 1, column"), answer.body());
    }

    @Test
    void invalidUtf8() {
        byte[] good = "{\"eventType\":\"answer\",\"statusInfo\":{\"userData\":\"XX\"}}".getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {
            replaceXx(good, (byte) 0xC3, (byte) 0x28),          // a broken 2-byte sequence
            replaceXx(good, (byte) 0xFF, (byte) 0xFE),          // bytes never valid in UTF-8
            replaceXx(good, (byte) 0xC0, (byte) 0xAF),          // an overlong encoding of '/'
        };
        for (byte[] body : bad) {
            assertRefused(400, "not valid UTF-8", platform.deliver(receiver, body));
        }
        byte[] surrogate = "{\"eventType\":\"answer\",\"statusInfo\":{\"userData\":\"XXX\"}}".getBytes(StandardCharsets.UTF_8);
        int at = new String(surrogate, StandardCharsets.US_ASCII).indexOf("XXX");
        surrogate[at] = (byte) 0xED;                                 // an encoded lone surrogate (CESU style)
        surrogate[at + 1] = (byte) 0xA0;
        surrogate[at + 2] = (byte) 0x80;
        assertRefused(400, "not valid UTF-8", platform.deliver(receiver, surrogate));
        byte[] latin1 = "{\"eventType\":\"answer\",\"statusInfo\":{\"userData\":\"café\"}}".getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(400, "not valid UTF-8", platform.deliver(receiver, latin1));
    }

    private static byte[] replaceXx(byte[] body, byte a, byte b) {
        byte[] copy = Arrays.copyOf(body, body.length);
        int at = new String(copy, StandardCharsets.US_ASCII).indexOf("XX");
        copy[at] = a;
        copy[at + 1] = b;
        return copy;
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
    void utf16AndUtf32WithoutAByteOrderMarkAreRefused(String charset) {
        // Jackson's byte parser would detect these encodings by itself; the push must be UTF-8
        byte[] body = Fixtures.cdrs("utf16", 1).getBytes(java.nio.charset.Charset.forName(charset));
        assertRefused(400, "not UTF-8 JSON", platform.deliver(receiver, body));
    }

    @Test
    void aByteOrderMarkIsTolerated() {
        byte[] json = EVENT.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        assertEquals(200, platform.deliver(receiver, withBom).status());
        sink.calls.set(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]|the body must be a JSON object",
        "[{\"eventType\":\"answer\"}]|the body must be a JSON object",
        "\"answer\"|the body must be a JSON object",
        "42|the body must be a JSON object",
        "null|the body must be a JSON object",
        "{}|eventType is missing",
        "{\"statusInfo\":{}}|eventType is missing",
        "{\"eventType\":null}|eventType is missing",
        "{\"eventType\":\"\"}|eventType is empty",
        "{\"eventType\":\"two words\",\"statusInfo\":{}}|eventType must be 1-64 visible ASCII characters",
        "{\"eventType\":\"answer\"}|the answer event must carry statusInfo",
        "{\"eventType\":\"disconnect\",\"statusInfo\":null}|the disconnect event must carry statusInfo",
        "{\"eventType\":\"fee\"}|a fee push must carry feeLst",
        "{\"eventType\":\"fee\",\"feeLst\":null}|a fee push must carry feeLst",
    })
    void wrongShape(String body, String message) {
        assertRefused(400, message, deliver(body));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"eventType\":1}|eventType must be a JSON string",
        "{\"eventType\":[\"fee\"]}|eventType must be a JSON string",
        "{\"eventType\":true,\"statusInfo\":{}}|eventType must be a JSON string",
        "{\"eventType\":\"answer\",\"statusInfo\":\"s\"}|statusInfo must be a JSON object",
        "{\"eventType\":\"answer\",\"statusInfo\":[{}]}|statusInfo must be a JSON object",
        "{\"eventType\":\"fee\",\"feeLst\":{\"icid\":\"a\"}}|feeLst must be a JSON array",
        "{\"eventType\":\"fee\",\"feeLst\":\"a\"}|feeLst must be a JSON array",
        "{\"eventType\":\"fee\",\"feeLst\":[\"a\",\"b\"]}|feeLst[0] must be a JSON object (and 1 more)",
        "{\"eventType\":\"fee\",\"feeLst\":[[{\"icid\":\"a\"}]]}|feeLst[0] must be a JSON object",
        "{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":true}]}|feeLst[0].icid must be a JSON string",
    })
    void wrongTypes(String body, String message) {
        assertRefused(400, message, deliver(body));
    }

    @Test
    void duplicateKeysAreRefusedAtAnyDepth() {
        assertRefused(400, "duplicate key 'eventType'",
                deliver("{\"eventType\":\"answer\",\"eventType\":\"fee\",\"statusInfo\":{}}"));
        assertRefused(400, "duplicate key 'sessionId'",
                deliver("{\"eventType\":\"answer\",\"statusInfo\":{\"sessionId\":\"a\",\"sessionId\":\"b\"}}"));
        assertRefused(400, "duplicate key 'icid'",
                deliver("{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"a\",\"icid\":\"b\"}]}"));
        assertRefused(400, "duplicate key 'feeLst'",
                deliver("{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"a\"}],\"feeLst\":[{\"icid\":\"b\"}]}"));
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"eventType\":\"x\",\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertRefused(400, "exceeds a limit", deliver(deep));
        String deepInRecord = "{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"a\",\"b\":" + "{\"c\":".repeat(70) + "1"
                + "}".repeat(70) + "}]}";
        assertRefused(400, "exceeds a limit", deliver(deepInRecord));
        String fine = "{\"eventType\":\"x\",\"a\":" + "[".repeat(50) + "]".repeat(50) + "}";
        assertEquals(200, deliver(fine).status());
        sink.calls.set(0);
    }

    @Test
    void hugeStringsAndNumbersAreRefused() {
        NotificationReceiver big = Fixtures.receiver(sink).build();
        String longString = "{\"eventType\":\"x\",\"a\":\"" + "y".repeat(300_000) + "\"}";
        ReceiverResponse answer = platform.deliver(big, longString);
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("exceeds a limit"), answer.body());
        String longNumber = "{\"eventType\":\"x\",\"a\":" + "9".repeat(100) + "}";
        assertEquals(400, platform.deliver(big, longNumber).status());
    }

    @Test
    void oversizeBodyIs413() {
        String body = Fixtures.cdrs("big", 30);
        assertTrue(body.length() > 4096);
        assertRefused(413, "larger than 4096 bytes", deliver(body));
    }

    @Test
    void oversizeStreamIs413WithoutReadingBeyondTheLimit() {
        CountingStream in = new CountingStream(new byte[100_000]);
        Map<String, String> headers = platform.headers();
        ReceiverResponse answer = receiver.handle("POST", headers::get, in);
        assertRefused(413, "larger than 4096 bytes", answer);
        assertTrue(in.read <= 4097, "read " + in.read + " bytes");
    }

    @Test
    void declaredOversizeIs413WithoutReadingAtAll() {
        CountingStream in = new CountingStream(new byte[100]);
        Map<String, String> headers = platform.headers();
        headers.put("Content-Length", "5000");
        ReceiverResponse answer = PushTestClientAccess.deliverStream(receiver, headers, in);
        assertRefused(413, "larger than 4096 bytes", answer);
        assertEquals(0, in.read);
    }

    @Test
    void badContentLengthIs400() {
        Map<String, String> headers = platform.headers();
        headers.put("Content-Length", "ten");
        assertRefused(400, "Content-Length", PushTestClient.deliver(receiver, "POST", EVENT.getBytes(StandardCharsets.UTF_8), headers));
    }

    @Test
    void exactlyTheLimitIsAccepted() {
        String prefix = "{\"eventType\":\"x\",\"pad\":\"";
        String body = prefix + "p".repeat(4096 - prefix.length() - 2) + "\"}";
        assertEquals(4096, body.length());
        assertEquals(200, deliver(body).status());
        assertEquals(413, deliver(body + " ").status());
        sink.calls.set(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "HEAD", "OPTIONS", "post", "PATCH"})
    void anyMethodButPostIs405(String method) {
        ReceiverResponse answer = PushTestClient.deliver(receiver, method, EVENT.getBytes(StandardCharsets.UTF_8),
                platform.headers());
        assertRefused(405, "only POST is allowed", answer);
    }

    @Test
    void missingHeadersAre401() {
        byte[] body = EVENT.getBytes(StandardCharsets.UTF_8);
        assertRefused(401, "signature verification failed", PushTestClient.deliver(receiver, "POST", body, Map.of()));
        Map<String, String> noToken = platform.headers();
        noToken.remove("X-AKSK");
        assertRefused(401, "signature verification failed", PushTestClient.deliver(receiver, "POST", body, noToken));
        Map<String, String> noAuthorization = platform.headers();
        noAuthorization.remove("Authorization");
        assertRefused(401, "signature verification failed",
                PushTestClient.deliver(receiver, "POST", body, noAuthorization));
        Map<String, String> garbage = platform.headers();
        garbage.put("X-AKSK", "garbage");
        assertRefused(401, "signature verification failed", PushTestClient.deliver(receiver, "POST", body, garbage));
    }

    @Test
    void headerNamesAreMatchedWithoutRegardToCase() {
        Map<String, String> lower = new java.util.HashMap<>();
        platform.headers().forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        Map<String, java.util.List<String>> multi = new java.util.HashMap<>();
        lower.forEach((k, v) -> multi.put(k, java.util.List.of(v)));
        ReceiverResponse answer = receiver.handle("POST", NotificationReceiver.headerLookup(multi),
                EVENT.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.status(), answer.body());
        sink.calls.set(0);
    }

    @Test
    void conflictingRepeatedHeadersAre401() {
        Map<String, String> one = platform.headers();
        Map<String, String> two = platform.headers();
        Map<String, java.util.List<String>> multi = new java.util.HashMap<>();
        one.forEach((k, v) -> multi.put(k, new java.util.ArrayList<>(java.util.List.of(v))));
        multi.get("X-AKSK").add(two.get("X-AKSK"));
        ReceiverResponse answer = receiver.handle("POST", NotificationReceiver.headerLookup(multi),
                EVENT.getBytes(StandardCharsets.UTF_8));
        assertEquals(401, answer.status(), answer.body());
    }

    /** Counts the bytes read from it. */
    static final class CountingStream extends ByteArrayInputStream {
        int read;

        CountingStream(byte[] data) {
            super(data);
        }

        @Override
        public synchronized int read() {
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }

    /** Hands a stream body with case-insensitive headers to the receiver. */
    static final class PushTestClientAccess {
        static ReceiverResponse deliverStream(NotificationReceiver receiver, Map<String, String> headers,
                java.io.InputStream body) {
            Map<String, String> byName = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            byName.putAll(headers);
            return receiver.handle("POST", byName::get, body);
        }
    }
}
