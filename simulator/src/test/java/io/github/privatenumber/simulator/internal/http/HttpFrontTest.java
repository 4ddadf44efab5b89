package io.github.privatenumber.simulator.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpFrontTest {

    @Test
    void anAdminInternalErrorAnswersInTheAdminFormat() {
        // an AdminHandler without an engine fails inside: the 500 still has the admin API's {"error": ...} shape
        try (HttpFront front = new HttpFront(null, new AdminHandler(null, 1024), new FaultRegistry(), 1)) {
            Reply r = front.handle(new ApiRequest("GET", "/simulator/state", null, Map.of(), new byte[0]));
            assertEquals(500, r.answer().status());
            String body = new String(r.answer().body(), StandardCharsets.UTF_8);
            assertTrue(body.startsWith("{\"error\":\"internal error"), body);
        }
    }
}
