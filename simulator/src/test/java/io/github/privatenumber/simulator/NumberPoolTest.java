package io.github.privatenumber.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NumberPoolTest {

    @Test
    void defaultPoolHasAtLeastTwentyNumbersInThreeAreasWithLooseMatchingVisible() {
        NumberPool p = NumberPool.defaultPool();
        assertTrue(p.size() >= 20);
        assertEquals(Map.of("0755", 8, "010", 6, "020", 4, "021", 4), p.countByArea());
        String guangdong = p.entries().stream().filter(e -> e.areaCode().equals("0755")).findFirst().orElseThrow().province();
        assertTrue(p.entries().stream().anyMatch(e -> e.areaCode().equals("020") && e.province().equals(guangdong)));
        Set<String> first = new HashSet<>();
        p.entries().forEach(e -> first.add(e.number()));
        assertTrue(NumberPool.defaultPool(1).entries().stream().noneMatch(e -> first.contains(e.number())));
    }

    @Test
    void parsesTheTextFormat() {
        NumberPool p = NumberPool.parse("# comment\n\n0755 +8617075500001\n 020\t+8617002000001 \n0999 +8617099900001 xinjiang\n");
        assertEquals(3, p.size());
        assertEquals("guangdong", p.entries().get(1).province());
        assertEquals("xinjiang", p.entries().get(2).province());
        assertEquals(p.entries().get(0).province(), p.entries().get(1).province());
        assertFalse(p.toString().contains("17075500001"));
    }

    @Test
    void reportsErrorsWithTheLine() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NumberPool.parse("0755 +8617075500001\n0755\n"))
                .getMessage().startsWith("pool line 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NumberPool.parse("755 +8617075500001"))
                .getMessage().contains("area code"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NumberPool.parse("0755 17075500001"))
                .getMessage().contains("global format"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NumberPool.parse("0755 +8617075500001\n010 +8617075500001"))
                .getMessage().contains("duplicate"));
        assertThrows(IllegalArgumentException.class, () -> NumberPool.parse("# nothing\n"));
    }

    @Test
    void aNumberBelongsToOneApp() {
        NumberPool p = NumberPool.parse("0755 +8617075500001");
        assertThrows(IllegalArgumentException.class, () -> Simulator.builder().pool(p)
                .addApp(io.github.privatenumber.core.AppCredentials.of("second", "second-secret"), null, null, p).build());
    }
}
