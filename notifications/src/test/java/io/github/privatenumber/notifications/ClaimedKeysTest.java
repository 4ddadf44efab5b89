package io.github.privatenumber.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The claim set against a {@code HashSet}, with real hashes and with hashes forced to collide. */
class ClaimedKeysTest {

    @Test
    void answersLikeAHashSet() {
        Random random = new Random(17);
        DeliveredKeys hashing = new DeliveredKeys(99);
        for (int round = 0; round < 50; round++) {
            ClaimedKeys claims = new ClaimedKeys();
            Set<String> model = new HashSet<>();
            int pool = 1 + random.nextInt(round % 2 == 0 ? 20 : 2_000);
            // every other round: hashes from a handful of values, so that runs collide and wrap around
            boolean colliding = round % 3 == 0;
            for (int i = 0; i < 20_000; i++) {
                String key = "cdr:" + random.nextInt(pool);
                int hash = colliding ? key.length() * 7 + (key.hashCode() & 3) - 2 : hashing.hashOf(key);
                if (random.nextInt(3) == 0) {
                    claims.remove(key, hash);
                    model.remove(key);
                } else {
                    assertEquals(model.add(key), claims.add(key, hash), key);
                }
                assertEquals(model.size(), claims.size());
            }
            for (String key : model) {
                int hash = colliding ? key.length() * 7 + (key.hashCode() & 3) - 2 : hashing.hashOf(key);
                assertEquals(false, claims.add(key, hash), "still held: " + key);
            }
        }
    }
}
