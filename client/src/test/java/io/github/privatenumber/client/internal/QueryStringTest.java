package io.github.privatenumber.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void plusIsPercentEncoded() {
        assertEquals("%2B8613800000001", QueryString.encode("+8613800000001"));
    }

    @Test
    void spaceIsPercent20NeverPlus() {
        assertEquals("a%20b", QueryString.encode("a b"));
    }

    @Test
    void nonAsciiIsUtf8PercentEncoded() {
        assertEquals("%E5%BC%A0%E4%B8%89", QueryString.encode("张三"));
        assertEquals("%C3%A4", QueryString.encode("ä"));
        assertEquals("%F0%9F%98%80", QueryString.encode("😀"));
    }

    @Test
    void unreservedCharactersStay() {
        String unreserved = "ABCXYZabcxyz0189-._~";
        assertEquals(unreserved, QueryString.encode(unreserved));
    }

    @Test
    void reservedCharactersAreEncodedUpperCase() {
        assertEquals("%21%23%24%26%27%28%29%2A%2C%2F%3A%3B%3D%3F%40%5B%5D%25%22%3C%3E%5C%5E%60%7B%7C%7D",
                QueryString.encode("!#$&'()*,/:;=?@[]%\"<>\\^`{|}"));
    }

    @Test
    void pairsAreJoinedWithAmpersand() {
        assertEquals("subscriptionId=a%2Bb&yNum=%2B86&app_key=k%20k",
                new QueryString().add("subscriptionId", "a+b").add("yNum", "+86").add("app_key", "k k").toString());
        assertEquals("", new QueryString().toString());
        assertEquals("empty=", new QueryString().add("empty", "").toString());
    }
}
