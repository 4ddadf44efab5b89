package io.github.privatenumber.notifications;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.notifications.testing.PushTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Shared test data. */
final class Fixtures {

    static final AppCredentials APP = AppCredentials.of("test-app-key", "test-app-secret-0001");
    static final AppCredentials OTHER_APP = AppCredentials.of("other-app-key", "other-app-secret-0002");
    static final String SESSION = "1200_1827_4294967295_20190124023003@callenabler246.huaweicaas.com";
    static final Instant T0 = Instant.parse("2019-01-24T02:30:03Z");

    private Fixtures() {
    }

    static NotificationReceiver.Builder receiver(RecordingSink sink) {
        return NotificationReceiver.builder().credentials(APP).sink(sink);
    }

    static PushTestClient platform() {
        return PushTestClient.of(APP);
    }

    static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/seeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    /** {@code n} answered CDRs with ids {@code prefix-1 .. prefix-n}. */
    static String cdrs(String prefix, int n) {
        List<PushTestClient.Cdr> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(PushTestClient.cdr(prefix + "-" + i).direction(1).sessionId("s-" + prefix + "-" + i)
                    .callerNum("+8613800000001").calleeNum("+8617000000001")
                    .answered(T0.plusSeconds(i), Duration.ofSeconds(3), Duration.ofSeconds(60 + i)));
        }
        return PushTestClient.cdrBody(list.toArray(new PushTestClient.Cdr[0]));
    }
}
