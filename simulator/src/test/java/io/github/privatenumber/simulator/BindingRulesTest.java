package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.privatenumber.simulator.junit.SimulatorExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AXYB model of SPEC section 3 on the default pool (0755 ×8, 010 ×6, 020 ×4, 021 ×4). */
class BindingRulesTest {

    @RegisterExtension
    static final SimulatorExtension SIM = new SimulatorExtension();

    private static final String A1 = "+8613800000001";
    private static final String A2 = "+8613800000002";
    private static final String B1 = "+8613900000001";
    private static final String B2 = "+8613900000002";
    private static final String B3 = "+8613900000003";
    private static final String B4 = "+8613900000004";

    private Api api;
    private Simulator sim;

    @BeforeEach
    void setUp() {
        sim = SIM.simulator();
        api = new Api(sim);
    }

    private String areaOfX(String x) {
        return sim.state().bindings().stream().filter(b -> b.numX().equals(x)).findFirst().orElseThrow().areaCode();
    }

    private static String area(String number) {
        // default pool numbers: +86 17i AAA nnnnn, the area digits after the prefix
        String digits = number.substring(6, 9);
        return digits.equals("755") ? "0755" : "0" + digits.substring(1);
    }

    @Test
    void atMostFiveXPerA() {
        Set<String> xs = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String[] ax = api.ax(Api.ax(A1));
            xs.add(ax[1]);
            ids.add(ax[0]);
        }
        assertEquals(5, xs.size(), "each AX bind of the same A is a new relation with a new X");
        assertEquals(5, ids.size());
        Api.Resp sixth = api.bind(Api.ax(A1));
        assertEquals(403, sixth.status());
        assertEquals("1011003", sixth.code());
        assertEquals(200, api.bind(Api.ax(A2)).status(), "another A is not limited");
        assertEquals(200, api.unbind("subscriptionId", ids.iterator().next()).status());
        assertEquals(200, api.bind(Api.ax(A1)).status(), "after an unbind A may bind again");
    }

    @Test
    void strictAndLooseAreaMatching() {
        for (int i = 0; i < 8; i++) {
            String[] ax = api.ax(Api.ax(i < 5 ? A1 : A2).put("areaCode", "0755"));
            assertEquals("0755", areaOfX(ax[1]));
        }
        Api.Resp strict = api.bind(Api.ax(A2).put("areaCode", "0755"));
        assertEquals(403, strict.status());
        assertEquals("1011002", strict.code());
        Api.Resp strictExplicit = api.bind(Api.ax(A2).put("areaCode", "0755").put("areaMatchMode", "0"));
        assertEquals("1011002", strictExplicit.code());

        // loose: same province first (020 is Guangdong like 0755) ...
        String[] loose = api.ax(Api.ax(A2).put("areaCode", "0755").put("areaMatchMode", "1"));
        assertEquals("020", areaOfX(loose[1]));
        for (int i = 0; i < 3; i++) {
            assertEquals("020", areaOfX(api.ax(Api.ax("+861380000001" + i).put("areaCode", "0755").put("areaMatchMode", "1"))[1]));
        }
        // ... then any number of the app
        String[] anywhere = api.ax(Api.ax("+8613800000020").put("areaCode", "0755").put("areaMatchMode", "1"));
        assertTrue(Set.of("010", "021").contains(areaOfX(anywhere[1])));

        assertEquals("1011002", api.bind(Api.ax("+8613800000021").put("areaCode", "0999")).code(), "an area without numbers");
        assertEquals(200, api.bind(Api.ax("+8613800000021").put("areaCode", "0999").put("areaMatchMode", "1")).status());
    }

    @Test
    void xAndYComeFromThePoolAndNeverCoincide() {
        String[] ax = api.ax(Api.ax(A1));
        String y = api.yb(ax[0], B1);
        assertNotEquals(ax[1], y);
        assertTrue(y.startsWith("+8617"), "Y comes from the same pool");
        // the rest of the pool can be taken as X, never the number in use as Y
        Set<String> xs = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            Api.Resp r = api.bind(Api.ax("+86137000000" + String.format("%02d", i)));
            if (r.status() == 200) {
                xs.add(r.json().get("relationNumber").asText());
            } else {
                assertEquals("1011002", r.code());
            }
        }
        assertTrue(!xs.contains(y) && !xs.contains(ax[1]));
        assertEquals(22 - 2, xs.size(), "every other number became an X");
        // every number is an X now, and the one Y may not serve the same A twice: no Y for another B of A
        Api.Resp noY = api.bind(Api.obj().put("origNum", B2).put("subscriptionId", ax[0]));
        assertEquals(403, noY.status());
        assertEquals("1012008", noY.code());
    }

    @Test
    void yIsSharedAcrossAsButNeverTwiceWithTheSameA() {
        String[] s1 = api.ax(Api.ax(A1).put("areaCode", "010"));
        String[] s2 = api.ax(Api.ax(A1).put("areaCode", "010"));
        String y1 = api.yb(s1[0], B1);
        String y2 = api.yb(s2[0], B2);
        String y1b = api.yb(s1[0], B3);
        assertEquals(3, Set.of(y1, y2, y1b).size(), "A dials Y must be unambiguous: one A never has the same Y twice");

        String[] other = api.ax(Api.ax(A2).put("areaCode", "010"));
        String y3 = api.yb(other[0], B1);
        assertTrue(Set.of(y1, y2, y1b).contains(y3), "a Y already in use is shared with another A");
        assertEquals("010", area(y3));
    }

    @Test
    void sameBTwiceOnASubscriptionIsRefused() {
        String[] ax = api.ax(Api.ax(A1));
        api.yb(ax[0], B1);
        Api.Resp again = api.bind(Api.obj().put("origNum", B1).put("subscriptionId", ax[0]));
        assertEquals(403, again.status());
        assertEquals("1012010", again.code());
    }

    @Test
    void unknownSubscriptionId() {
        Api.Resp yb = api.bind(Api.obj().put("origNum", B1).put("subscriptionId", "no-such-subscription"));
        assertEquals(403, yb.status());
        assertEquals("1016001", yb.code());
        assertEquals("1016001", api.unbind("subscriptionId", "no-such-subscription").code());
        assertEquals("1016001", api.query("subscriptionId", "no-such-subscription").code());
        assertEquals("1016001", api.query("relationNum", "+8617075500001").code(), "an X without binding");
    }

    @Test
    void ybAreaMatching() {
        String[] ax = api.ax(Api.ax(A1).put("areaCode", "021"));
        assertEquals("021", area(api.yb(ax[0], B1)), "YB without areaCode looks in the AX's area");
        String y = api.bind(Api.obj().put("origNum", B2).put("subscriptionId", ax[0]).put("areaCode", "0755")).json()
                .get("relationNumber").asText();
        assertEquals("0755", area(y));
        Api.Resp none = api.bind(Api.obj().put("origNum", B3).put("subscriptionId", ax[0]).put("areaCode", "0999"));
        assertEquals(403, none.status());
        assertEquals("1012008", none.code());
        assertEquals(200, api.bind(Api.obj().put("origNum", B3).put("subscriptionId", ax[0]).put("areaCode", "0999")
                .put("areaMatchMode", "1")).status());
    }

    @Test
    void ybWithoutAreaCodeFallsBackLooselyWhenTheAxAreaIsFull() {
        // the four 020 numbers: three as X of one A, the fourth as X of another
        String[] s1 = api.ax(Api.ax(A1).put("areaCode", "020"));
        api.ax(Api.ax(A1).put("areaCode", "020"));
        api.ax(Api.ax(A1).put("areaCode", "020"));
        api.ax(Api.ax(A2).put("areaCode", "020"));
        String y = api.yb(s1[0], B1);
        assertEquals("0755", area(y), "no free 020 number: same province (Guangdong) next");
    }

    @Test
    void expiryOnThePlatformClock() {
        String[] shortLived = api.ax(Api.ax(A1).put("duration", 60).put("areaCode", "021"));
        api.yb(shortLived[0], B1);
        String[] ybLimited = api.ax(Api.ax(A2).put("duration", 600).put("ybDuration", 120));
        String y = api.yb(ybLimited[0], B2);
        String[] forever = api.ax(Api.ax("+8613800000003").put("duration", 0));

        sim.advanceClock(Duration.ofSeconds(59));
        assertEquals(200, api.query("subscriptionId", shortLived[0]).status());
        sim.advanceClock(Duration.ofSeconds(1));
        assertEquals("1016001", api.query("subscriptionId", shortLived[0]).code(), "duration ends AX and its YB");
        assertEquals("1016001", api.query("relationNum", shortLived[1]).code());

        sim.advanceClock(Duration.ofSeconds(60));
        JsonNode item = api.query("subscriptionId", ybLimited[0]).json().get("xyRelationNumList").get(0);
        assertEquals("", item.get("numY").textValue(), "ybDuration ends only the YB");
        assertEquals("", item.get("numB").textValue());
        assertEquals(ybLimited[1], item.get("numX").textValue());

        sim.advanceClock(Duration.ofDays(100));
        assertEquals("1016001", api.query("subscriptionId", ybLimited[0]).code());
        assertEquals(200, api.query("subscriptionId", forever[0]).status(), "duration 0 never expires");

        // the expired numbers are back in the pool: 021 has its four numbers free again
        for (int i = 0; i < 4; i++) {
            assertEquals("021", areaOfX(api.ax(Api.ax("+861370000000" + i).put("areaCode", "021"))[1]));
        }
        assertTrue(sim.state().bindings().stream().noneMatch(b -> b.ybBindings().stream().anyMatch(p -> p.numY().equals(y))));
    }

    @Test
    void ybStepCarriesItsOwnYbDuration() {
        String[] ax = api.ax(Api.ax(A1).put("duration", 3600));
        api.bind(Api.obj().put("origNum", B1).put("subscriptionId", ax[0]).put("ybDuration", 300));
        api.bind(Api.obj().put("origNum", B2).put("subscriptionId", ax[0]).put("ybDuration", 99999));
        JsonNode list = api.query("subscriptionId", ax[0]).json().get("xyRelationNumList");
        assertEquals("300", list.get(0).get("ybDuration").textValue());
        assertEquals("3600", list.get(1).get("ybDuration").textValue(), "cut to duration");
        sim.advanceClock(Duration.ofSeconds(300));
        JsonNode after = api.query("subscriptionId", ax[0]).json().get("xyRelationNumList");
        assertEquals(1, after.size());
        assertEquals(B2, after.get(0).get("numB").textValue());
    }

    @Test
    void queryAnswerAndPrecedence() {
        String[] s1 = api.ax(Api.ax(A1).put("callDirection", 1).put("recordFlag", true).put("preVoiceX", "x.wav"));
        String[] s2 = api.ax(Api.ax(A2));
        JsonNode axOnly = api.query("subscriptionId", s1[0]).json();
        assertEquals("0", axOnly.get("resultcode").textValue());
        JsonNode item = axOnly.get("xyRelationNumList").get(0);
        assertEquals(s1[0], item.get("subscriptionId").textValue());
        assertTrue(item.get("bindId").isTextual());
        assertEquals(A1, item.get("numA").textValue());
        assertEquals(s1[1], item.get("numX").textValue());
        assertEquals("", item.get("numY").textValue());
        assertEquals("", item.get("numB").textValue());
        assertEquals("true", item.get("recordFlag").textValue());
        assertEquals(1, item.get("callDirection").intValue());
        assertTrue(item.get("callDirection").isInt());
        assertTrue(item.get("duration").isTextual() && item.get("ybDuration").isTextual());
        assertTrue(item.get("subscribeTime").textValue().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"));
        assertEquals("x.wav", item.get("preVoiceX").textValue());

        // both keys: subscriptionId wins
        JsonNode both = api.query("subscriptionId", s1[0], "relationNum", s2[1]).json().get("xyRelationNumList");
        assertEquals(s1[1], both.get(0).get("numX").textValue());

        // by relationNum: every relation on that X
        String y1 = api.yb(s1[0], B1);
        String y2 = api.yb(s1[0], B2);
        JsonNode byX = api.query("relationNum", s1[1]).json().get("xyRelationNumList");
        assertEquals(2, byX.size());
        assertEquals(Set.of(y1, y2), Set.of(byX.get(0).get("numY").textValue(), byX.get(1).get("numY").textValue()));
        assertNotEquals(byX.get(0).get("bindId").textValue(), byX.get(1).get("bindId").textValue());
        assertEquals("1016001", api.query("relationNum", y1).code(), "relationNum is an X");
    }

    @Test
    void unbindVariants() {
        String[] ax = api.ax(Api.ax(A1));
        String y1 = api.yb(ax[0], B1);
        String y2 = api.yb(ax[0], B2);
        String y3 = api.yb(ax[0], B3);
        api.yb(ax[0], B4);

        assertEquals(200, api.unbind("subscriptionId", ax[0], "yNum", y1).status());
        assertEquals(Set.of(B2, B3, B4), bs(ax[0]));
        assertEquals(200, api.unbind("subscriptionId", ax[0], "bNum", B2).status());
        assertEquals(Set.of(B3, B4), bs(ax[0]));
        // both: yNum wins (removes B3's pair, B4 stays)
        assertEquals(200, api.unbind("subscriptionId", ax[0], "yNum", y3, "bNum", B4).status());
        assertEquals(Set.of(B4), bs(ax[0]));

        assertEquals("1016001", api.unbind("subscriptionId", ax[0], "yNum", y2).code(), "that YB is gone");
        assertEquals("1016001", api.unbind("subscriptionId", ax[0], "bNum", B1).code());
        // an unescaped '+' reads as a space: not found, nothing removed
        Api.Resp raw = api.signed("DELETE", Api.BINDING + "?subscriptionId=" + ax[0] + "&bNum=" + B4 + "&app_key=" + api.appKey(), null);
        assertEquals(403, raw.status());
        assertEquals("1016001", raw.code());
        assertEquals(Set.of(B4), bs(ax[0]));

        assertEquals(200, api.unbind("subscriptionId", ax[0]).status());
        assertTrue(sim.state().bindings().isEmpty());
        assertEquals("1016001", api.unbind("subscriptionId", ax[0]).code());
    }

    private Set<String> bs(String subscriptionId) {
        List<SimulatorState.YbBinding> ybs = sim.state().bindings().stream()
                .filter(b -> b.subscriptionId().equals(subscriptionId)).findFirst().orElseThrow().ybBindings();
        return ybs.stream().map(SimulatorState.YbBinding::numB).collect(Collectors.toSet());
    }
}
