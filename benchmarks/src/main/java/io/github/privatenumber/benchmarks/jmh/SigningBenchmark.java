package io.github.privatenumber.benchmarks.jmh;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.signing.AkskSigner;
import io.github.privatenumber.signing.SignedHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one signature: {@link AkskSigner#sign()} (fresh nonce, UTC {@code Created}, HMAC-SHA256, Base64, the
 * two header values) against the bare minimum, HMAC-SHA256 and Base64 of an input of the same shape (32-character
 * nonce + 20-character {@code Created}) with a {@link Mac} initialised once. Run by {@code RunAll} through the JMH
 * Runner API.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SigningBenchmark {

    private static final AppCredentials CREDENTIALS = AppCredentials.of("bench-app-key", "bench-app-secret-0001");

    private AkskSigner signer;
    private Mac mac;
    private byte[] input;

    /** Prepares both arms once per trial. */
    @Setup
    public void setUp() throws Exception {
        signer = AkskSigner.of(CREDENTIALS);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(CREDENTIALS.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        input = ("0123456789abcdef0123456789abcdef" + "2026-12-03T16:56:34Z").getBytes(StandardCharsets.US_ASCII);
    }

    /** The SDK: a complete, fresh signature. */
    @Benchmark
    public SignedHeaders sdkSign() {
        return signer.sign();
    }

    /** The baseline: HMAC-SHA256 + Base64 of the same-sized input on a pre-initialised Mac. */
    @Benchmark
    public String bareHmacBase64() {
        return Base64.getEncoder().encodeToString(mac.doFinal(input));
    }
}
