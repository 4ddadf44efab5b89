package io.github.privatenumber.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.privatenumber.core.binding.BindDuration;
import io.github.privatenumber.core.binding.UserData;
import io.github.privatenumber.core.binding.VoicePrompt;
import io.github.privatenumber.core.number.AreaCode;
import io.github.privatenumber.core.number.PhoneNumber;
import io.github.privatenumber.core.number.ReportedNumber;
import io.github.privatenumber.core.result.ResultCode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Every public entry point of core answers a {@code null} argument with an {@link InvalidValueException} naming it,
 * a {@code null} field name included (named {@code field}), never with a bare {@code NullPointerException}.
 */
class UntypedExceptionsTest {

    @TestFactory
    Stream<DynamicTest> nullArgumentsNameTheirField() {
        List<DynamicTest> cases = new ArrayList<>();
        // field names given by the caller
        cases.add(invalid("field", () -> PhoneNumber.of(null, "13800000001")));
        cases.add(invalid("field", () -> PhoneNumber.of(null, "not a number")));
        cases.add(invalid("field", () -> AreaCode.of(null, "0755")));
        cases.add(invalid("field", () -> AreaCode.of(null, null)));
        cases.add(invalid("field", () -> UserData.of(null, "order-1")));
        cases.add(invalid("field", () -> VoicePrompt.of(null, "ring.wav")));
        cases.add(invalid("field", () -> BindDuration.ofSeconds(null, 60)));
        cases.add(invalid("field", () -> BindDuration.ofSeconds(null, 1)));
        cases.add(invalid("field", () -> BindDuration.of(null, Duration.ofMinutes(2))));
        cases.add(invalid("field", () -> ReportedNumber.of(null, "+8613800000001")));
        cases.add(invalid("field", () -> ReportedNumber.ofNullable(null, "+8613800000001")));
        cases.add(invalid("field", () -> ReportedNumber.ofNullable(null, null)));
        cases.add(invalid("field", () -> PlatformTime.parse(null, "2019-01-24 02:30:03")));
        cases.add(invalid("field", () -> PhoneNumber.of("", "13800000001")));
        cases.add(invalid("field", () -> UserData.of(" ", "order-1")));
        cases.add(invalid("field", () -> PlatformTime.parse("\t", "2019-01-24 02:30:03")));
        // other arguments
        cases.add(invalid("instant", () -> PlatformTime.format(null)));
        cases.add(invalid("field", () -> new InvalidValueException(null, "is required")));
        cases.add(invalid("problem", () -> new InvalidValueException("origNum", null)));
        cases.add(invalid("resultCode", () -> new PlatformException(403, null, "x")));
        cases.add(invalid("reason", () -> new SignatureVerificationException(null, "x")));
        cases.add(invalid("detail", () -> new SignatureVerificationException(SignatureVerificationException.Reason.BAD_DIGEST, null)));
        cases.add(invalid("operation", () -> new OutcomeUnknownException(null, new IOException())));
        cases.add(invalid("resultcode", () -> ResultCode.of(null)));
        return cases.stream();
    }

    private static DynamicTest invalid(String field, Executable call) {
        return DynamicTest.dynamicTest(field, () -> {
            InvalidValueException e = assertThrows(InvalidValueException.class, call);
            assertEquals(field, e.field(), e.getMessage());
        });
    }
}
