package io.github.privatenumber.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NonceSourceTest {

    @Test
    void thirtyTwoUpperCaseHexCharacters() {
        NonceSource source = NonceSource.secureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String nonce = source.next();
            assertTrue(nonce.matches("[0-9A-F]{32}"), nonce);
            assertTrue(seen.add(nonce), "repeated nonce");
        }
    }

    @Test
    void everyByteValueIsWrittenCorrectly() {
        byte[] all = new byte[64 * 16];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        NonceSource source = NonceSource.secureRandom(new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(all, 0, bytes, 0, bytes.length);
            }
        });
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            expected.append(String.format("%02X", i));
        }
        assertEquals(expected.toString(), source.next());
        for (int slot = 1; slot < 16; slot++) {
            String nonce = source.next();
            for (int i = 0; i < 16; i++) {
                assertEquals(String.format("%02X", (slot * 16 + i) & 0xFF), nonce.substring(2 * i, 2 * i + 2));
            }
        }
    }

    @Test
    void distinctAcrossThreads() throws Exception {
        NonceSource source = NonceSource.secureRandom();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        int threads = 8;
        int each = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        seen.add(source.next());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * each, seen.size());
    }

    @Test
    void rejectsNullRandom() {
        assertEquals("random", assertThrows(InvalidValueException.class, () -> NonceSource.secureRandom(null)).field());
    }
}
