package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every field, type and range of SPEC section 4, and broken bodies: 403 1010002 naming the problem. */
class BindValidationTest {

    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    private static final String A = "+8613912345678";
    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(SIM.simulator());
    }

    private void assertInvalid(Api.Resp r, String descPart) {
        assertEquals(403, r.status(), r.toString());
        assertEquals("1010002", r.code(), r.toString());
        assertTrue(r.desc().contains(descPart), "description '" + r.desc() + "' should mention '" + descPart + "'");
        assertFalse(r.desc().contains("13912345678"), "never echo the number");
        assertTrue(SIM.simulator().state().bindings().isEmpty(), "nothing bound");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{}|origNum is required",
        "{\"origNum\":\"13912345678\"}|origNum must be a global-format number like +8613800000001",
        "{\"origNum\":\"+1 2025550100\"}|origNum must be a global-format number",
        "{\"origNum\":\"+86138000000011234\"}|origNum must be a global-format number",
        "{\"origNum\":8613800000001}|origNum must be a string",
        "{\"origNum\":\"+8613912345678\",\"areaCode\":\"755\"}|areaCode must be a city code",
        "{\"origNum\":\"+8613912345678\",\"areaCode\":755}|areaCode must be a string",
        "{\"origNum\":\"+8613912345678\",\"areaCode\":\"\"}|areaCode must be 1-32 characters",
        "{\"origNum\":\"+8613912345678\",\"areaMatchMode\":0}|areaMatchMode must be the string",
        "{\"origNum\":\"+8613912345678\",\"areaMatchMode\":\"2\"}|areaMatchMode must be the string",
        "{\"origNum\":\"+8613912345678\",\"callDirection\":\"0\"}|callDirection must be an integer",
        "{\"origNum\":\"+8613912345678\",\"callDirection\":1.0}|callDirection must be an integer",
        "{\"origNum\":\"+8613912345678\",\"callDirection\":3}|callDirection must be 0-2",
        "{\"origNum\":\"+8613912345678\",\"callDirection\":-1}|callDirection must be 0-2",
        "{\"origNum\":\"+8613912345678\",\"duration\":59}|duration must be 0 or 60-7776000",
        "{\"origNum\":\"+8613912345678\",\"duration\":7776001}|duration must be 0 or 60-7776000",
        "{\"origNum\":\"+8613912345678\",\"duration\":99999999999999999999}|duration must be 0 or 60-7776000",
        "{\"origNum\":\"+8613912345678\",\"duration\":\"7200\"}|duration must be an integer",
        "{\"origNum\":\"+8613912345678\",\"ybDuration\":1}|ybDuration must be 0 or 60-7776000",
        "{\"origNum\":\"+8613912345678\",\"recordFlag\":\"true\"}|recordFlag must be a boolean",
        "{\"origNum\":\"+8613912345678\",\"recordFlag\":1}|recordFlag must be a boolean",
        "{\"origNum\":\"+8613912345678\",\"recordHintTone\":\"\"}|recordHintTone must be 1-128 characters",
        "{\"origNum\":\"+8613912345678\",\"recordHintTone\":\"a b.wav\"}|recordHintTone must be 1-128 characters of",
        "{\"origNum\":\"+8613912345678\",\"preVoiceX\":\"dir/x.wav\"}|preVoiceX must be 1-128 characters of",
        "{\"origNum\":\"+8613912345678\",\"preVoiceX\":7}|preVoiceX must be a string",
        "{\"origNum\":\"+8613912345678\",\"userData\":42}|userData must be a string",
        "{\"origNum\":\"+8613912345678\",\"origNum\":\"+8613800000002\"}|a field appears twice",
        "{\"origNum\":\"+8613912345678\"|not valid JSON",
        "{\"origNum\":\"+8613912345678\"} {}|not valid JSON",
        "[{\"origNum\":\"+8613912345678\"}]|must be a JSON object",
        "\"+8613912345678\"|must be a JSON object",
    })
    void axFieldRules(String body, String desc) {
        assertInvalid(api.bind(body), desc);
    }

    @Test
    void fieldLengthLimits() {
        assertEquals(200, api.bind(Api.ax(A).put("recordHintTone", "a".repeat(128))).status());
        SIM.simulator().reset();
        assertInvalid(api.bind(Api.ax(A).put("recordHintTone", "a".repeat(129))), "recordHintTone must be 1-128");
        assertInvalid(api.bind(Api.ax(A).put("userData", "x".repeat(257))), "userData must be at most 256");
        // 256 characters, each outside the BMP (two UTF-16 units, four UTF-8 bytes): allowed
        assertEquals(200, api.bind(Api.ax(A).put("userData", "\uD83D\uDE00".repeat(256))).status());
    }

    @Test
    void durationBoundsAndDefaults() {
        for (int d : new int[] {0, 60, 7_776_000}) {
            Api.Resp r = api.bind(Api.ax(A).put("duration", d).put("ybDuration", d));
            assertEquals(200, r.status(), r.toString());
            JsonNode item = api.query("subscriptionId", r.json().get("subscriptionId").asText()).json().get("xyRelationNumList").get(0);
            assertEquals(Integer.toString(d), item.get("duration").textValue());
            SIM.simulator().reset();
        }
        Api.Resp r = api.bind(Api.ax(A));
        JsonNode item = api.query("subscriptionId", r.json().get("subscriptionId").asText()).json().get("xyRelationNumList").get(0);
        assertEquals("7200", item.get("duration").textValue(), "default duration");
        assertEquals("0", item.get("ybDuration").textValue(), "default ybDuration");
        assertEquals("false", item.get("recordFlag").textValue());
        assertEquals(0, item.get("callDirection").intValue());
    }

    @Test
    void ybDurationLargerThanDurationIsCutToDuration() {
        Api.Resp r = api.bind(Api.ax(A).put("duration", 600).put("ybDuration", 9000));
        assertEquals(200, r.status());
        JsonNode item = api.query("subscriptionId", r.json().get("subscriptionId").asText()).json().get("xyRelationNumList").get(0);
        assertEquals("600", item.get("ybDuration").textValue());
    }

    @Test
    void explicitNullMeansAbsent() {
        Api.Resp r = api.bind("{\"origNum\":\"+8613912345678\",\"areaCode\":null,\"userData\":null,\"recordFlag\":null}");
        assertEquals(200, r.status(), r.toString());
    }

    @Test
    void invalidUtf8Body() {
        byte[] body = "{\"origNum\":\"+8613912345678\",\"userData\":\"\u00ff\u00fe\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertInvalid(api.signed("POST", Api.BINDING + "?app_key=" + api.appKey(), body), "not valid UTF-8");
        byte[] truncated = {'{', '"', 'u', '"', ':', '"', (byte) 0xE4, (byte) 0xB8, '"', '}'};
        assertInvalid(api.signed("POST", Api.BINDING + "?app_key=" + api.appKey(), truncated), "not valid UTF-8");
    }

    @Test
    void emptyBody() {
        assertInvalid(api.signed("POST", Api.BINDING + "?app_key=" + api.appKey(), new byte[0]), "request body is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/json;charset=GBK", "application/x-www-form-urlencoded"})
    void wrongContentType(String contentType) {
        Map<String, String> h = api.signedHeaders();
        h.put("Content-Type", contentType);
        assertInvalid(api.send("POST", Api.BINDING + "?app_key=" + api.appKey(),
                "{\"origNum\":\"+8613912345678\"}".getBytes(StandardCharsets.UTF_8), h), "Content-Type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON;CHARSET=\"UTF-8\""})
    void acceptedContentTypes(String contentType) {
        Map<String, String> h = api.signedHeaders();
        h.put("Content-Type", contentType);
        Api.Resp r = api.send("POST", Api.BINDING + "?app_key=" + api.appKey(),
                "{\"origNum\":\"+8613912345678\"}".getBytes(StandardCharsets.UTF_8), h);
        assertEquals(200, r.status(), r.toString());
    }

    @Test
    void userDataRoundTripsByteForByte() {
        String userData = "订单#2024-001 {\"k\":\"v\"} 😀👍🏽 ünïcödé \\ / \t end";
        String[] ax = api.ax(Api.ax(A).put("userData", userData));
        Api.Resp q = api.query("subscriptionId", ax[0]);
        assertEquals(userData, q.json().get("xyRelationNumList").get(0).get("userData").textValue());
        // and the raw answer carries it as UTF-8 (not \\u escapes of a wrong charset)
        byte[] expected = userData.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t").getBytes(StandardCharsets.UTF_8);
        assertTrue(indexOf(q.body(), expected) >= 0, "UTF-8 bytes of userData appear in the answer");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void userDataSentAsUnicodeEscapesIsTheSameText() {
        // json.dumps with ensure_ascii sends "\\u8ba2\\u5355"; the platform reads it as the same characters
        String[] ax = api.ax(Api.ax(A));
        SIM.simulator().reset();
        Api.Resp r = api.bind("{\"origNum\": \"+8613912345678\", \"userData\": \"\\u8ba2\\u5355\\ud83d\\ude00\"}");
        assertEquals(200, r.status());
        assertEquals("订单😀", api.query("subscriptionId", r.json().get("subscriptionId").asText()).json()
                .get("xyRelationNumList").get(0).get("userData").textValue());
        assertArrayEquals(new String[0], new String[0], ax[0]);
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        for (String escaped : new String[] {"a\\ud83dz", "\\ude00", "x\\ud83d", "\\ude00\\ud83d"}) {
            assertInvalid(api.bind("{\"origNum\":\"" + A + "\",\"userData\":\"" + escaped + "\"}"), "userData");
            assertInvalid(api.bind("{\"origNum\":\"" + A + "\",\"recordHintTone\":\"" + escaped + "\"}"), "recordHintTone");
        }
        // a pair is one character; an empty userData is accepted (the platform's behaviour is not documented)
        assertEquals(200, api.bind("{\"origNum\":\"" + A + "\",\"userData\":\"\\ud83d\\ude00\"}").status());
        assertEquals(200, api.bind("{\"origNum\":\"+8613800000002\",\"userData\":\"\"}").status());
    }

    @Test
    void subscriptionIdsUpTo128CharactersAreRead() {
        api.ax(Api.ax(A));
        Api.Resp longest = api.bind(Api.obj().put("origNum", "+8613900000002").put("subscriptionId", "s".repeat(128)));
        assertEquals("1016001", longest.code(), "valid, just unknown: " + longest);
        Api.Resp tooLong = api.bind(Api.obj().put("origNum", "+8613900000002").put("subscriptionId", "s".repeat(129)));
        assertEquals("1010002", tooLong.code());
        assertTrue(tooLong.desc().contains("subscriptionId must be 1-128"), tooLong.desc());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"origNum\":\"+8613900000002\",\"subscriptionId\":\"\"}|subscriptionId must be 1-128 characters",
        "{\"origNum\":\"+8613900000002\",\"subscriptionId\":123}|subscriptionId must be a string",
        "{\"subscriptionId\":\"SUB\"}|origNum is required",
        "{\"origNum\":\"13900000002\",\"subscriptionId\":\"SUB\"}|origNum must be a global-format number",
        "{\"origNum\":\"+8613900000002\",\"subscriptionId\":\"SUB\",\"ybDuration\":30}|ybDuration must be 0 or 60-7776000",
        "{\"origNum\":\"+8613900000002\",\"subscriptionId\":\"SUB\",\"preVoiceY\":\"y tone.wav\"}|preVoiceY must be 1-128 characters of",
        "{\"origNum\":\"+8613900000002\",\"subscriptionId\":\"SUB\",\"areaCode\":\"abc\"}|areaCode must be a city code",
        "{\"origNum\":\"+8613912345678\",\"subscriptionId\":\"SUB\"}|must differ from the A number",
    })
    void ybFieldRules(String body, String desc) {
        String[] ax = api.ax(Api.ax(A));
        Api.Resp r = api.bind(body.replace("SUB", ax[0]));
        assertEquals(403, r.status(), r.toString());
        assertEquals("1010002", r.code());
        assertTrue(r.desc().contains(desc), r.desc());
        assertTrue(SIM.simulator().state().bindings().get(0).ybBindings().isEmpty());
    }

    @Test
    void queryAndUnbindParameterRules() {
        Api.Resp none = api.signed("GET", Api.BINDING + "?app_key=" + api.appKey(), null);
        assertEquals("1010002", none.code());
        assertTrue(none.desc().contains("subscriptionId or relationNum is required"));

        String[] ax = api.ax(Api.ax(A));
        Api.Resp noSub = api.signed("DELETE", Api.BINDING + "?app_key=" + api.appKey(), null);
        assertEquals("1010002", noSub.code());
        Api.Resp emptySub = api.unbind("subscriptionId", "");
        assertEquals("1010002", emptySub.code(), "an empty subscriptionId never widens into anything");
        Api.Resp emptyY = api.unbind("subscriptionId", ax[0], "yNum", "");
        assertEquals("1010002", emptyY.code());
        assertEquals(1, SIM.simulator().state().bindings().size());

        // percent-escapes that decode to bytes which are not UTF-8
        Api.Resp notUtf8 = api.signed("GET", Api.BINDING + "?relationNum=%FF%FE&app_key=" + api.appKey(), null);
        assertEquals(403, notUtf8.status());
        assertEquals("1010002", notUtf8.code());
        assertTrue(notUtf8.desc().contains("UTF-8"), notUtf8.desc());
        // a request line that is no URI at all is refused by the HTTP layer before anything else
        PySample.RawResponse broken = PySample.urllib(SIM.baseUrl(), "GET", Api.BINDING + "?relationNum=%zz&app_key=" + api.appKey(),
                PySample.buildAkskHeader(api.appKey(), SIM.credentials().appSecret()), null);
        assertEquals(400, broken.status());
    }

    @Test
    void origNumMustNotBeAPrivacyNumber() {
        assertInvalid(api.bind(Api.ax("+8617075500003")), "not a privacy number");
    }
}
