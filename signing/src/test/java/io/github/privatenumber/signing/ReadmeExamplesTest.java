package io.github.privatenumber.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.binding.AreaMatchMode;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.number.PhoneNumber;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the README's usage snippets, so the README cannot drift from the API. */
class ReadmeExamplesTest {

    @Test
    void valuesSnippet() {
        PhoneNumber a = PhoneNumber.of("138 0000 0001");
        assertEquals("+8613800000001", a.value());
        assertEquals("+86138****0001", a.toString());
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> PhoneNumber.of("+86+8613800000001"));
        assertEquals("phoneNumber", e.field());

        AxBindRequest request = AxBindRequest.builder()
                .origNum("13800000001")
                .areaCode("0755")
                .areaMatchMode(AreaMatchMode.LOOSE)
                .durationSeconds(3600)
                .ybDurationSeconds(7200)
                .recordFlag(true)
                .userData("order-20261203-0042")
                .build();
        assertEquals(3600, request.ybDuration().orElseThrow().seconds());
    }

    @Test
    void signingSnippet() {
        AppCredentials credentials = AppCredentials.of("readme-app-key", "readme-app-secret");
        assertTrue(!credentials.toString().contains("readme-app-secret"));
        AkskSigner signer = AkskSigner.of(credentials);

        SignedHeaders headers = signer.sign();
        Map<String, List<String>> pushHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> pushHeaders.put(name, List.of(value)));

        SignatureVerifier verifier = SignatureVerifier.builder()
                .credentials(credentials)
                .allowedSkew(Duration.ofMinutes(5))
                .build();
        VerifiedSignature ok = verifier.verify(pushHeaders);
        assertEquals("readme-app-key", ok.appKey());
    }
}
