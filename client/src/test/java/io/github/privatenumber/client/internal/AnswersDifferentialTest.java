package io.github.privatenumber.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.client.spi.TransportResponse;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.binding.SubscriptionId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Answers} reads answers as a stream of tokens; {@link TreeAnswers}, the reader it replaced, through Jackson's
 * tree. For every answer, hand-written and generated (valid ones, ones with every value type in every field,
 * unknown and duplicated members, broken JSON, trailing content, non-ASCII and invalid UTF-8), both must give the
 * same value, or the same failure with the same message.
 */
class AnswersDifferentialTest {

    private static final WireFormat WIRE = new WireFormat(Endpoint.of(URI.create("http://127.0.0.1:1")), "app");
    private static final Answers STREAM = new Answers(WIRE);
    private static final TreeAnswers TREE = new TreeAnswers(WIRE);
    private static final SubscriptionId QUERIED = SubscriptionId.of("sub-queried");
    /** Answers both readers read into a value, so that the comparison is known not to be of failures alone. */
    private static final java.util.concurrent.atomic.AtomicInteger READ = new java.util.concurrent.atomic.AtomicInteger();

    /** Values of every JSON type, plausible and not, for any field. */
    private static final String[] VALUES = {
        "\"0\"", "\"\"", "\" \"", "null", "true", "false", "0", "1", "2", "3", "-0", "1.0", "2.5", "1e2", "-1",
        "7200", "\"7200\"", "\" 7200 \"", "\"7776001\"", "4294967297", "12345678901234567890", "1.7976931348623157e309",
        "\"+8613800000001\"", "\"13800000001\"", "\"+86 138 0000 0001\"", "\"abc\"", "\"true\"", "\"TRUE\"", "\"1\"",
        "\"2026-12-04 10:00:00\"", "\"2026-12-04T10:00:00Z\"", "\"订单-42\"", "\"\\u0000\"", "\"\\ud800\"", "{}",
        "{\"a\":[1,{\"b\":null}]}", "[]", "[1,\"x\"]", "\"1011003\"", "1011003", "\"sub-1\"", "\"01\"", "\"00\""
    };

    private static final String[] ITEM_FIELDS = {"bindId", "numA", "numX", "numY", "numB", "recordFlag",
        "recordHintTone", "subscribeTime", "callDirection", "duration", "ybDuration", "preVoiceX", "preVoiceY",
        "userData", "subscriptionId"};

    private static final String GOOD_ITEM = "{\"bindId\":\"b1\",\"numA\":\"+8613800000001\",\"numX\":\"+8617075500001\","
            + "\"numY\":\"+8617075500002\",\"numB\":\"+8613900000002\",\"recordFlag\":\"true\",\"recordHintTone\":\"tone\","
            + "\"subscribeTime\":\"2026-12-04 10:00:00\",\"callDirection\":1,\"duration\":\"7200\",\"ybDuration\":\"0\","
            + "\"preVoiceX\":\"x.wav\",\"preVoiceY\":\"\",\"userData\":\"order-42\",\"subscriptionId\":\"sub-1\"}";

