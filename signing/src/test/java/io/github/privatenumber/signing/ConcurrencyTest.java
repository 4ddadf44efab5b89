package io.github.privatenumber.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.privatenumber.core.AppCredentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Smoke test: shared signers and one verifier under many threads; every signature passes, none is a false replay. */
class ConcurrencyTest {

    @Test
    void manyThreadsSignAndVerify() throws Exception {
        TestClock clock = TestClock.at("2024-06-01T12:00:00Z");
        AppCredentials a = AppCredentials.of("appA", "secretA-0001");
        AppCredentials b = AppCredentials.of("appB", "secretB-0002");
        List<Signer> signers = List.of(
                AkskSigner.of(a, clock, NonceSource.secureRandom()),
                AkskSigner.of(b, clock, NonceSource.secureRandom()),
                WsseSigner.of(a, clock, NonceSource.secureRandom()));
        SignatureVerifier verifier = SignatureVerifier.builder().credentials(a, b).clock(clock).wsseEnabled(true).build();

        int threads = 16;
        int perThread = 2_000;
        Set<String> nonces = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Signer signer = signers.get((id + i) % signers.size());
                        SignedHeaders headers = signer.sign();
                        Map<String, String> map = headers.asMap();
                        VerifiedSignature v = verifier.verify(map::get, signer.appKey());
                        assertEquals(signer.scheme(), v.scheme());
                        nonces.add(signer.appKey() + "/" + v.nonce());
                        if (id == 0 && i % 100 == 0) {
                            // time moves on while the others work; everything stays inside the window
                            clock.advance(Duration.ofSeconds(1));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int total = threads * perThread;
        assertEquals(total, nonces.size());
        assertEquals(total, verifier.replayGuard().size());
        assertEquals(0, verifier.replayGuard().refusals());
    }
}
