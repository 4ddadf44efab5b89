package io.github.privatenumber.simulator.internal.state;

import java.time.Instant;

/** One YB pair of a subscription. Mutable flag; guarded by the platform lock. */
final class YbPair {
    final String bindId;
    final Subscription sub;
    final String numY;
    final String numB;
    final String preVoiceY;
    final long ybDuration;
    final Instant boundAt;
    final Instant expiresAt;
    final boolean automatic;
    boolean active = true;

    YbPair(String bindId, Subscription sub, String numY, String numB, String preVoiceY, long ybDuration, Instant now,
            boolean automatic) {
        this.bindId = bindId;
        this.sub = sub;
        this.numY = numY;
        this.numB = numB;
        this.preVoiceY = preVoiceY;
        this.ybDuration = ybDuration;
        this.boundAt = now;
        this.automatic = automatic;
        Instant own = ybDuration == 0 ? null : now.plusSeconds(ybDuration);
        if (own == null) {
            this.expiresAt = sub.expiresAt;
        } else if (sub.expiresAt == null) {
            this.expiresAt = own;
        } else {
            this.expiresAt = own.isBefore(sub.expiresAt) ? own : sub.expiresAt;
        }
    }
}
