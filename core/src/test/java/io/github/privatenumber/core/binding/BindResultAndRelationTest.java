package io.github.privatenumber.core.binding;

import static io.github.privatenumber.core.InvalidValues.assertInvalid;
import static io.github.privatenumber.core.InvalidValues.assertNotRevealed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.number.PhoneNumber;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BindResultAndRelationTest {

    private static final SubscriptionId SUB = SubscriptionId.of("sub-0001");
    private static final PhoneNumber A = PhoneNumber.of("+8613800000001");
    private static final PhoneNumber X = PhoneNumber.of("+8617000000011");
    private static final PhoneNumber Y = PhoneNumber.of("+8617000000022");
    private static final PhoneNumber B = PhoneNumber.of("+8613900000002");

    @Test
    void bindResultHoldsIdAndNumber() {
        BindResult r = BindResult.of(SUB, X);
        assertEquals(SUB, r.subscriptionId());
        assertEquals(X, r.relationNumber());
        assertEquals(new BindResult(SUB, X), r);
        assertInvalid("subscriptionId", () -> BindResult.of(null, X));
        assertInvalid("relationNumber", () -> BindResult.of(SUB, null));
    }

    @Test
    void bindResultToStringIsMasked() {
        String s = BindResult.of(SUB, X).toString();
        assertTrue(s.contains("sub-0001"), s);
        assertTrue(s.contains("+86170****0011"), s);
        assertNotRevealed("17000000011", s);
    }

    @Test
    void relationBeforeTheYbStep() {
        Relation r = Relation.builder().numA(A).numX(X).numY(null).numB(null).bindId("").userData("").build();
        assertEquals(A, r.numA());
        assertEquals(X, r.numX());
        assertEquals(Optional.empty(), r.numY());
        assertEquals(Optional.empty(), r.numB());
        assertFalse(r.isYbBound());
        assertEquals(CallDirection.BOTH, r.callDirection());
        assertEquals(Optional.empty(), r.bindId());
        assertEquals(Optional.empty(), r.userData());
        assertEquals(Optional.empty(), r.subscribeTime());
        assertEquals(Optional.empty(), r.duration());
        assertEquals(Optional.empty(), r.subscriptionId());
        assertFalse(r.recordFlag());
    }

    @Test
    void relationWithEveryValue() {
        Instant t = Instant.parse("2024-05-01T08:00:00Z");
        Relation r = Relation.builder()
                .bindId("bind-1").subscriptionId(SUB)
                .numA(A).numX(X).numY(Y).numB(B)
                .recordFlag(true).recordHintTone("hint.wav")
                .subscribeTime(t).callDirection(CallDirection.B_TO_A)
                .duration(BindDuration.ofSeconds(7200)).ybDuration(BindDuration.NEVER)
                .preVoiceX("x.wav").preVoiceY("y.wav").userData("\u8ba2\u5355")
                .build();
        assertTrue(r.isYbBound());
        assertEquals(Optional.of("bind-1"), r.bindId());
        assertEquals(Optional.of(SUB), r.subscriptionId());
        assertEquals(Optional.of(Y), r.numY());
        assertEquals(Optional.of(B), r.numB());
        assertTrue(r.recordFlag());
        assertEquals(Optional.of("hint.wav"), r.recordHintTone());
        assertEquals(Optional.of(t), r.subscribeTime());
        assertEquals(CallDirection.B_TO_A, r.callDirection());
        assertEquals(Optional.of(BindDuration.ofSeconds(7200)), r.duration());
        assertEquals(Optional.of(BindDuration.NEVER), r.ybDuration());
        assertEquals(Optional.of("x.wav"), r.preVoiceX());
        assertEquals(Optional.of("y.wav"), r.preVoiceY());
        assertEquals(Optional.of("\u8ba2\u5355"), r.userData());
        Relation same = Relation.builder().bindId("bind-1").subscriptionId(SUB).numA(A).numX(X).numY(Y).numB(B)
                .recordFlag(true).recordHintTone("hint.wav").subscribeTime(t).callDirection(CallDirection.B_TO_A)
                .duration(BindDuration.ofSeconds(7200)).ybDuration(BindDuration.NEVER)
                .preVoiceX("x.wav").preVoiceY("y.wav").userData("\u8ba2\u5355").build();
        assertEquals(r, same);
        assertEquals(r.hashCode(), same.hashCode());
        assertNotEquals(r, Relation.builder().numA(A).numX(X).build());
    }

    @Test
    void relationNeedsAAndX() {
        assertInvalid("numA", () -> Relation.builder().numX(X).build());
        assertInvalid("numX", () -> Relation.builder().numA(A).build());
        assertInvalid("numA", () -> Relation.builder().numA(null));
    }

    @Test
    void relationToStringMasksNumbersAndUserData() {
        String s = Relation.builder().numA(A).numX(X).numY(Y).numB(B).userData("Li Si 13600000006").build().toString();
        for (String digits : new String[] {"13800000001", "17000000011", "17000000022", "13900000002", "13600000006"}) {
            assertNotRevealed(digits, s);
        }
        assertTrue(s.contains("+86138****0001"), s);
        assertFalse(s.contains("Li Si"), s);
    }
}