    @Test
    void handWrittenAnswersReadTheSame() {
        List<String> bodies = new ArrayList<>(List.of(
                "{\"resultcode\":\"0\",\"resultdesc\":\"Success\",\"xyRelationNumList\":[" + GOOD_ITEM + "]}",
                "{\"resultcode\":\"0\",\"xyRelationNumList\":[" + GOOD_ITEM + "," + GOOD_ITEM + "]}",
                "{\"resultcode\":\"0\",\"subscriptionId\":\"sub-1\",\"relationNumber\":\"+8617075500001\"}",
                "{\"resultcode\":0,\"subscriptionId\":\"sub-1\",\"relationNumber\":\"+8617075500001\",\"x\":{\"y\":[1]}}",
                "{\"resultcode\":\"1011003\",\"resultdesc\":\"A +8613800000001 holds too many X\"}",
                "{\"resultcode\":\"1016001\"}",
                "{\"resultcode\":\"0\"}",
                "{\"resultcode\":\"0\",\"xyRelationNumList\":[]}",
                "{\"resultcode\":\"0\",\"xyRelationNumList\":null}",
                "{\"resultcode\":\"0\",\"xyRelationNumList\":{}}",
                "{\"resultcode\":\"0\",\"xyRelationNumList\":\"[]\"}",
                "{\"resultcode\":\"0\",\"xyRelationNumList\":[1," + GOOD_ITEM + "]}",
                "{\"resultcode\":\"0\",\"xyRelationNumList\":[" + GOOD_ITEM + ",[]]}",
                "{\"resultcode\":\"0\",\"xyRelationNumList\":[" + GOOD_ITEM + "],\"xyRelationNumList\":7}",
                "{\"resultcode\":\"0\",\"xyRelationNumList\":7,\"xyRelationNumList\":[" + GOOD_ITEM + "]}",
                "{\"resultcode\":\"1\",\"resultcode\":\"0\",\"subscriptionId\":\"a\",\"subscriptionId\":\"sub-2\","
                        + "\"relationNumber\":\"+8617075500001\"}",
                "{\"resultcode\":\"0\",\"subscriptionId\":\"sub-1\",\"relationNumber\":\"+8617075500001\"} trailing",
                "{\"resultcode\":\"0\",\"subscriptionId\":\"sub-1\",\"relationNumber\":\"+8617075500001\"}{}",
                "{\"resultcode\":\"0\",\"subscriptionId\":\"sub-1\",\"relationNumber\":\"+8617075500001\"",
                "{\"resultcode\":\"0\",\"subscriptionId\":\"sub-1\",\"relationNumber\":+8617075500001}",
                "{\"resultcode\":\"0\",\"x\":[1,2,}",
                "{\"resultcode\":\"0\",\"x\":{\"y\":tru}}",
                "[{\"resultcode\":\"0\"}]", "[1,", "\"text\"", "42", "null", "", "   ", "{}", "{\"resultcode\":null}",
                "{\"resultcode\":{}}", "{\"resultcode\":[\"0\"]}", "{\"resultcode\":\"\"}", "{\"resultcode\":true}",
                "{\"resultcode\":\"0\",\"xyRelationNumList\":[{\"numA\":\"+8613800000001\"}]}",
                "{\"resultcode\":\"0\",\"xyRelationNumList\":[{\"numX\":\"+8617075500001\",\"numA\":\"bad\"}]}",
                "{\"resultcode\":\"0\",\"xyRelationNumList\":[{\"numX\":\"+8617075500001\",\"numA\":\"+8613800000001\","
                        + "\"userData\":\"司机 Zhang ✓\"}]}"));
        for (String body : bodies) {
            assertSame(body.getBytes(StandardCharsets.UTF_8), 200);
            assertSame(body.getBytes(StandardCharsets.UTF_8), 403);
        }
        assertSame(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}, 200);
        assertSame(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'}, 200);
        assertSame(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, 200);
    }

