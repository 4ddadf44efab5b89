package io.github.privatenumber.simulator.internal.state;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An AX relation and its YB pairs. Mutable; guarded by the platform lock. */
final class Subscription {
    final String id;
    final String appKey;
    final String numA;
    final String numX;
    final String areaOfX;
    final int callDirection;
    final long duration;
    final long ybDuration;
    final boolean recordFlag;
    final String recordHintTone;
    final String preVoiceX;
    final String preVoiceY;
    final String userData;
    final Instant subscribedAt;
    final Instant expiresAt;
    /** YB pairs by B. */
    final Map<String, YbPair> pairs = new LinkedHashMap<>();
    boolean active = true;

    Subscription(String id, String appKey, AxParams p, String numX, String areaOfX, Instant now) {
        this.id = id;
        this.appKey = appKey;
        this.numA = p.numA();
        this.numX = numX;
        this.areaOfX = areaOfX;
        this.callDirection = p.callDirection();
        this.duration = p.duration();
        this.ybDuration = p.ybDuration();
        this.recordFlag = p.recordFlag();
        this.recordHintTone = p.recordHintTone();
        this.preVoiceX = p.preVoiceX();
        this.preVoiceY = p.preVoiceY();
        this.userData = p.userData();
        this.subscribedAt = now;
        this.expiresAt = p.duration() == 0 ? null : now.plusSeconds(p.duration());
    }
}
