package io.github.privatenumber.client;

import io.github.privatenumber.core.AppCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

/** Builders of clients over a {@link FakeTransport} with fast retries and an exact clock and nonces. */
final class TestClients {

    static final AppCredentials CREDENTIALS = AppCredentials.of("testAppKey+1", "testAppSecret0001");
    static final RetryOptions FAST_RETRY = RetryOptions.builder()
            .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2)).jitter(0).build();

    private TestClients() {
    }

    static PrivateNumberClient.Builder builder(FakeTransport transport) {
        AtomicInteger nonce = new AtomicInteger();
        return PrivateNumberClient.builder()
                .endpoint("https://rtcpns.example.com/prefix/")
                .credentials(CREDENTIALS)
                .transport(transport)
                .retry(FAST_RETRY)
                .responseTimeout(Duration.ofSeconds(5))
                .overallTimeout(Duration.ofSeconds(10))
                .clock(new SteppingClock(Instant.parse("2024-05-01T08:00:00Z")))
                .nonceSource(() -> "NONCE" + nonce.incrementAndGet());
    }

    static PrivateNumberClient client(FakeTransport transport) {
        return builder(transport).build();
    }

    /** A clock that moves one second forward every time it is read. */
    static final class SteppingClock extends Clock {
        private final AtomicInteger reads = new AtomicInteger();
        private final Instant start;

        SteppingClock(Instant start) {
            this.start = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return start.plusSeconds(reads.getAndIncrement());
        }
    }
}
