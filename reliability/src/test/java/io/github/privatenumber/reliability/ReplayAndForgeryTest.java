package io.github.privatenumber.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.notifications.NotificationEndpoint;
import io.github.privatenumber.notifications.NotificationReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue item 6: over HTTP through {@link NotificationEndpoint}, a replayed push, a stale (and a future) {@code Created},
 * the wrong app key (and the right key with the wrong secret), and legacy WSSE while it is off are each answered 401,
 * nothing of them reaches the sink, and the receiver's log names the check that failed. Afterwards the same bodies,
 * pushed again with a fresh valid signature, are accepted and delivered exactly once: a refusal leaves no trace in the
 * de-duplication store.
 */
@Order(2)
class ReplayAndForgeryTest {

    @BeforeAll
    static void init() {
        Harness.init();
    }

    private record Attack(String name, String expectedCheck, Map<String, String> headers, PushFactory.Push push) {
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void replayedStaleForeignAndWssePushesAreRefusedWith401AndReachNothing() throws Exception {
        Random rnd = Knobs.random("replay-forgery");
        AppCredentials app = AppCredentials.of("forgery-app-key", "forgery-secret-" + Long.toHexString(rnd.nextLong()));
        AppCredentials other = AppCredentials.of("forgery-other-key", "other-secret-" + Long.toHexString(rnd.nextLong()));
        Sensitive.secret(app.appSecret());
        Sensitive.secret(other.appSecret());
        PushFactory factory = new PushFactory(rnd, "R", PushFactory.numbers(rnd, 6, 2));
        CountingSink sink = new CountingSink(key -> false, true);
        NotificationReceiver receiver = NotificationReceiver.builder().credentials(app).sink(sink).build();
        long logBefore = Files.exists(Harness.LOG_FILE) ? Files.size(Harness.LOG_FILE) : 0;
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();

        try (NotificationEndpoint endpoint = NotificationEndpoint.builder(receiver)
                .address(new InetSocketAddress("127.0.0.1", 0)).path("/privatenumber/events").start();
                KeepAliveHttp http = new KeepAliveHttp(endpoint.address(), 10_000)) {
            String path = "/privatenumber/events";

            // the original push: accepted
            PushFactory.Push original = factory.cdrs(2, false);
            Map<String, String> originalHeaders = single(Signatures.fresh(app, rnd));
            assertEquals(200, http.post(path, originalHeaders, original.bytes()), "the original push");
            original.keys().forEach(k -> assertEquals(1, sink.accepted(k)));
            long deliveredAfterOriginal = sink.deliveries();

            List<Attack> attacks = new ArrayList<>();
            attacks.add(new Attack("replayed push (same headers, same body)", "REPLAYED_NONCE", originalHeaders,
                    original));
            attacks.add(new Attack("replayed signature on another body", "REPLAYED_NONCE", originalHeaders,
                    factory.cdrs(1, false)));
            attacks.add(new Attack("stale Created (6 minutes old)", "STALE_CREATED",
                    signedAt(app, rnd, Instant.now().minusSeconds(360)), factory.cdrs(1, false)));
            attacks.add(new Attack("Created 6 minutes in the future", "STALE_CREATED",
                    signedAt(app, rnd, Instant.now().plusSeconds(360)), factory.event()));
            attacks.add(new Attack("wrong app key (another app's valid signature)", "UNKNOWN_USERNAME",
                    single(Signatures.fresh(other, rnd)), factory.cdrs(1, false)));
            attacks.add(new Attack("right app key, wrong secret", "BAD_DIGEST",
                    single(Signatures.fresh(AppCredentials.of(app.appKey(), other.appSecret()), rnd)), factory.event()));
            attacks.add(new Attack("legacy WSSE while WSSE is off", "SCHEME_DISABLED",
                    single(Signatures.freshWsse(app, rnd)), factory.cdrs(1, false)));

            lines.add("| attack | status | reached the sink | check logged |");
            lines.add("|---|---|---|---|");
            for (Attack a : attacks) {
                long before = sink.deliveries();
                int status = http.post(path, a.headers(), a.push().bytes());
                boolean reached = sink.deliveries() != before;
                if (status != 401) {
                    problems.add(a.name() + ": status " + status);
                }
                if (reached) {
                    problems.add(a.name() + ": reached the sink");
                }
                lines.add("| " + a.name() + " | " + status + " | " + (reached ? "YES" : "no") + " | `" + a.expectedCheck()
                        + "` |");
            }
            assertEquals(deliveredAfterOriginal, sink.deliveries(), "nothing refused may reach the sink");

            // the log names each check; the answer does not
            Thread.sleep(100);
            String log = new String(Files.readAllBytes(Harness.LOG_FILE), StandardCharsets.UTF_8)
                    .substring((int) Math.min(logBefore, Files.size(Harness.LOG_FILE)));
            for (Attack a : attacks) {
                if (!log.contains("check " + a.expectedCheck() + " failed")) {
                    problems.add(a.name() + ": no log line naming " + a.expectedCheck());
                }
            }

            // pushed again, properly signed: each refused body is accepted and delivered exactly once
            for (Attack a : attacks) {
                int status = http.post(path, single(Signatures.fresh(app, rnd)), a.push().bytes());
                if (status != 200) {
                    problems.add(a.name() + ": the body pushed again with a valid signature got " + status);
                }
                for (String k : a.push().keys()) {
                    if (sink.accepted(k) != 1) {
                        problems.add(a.name() + ": record accepted " + sink.accepted(k) + " times after the valid push");
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError("the endpoint dropped a connection: " + e, e);
        }
        problems.addAll(sink.leaks());

        lines.add("");
        lines.add("Each refused body was then pushed again with a fresh valid signature: "
                + (problems.stream().anyMatch(p -> p.contains("pushed again") || p.contains("after the valid push"))
                        ? "NOT all" : "all") + " accepted and delivered exactly once.");
        lines.add("Problems: " + (problems.isEmpty() ? "none." : String.join("; ", problems)));
        Report.section("6. Replay and forgery (over HTTP)", lines);
        Report.summary("6. Replay and forgery", "attacks refused with 401 / reached the sink", (problems.isEmpty()
                ? "7 of 7" : "see report") + " / 0");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static Map<String, String> signedAt(AppCredentials app, Random rnd, Instant at) {
        String nonce = Signatures.nonce(rnd);
        String created = Signatures.created(at);
        String digest = Signatures.aksk(app.appSecret(), nonce, created);
        return single(Signatures.headers(Signatures.AKSK_AUTHORIZATION, "X-AKSK",
                Signatures.token(Signatures.attributes(app.appKey(), digest, nonce, created), ",")));
    }

    private static Map<String, String> single(Map<String, List<String>> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }
}
