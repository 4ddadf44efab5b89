package io.github.privatenumber.benchmarks.jmh;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.signing.AkskSigner;
import io.github.privatenumber.signing.SignedHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Makes signed pushes the way the platform sends them, fast enough to prepare hundreds of thousands outside a
 * timed region: a body template (one {@code disconnect} event, or a {@code fee} push of 50 answered and recorded
 * CDRs) whose ids are patched in place with a counter, so that every push carries new ids (a new event
 * {@code sessionId}, new CDR {@code icid}s), and freshly signed headers (new nonce, current {@code Created}).
 * Not thread-safe.
 */
public final class PushFactory {

    /** What a push carries. */
    public enum Kind {
        /** One {@code disconnect} call event. */
        EVENT,
        /** A {@code fee} push of 50 CDRs. */
        CDR50
    }

    /** CDRs in a {@link Kind#CDR50} push. */
    public static final int CDRS_PER_PUSH = 50;

    private static final int ID_DIGITS = 16;
    private static final String ID_MARK = "9999999999999999";

    private final Kind kind;
    private final AkskSigner signer;
    private final byte[] template;
    private final int[] slots;
    private long next;

    /**
     * @param kind what the pushes carry
     * @param credentials the app whose key signs them
     * @param firstId the first id number; ids then count up, so factories with far-apart starts never collide
     */
    public PushFactory(Kind kind, AppCredentials credentials, long firstId) {
        this(kind, credentials, firstId, java.time.Clock.systemUTC());
    }

    /**
     * @param kind what the pushes carry
     * @param credentials the app whose key signs them
     * @param firstId the first id number
     * @param clock where the signatures' {@code Created} comes from
     */
    public PushFactory(Kind kind, AppCredentials credentials, long firstId, java.time.Clock clock) {
        this.kind = kind;
        this.signer = AkskSigner.of(credentials, clock, io.github.privatenumber.signing.NonceSource.secureRandom());
        String text = kind == Kind.EVENT ? event() : fee(credentials.appKey());
        this.template = text.getBytes(StandardCharsets.UTF_8);
        List<Integer> at = new ArrayList<>();
        for (int i = text.indexOf(ID_MARK); i >= 0; i = text.indexOf(ID_MARK, i + ID_DIGITS)) {
            at.add(i);
        }
        this.slots = at.stream().mapToInt(Integer::intValue).toArray();
        this.next = firstId;
    }

    /**
     * @return how many records one push carries
     */
    public int recordsPerPush() {
        return kind == Kind.EVENT ? 1 : CDRS_PER_PUSH;
    }

    /**
     * @return a new push: new ids, freshly signed
     */
    public Push next() {
        Push p = new Push(template.clone());
        refill(p);
        return p;
    }

    /**
     * Gives an existing push new ids and new signed headers, reusing its body array.
     *
     * @param push a push made by this factory
     */
    public void refill(Push push) {
        for (int slot : slots) {
            long id = next++;
            for (int d = ID_DIGITS - 1; d >= 0; d--) {
                push.body[slot + d] = (byte) ('0' + id % 10);
                id /= 10;
            }
        }
        SignedHeaders h = signer.sign();
        push.authorization = h.authorization();
        push.tokenName = h.tokenHeaderName();
        push.token = h.tokenHeaderValue();
    }

    /** A body and its signed headers, with a case-insensitive header lookup as the receiver takes it. */
    public static final class Push implements Function<String, String> {
        private final byte[] body;
        private final String length;
        private String authorization;
        private String tokenName;
        private String token;

        Push(byte[] body) {
            this.body = body;
            this.length = Integer.toString(body.length);
        }

        /**
         * @return the body; patched in place by {@link PushFactory#refill(Push)}
         */
        public byte[] body() {
            return body;
        }

        @Override
        public String apply(String name) {
            if (name.equalsIgnoreCase("Authorization")) {
                return authorization;
            }
            if (name.equalsIgnoreCase(tokenName)) {
                return token;
            }
            if (name.equalsIgnoreCase("Content-Length")) {
                return length;
            }
            if (name.equalsIgnoreCase("Content-Type")) {
                return "application/json;charset=UTF-8";
            }
            return null;
        }
    }

    private static String event() {
        return "{\"eventType\":\"disconnect\",\"statusInfo\":{"
                + "\"sessionId\":\"1200_1827_" + ID_MARK + "@callenabler246.huaweicaas.com\","
                + "\"timestamp\":\"2026-12-03 08:00:45\","
                + "\"caller\":\"+8613800000001\",\"called\":\"+8613900000002\","
                + "\"subscriptionId\":\"a3b4c5d6e7f80912a3b4c5d6e7f80912\",\"userData\":\"order-20261203-0042\","
                + "\"stateCode\":8102,\"stateDesc\":\"The called party hangs up\"}}";
    }

    private static String fee(String appKey) {
        StringBuilder b = new StringBuilder("{\"eventType\":\"fee\",\"feeLst\":[");
        for (int i = 0; i < CDRS_PER_PUSH; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"direction\":1,\"spId\":\"simulator-sp\",\"appKey\":\"").append(appKey).append("\",")
                    .append("\"icid\":\"ba4a0f9b").append(ID_MARK).append("\",")
                    .append("\"bindNum\":\"+8617075500001\",")
                    .append("\"sessionId\":\"1200_366_0_20261203080000@callenabler.simulator.local\",")
                    .append("\"subscriptionId\":\"a3b4c5d6e7f80912a3b4c5d6e7f80912\",")
                    .append("\"callerNum\":\"+8613800000001\",\"calleeNum\":\"+8617075500001\",")
                    .append("\"fwdDisplayNum\":\"+8617075500002\",\"fwdDstNum\":\"+8613900000002\",")
                    .append("\"callInTime\":\"2026-12-03 08:00:00\",\"fwdStartTime\":\"2026-12-03 08:00:00\",")
                    .append("\"fwdAlertingTime\":\"2026-12-03 08:00:01\",\"fwdAnswerTime\":\"2026-12-03 08:00:03\",")
                    .append("\"callEndTime\":\"2026-12-03 08:00:45\",")
                    .append("\"fwdUnaswRsn\":0,\"ulFailReason\":0,\"sipStatusCode\":200,\"recordFlag\":1,")
                    .append("\"recordStartTime\":\"2026-12-03 08:00:03\",\"recordDomain\":\"obs.simulator.local\",")
                    .append("\"recordBucketName\":\"sim-records\",")
                    .append("\"recordObjectName\":\"1200_366_0_20261203080000.wav\",")
                    .append("\"ttsPlayTimes\":0,\"ttsTransDuration\":0,\"serviceType\":\"003\",")
                    .append("\"hostName\":\"callenabler.simulator.local\",\"userData\":\"order-20261203-0042\"}");
        }
        return b.append("]}").toString();
    }
}
