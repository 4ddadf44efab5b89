package io.github.privatenumber.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.OutcomeUnknownException;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.core.number.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The DEBUG log (written by slf4j-simple to a file, see simplelogger.properties) says enough and leaks nothing. */
class ClientLoggingTest {

    @Test
    void debugLinesCarryTheFactsAndNoSecretsNumbersOrQueries() throws Exception {
        FakeTransport t = new FakeTransport()
                .thenAnswer(500, "{\"resultcode\":\"1010001\",\"resultdesc\":\"internal error for +8613800000001\"}")
                .thenAnswer(200, "{\"resultcode\":\"0\",\"xyRelationNumList\":[{\"numA\":\"+8613800000001\","
                        + "\"numX\":\"+8617000000011\"}]}")
                .thenFail(true);
        try (PrivateNumberClient client = TestClients.client(t)) {
            client.queryByX(PhoneNumber.of("+8617000000011"));
            assertThrows(OutcomeUnknownException.class,
                    () -> client.bindAx(AxBindRequest.builder().origNum("+8613800000001").userData("secret note").build()));
            client.toString();
        }
        Path file = Path.of("target/client-test-debug.log");
        assertTrue(Files.exists(file), "slf4j-simple should log to " + file.toAbsolutePath());
        String log = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(log.contains("queryByX attempt 1: GET /rest/omp/xyrelationnumber/v1.0 -> HTTP 500, resultcode 1010001"), log);
        assertTrue(log.contains("queryByX attempt 2: GET /rest/omp/xyrelationnumber/v1.0 -> HTTP 200, resultcode 0"), log);
        assertTrue(log.contains("next attempt in"), log);
        assertTrue(log.contains("bindAx attempt 1: POST /rest/omp/xyrelationnumber/v1.0 failed after"), log);
        for (String forbidden : new String[] {"testAppSecret0001", "X-AKSK", "PasswordDigest", "app_key", "relationNum=",
            "%2B86", "13800000001", "17000000011", "secret note", "Nonce="}) {
            assertFalse(log.contains(forbidden), "the log contains " + forbidden + ":\n" + log);
        }
        SubscriptionId.of("x");
    }
}