    @Test
    void everyValueInEveryFieldReadsTheSame() {
        for (String field : ITEM_FIELDS) {
            for (String value : VALUES) {
                String item = GOOD_ITEM.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+)", "\"" + field + "\":"
                        + java.util.regex.Matcher.quoteReplacement(value));
                assertSame(("{\"resultcode\":\"0\",\"xyRelationNumList\":[" + item + "]}")
                        .getBytes(StandardCharsets.UTF_8), 200);
            }
        }
        for (String top : List.of("resultcode", "resultdesc", "subscriptionId", "relationNumber")) {
            for (String value : VALUES) {
                Map<String, String> members = new java.util.LinkedHashMap<>(Map.of("resultcode", "\"0\"",
                        "resultdesc", "\"Success\"", "subscriptionId", "\"sub-1\"", "relationNumber",
                        "\"+8617075500001\""));
                members.put(top, value);
                StringBuilder body = new StringBuilder("{");
                members.forEach((k, v) -> body.append(body.length() > 1 ? "," : "").append('"').append(k)
                        .append("\":").append(v));
                assertSame(body.append('}').toString().getBytes(StandardCharsets.UTF_8), 200);
            }
        }
    }

    @Test
    void generatedAnswersReadTheSame() {
        Random random = new Random(20261204L);
        String[] tops = {"resultcode", "resultdesc", "subscriptionId", "relationNumber", "xyRelationNumList", "other"};
        for (int n = 0; n < 3000; n++) {
            StringBuilder body = new StringBuilder("{");
            int members = 2 + random.nextInt(5);
            for (int m = 0; m < members; m++) {
                // mostly a success with a list first, then anything, duplicates included
                String name = m == 0 && random.nextInt(5) > 0 ? "resultcode"
                        : m == 1 && random.nextInt(5) > 0 ? "xyRelationNumList" : tops[random.nextInt(tops.length)];
                String value;
                if (name.equals("xyRelationNumList") && random.nextInt(4) > 0) {
                    StringBuilder list = new StringBuilder("[");
                    int items = random.nextInt(4);
                    for (int i = 0; i < items; i++) {
                        list.append(i > 0 ? "," : "").append(random.nextInt(12) == 0
                                ? VALUES[random.nextInt(VALUES.length)] : item(random));
                    }
                    value = list.append(']').toString();
                } else if (name.equals("resultcode") && random.nextInt(5) > 0) {
                    value = random.nextInt(6) > 0 ? "\"0\"" : "\"1016001\"";
                } else {
                    value = VALUES[random.nextInt(VALUES.length)];
                }
                body.append(m > 0 ? "," : "").append('"').append(name).append("\":").append(value);
            }
            body.append('}');
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(10) == 0) {
                bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)); // truncated
            }
            assertSame(bytes, random.nextInt(5) == 0 ? 403 : 200);
        }
        assertTrue(READ.get() > 300, "too few answers were readable to compare values: " + READ.get());
    }

    private static String item(Random random) {
        StringBuilder item = new StringBuilder("{");
        int k = 0;
        for (String field : ITEM_FIELDS) {
            int pick = random.nextInt(40);
            if (pick == 0) {
                continue;
            }
            String value = pick < 3 ? VALUES[random.nextInt(VALUES.length)] : goodValue(field);
            item.append(k++ > 0 ? "," : "").append('"').append(field).append("\":").append(value);
        }
        return item.append('}').toString();
    }

    private static String goodValue(String field) {
        switch (field) {
            case "numA":
            case "numB":
                return "\"+8613800000001\"";
            case "numX":
            case "numY":
                return "\"+8617075500001\"";
            case "callDirection":
                return "2";
            case "duration":
            case "ybDuration":
                return "\"600\"";
            case "recordFlag":
                return "\"false\"";
            case "subscribeTime":
                return "\"2026-12-04 10:00:00\"";
            default:
                return "\"v-" + field + "\"";
        }
    }

    /** Both readers, every kind of answer: the same value, or the same exception type and message. */
    private static void assertSame(byte[] body, int status) {
        TransportResponse r = new TransportResponse(status, Map.of("Content-Type",
                List.of("application/json;charset=UTF-8")), body);
        String what = new String(body, StandardCharsets.UTF_8) + " (HTTP " + status + ")";
        assertEquals(outcome(() -> TREE.relations(r, QUERIED)), outcome(() -> STREAM.relations(r, QUERIED)), what);
        assertEquals(outcome(() -> TREE.relations(r, null)), outcome(() -> STREAM.relations(r, null)), what);
        assertEquals(outcome(() -> TREE.bindResult(r)), outcome(() -> STREAM.bindResult(r)), what);
        assertEquals(outcome(() -> {
            TREE.empty(r);
            return "ok";
        }), outcome(() -> {
            STREAM.empty(r);
            return "ok";
        }), what);
        assertEquals(outcome(() -> TREE.recordingUrl(r)), outcome(() -> STREAM.recordingUrl(r)), what);
    }

    /** The value read (compared with {@code equals}), or the failure as text. */
    private static Object outcome(java.util.function.Supplier<Object> read) {
        try {
            Object value = read.get();
            if (value instanceof List<?> list && !list.isEmpty()) {
                READ.incrementAndGet();
            }
            return value;
        } catch (PlatformException e) {
            return "platform " + e.httpStatus() + " " + e.resultCode().code() + " " + e.getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
