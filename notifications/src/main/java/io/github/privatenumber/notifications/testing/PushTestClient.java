package io.github.privatenumber.notifications.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.PlatformTime;
import io.github.privatenumber.core.TransportException;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.notifications.NotificationReceiver;
import io.github.privatenumber.notifications.ReceiverResponse;
import io.github.privatenumber.signing.AkskSigner;
import io.github.privatenumber.signing.SignedHeaders;
import io.github.privatenumber.signing.Signer;
import io.github.privatenumber.signing.WsseSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Sends pushes exactly like the platform does, for tests of an application's push handling: builds the bodies
 * ({@code {"eventType":...,"statusInfo":{...}}}, {@code {"eventType":"fee","feeLst":[...]}}), signs every request
 * afresh with the app's credentials ({@code Authorization} + {@code X-AKSK}, or the legacy {@code X-WSSE}) and posts
 * it as {@code application/json;charset=UTF-8} over {@code java.net.http}, or hands bytes and headers straight to a
 * {@link NotificationReceiver}.
 * <pre>{@code
 * PushTestClient platform = PushTestClient.of(credentials);
 * String body = PushTestClient.event(CallEventType.DISCONNECT)
 *         .sessionId("1200_1827_4294967295_20190124023003@callenabler246.huaweicaas.com")
 *         .timestamp(Instant.parse("2019-01-24T02:30:22Z"))
 *         .caller("+8613800000022").called("+8613800007021")
 *         .stateCode(0).stateDesc("The user releases the call.")
 *         .toJson();
 * assertEquals(200, platform.post(URI.create("http://127.0.0.1:8088/privatenumber/events"), body).status());
 * assertEquals(200, platform.deliver(receiver, PushTestClient.cdrBody(PushTestClient.cdr("icid-1").direction(1))).status());
 * }</pre>
 * Thread-safe; the body builders are not. Not for production traffic: it has no retries.
 */
public final class PushTestClient {

    /** The content type the platform sends. */
    public static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Signer signer;
    private final HttpClient http;
    private final Duration timeout;

    private PushTestClient(Signer signer, Duration timeout) {
        this.signer = signer;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * @param credentials the app's key and secret
     * @return a client signing with {@code X-AKSK}, the current scheme
     * @throws NullPointerException if {@code credentials} is {@code null}
     */
    public static PushTestClient of(AppCredentials credentials) {
        return of(AkskSigner.of(credentials));
    }

    /**
     * @param credentials the app's key and secret
     * @return a client signing with the legacy {@code X-WSSE}, as older pushes are
     * @throws NullPointerException if {@code credentials} is {@code null}
     */
    public static PushTestClient wsse(AppCredentials credentials) {
        return of(WsseSigner.of(credentials));
    }

    /**
     * @param signer signs each request (e.g. with a test clock or nonce source)
     * @return the client, with a 10-second timeout per request
     * @throws NullPointerException if {@code signer} is {@code null}
     */
    public static PushTestClient of(Signer signer) {
        return new PushTestClient(Objects.requireNonNull(signer, "signer"), Duration.ofSeconds(10));
    }

    /**
     * @return freshly signed request headers: {@code Authorization}, {@code X-AKSK} (or {@code X-WSSE}) and
     *     {@code Content-Type}; a new nonce and {@code Created} each call. Modifiable, e.g. to tamper with in a test
     */
    public Map<String, String> headers() {
        SignedHeaders signed = signer.sign();
        Map<String, String> headers = new LinkedHashMap<>(signed.asMap());
        headers.put("Content-Type", CONTENT_TYPE);
        return headers;
    }

    /**
     * Posts a push, signed afresh.
     *
     * @param url the callback URL
     * @param json the body, sent as UTF-8
     * @return the receiver's answer
     * @throws TransportException when no answer arrived
     */
    public Response post(URI url, String json) {
        return post(url, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Posts a push with any body bytes (e.g. invalid UTF-8 in a test), signed afresh.
     *
     * @param url the callback URL
     * @param body the body bytes
     * @return the receiver's answer
     * @throws TransportException when no answer arrived
     */
    public Response post(URI url, byte[] body) {
        return post(url, body, headers());
    }

    /**
     * Posts a request with exactly the given headers (no signing), e.g. a tampered signature.
     *
     * @param url the callback URL
     * @param body the body bytes
     * @param headers the headers to send
     * @return the receiver's answer
     * @throws TransportException when no answer arrived
     */
    public Response post(URI url, byte[] body, Map<String, String> headers) {
        return send("POST", url, body, headers);
    }

    /**
     * Sends a request with any method (e.g. {@code GET}, to see a 405), signed afresh.
     *
     * @param method the HTTP method
     * @param url the callback URL
     * @param body the body bytes, empty for none
     * @return the receiver's answer
     * @throws TransportException when no answer arrived
     */
    public Response send(String method, URI url, byte[] body) {
        return send(method, url, body, headers());
    }

    private Response send(String method, URI url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new TransportException("push to " + url + " got no answer: " + e, e, !(e instanceof java.net.ConnectException));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while pushing to " + url, e, true);
        }
    }

    /**
     * Hands a push straight to a receiver, signed afresh, as a {@code POST}.
     *
     * @param receiver the receiver
     * @param json the body, as UTF-8
     * @return its answer
     */
    public ReceiverResponse deliver(NotificationReceiver receiver, String json) {
        return deliver(receiver, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Hands a push with any body bytes straight to a receiver, signed afresh, as a {@code POST}.
     *
     * @param receiver the receiver
     * @param body the body bytes
     * @return its answer
     */
    public ReceiverResponse deliver(NotificationReceiver receiver, byte[] body) {
        return deliver(receiver, "POST", body, headers());
    }

    /**
     * Hands a request with exactly the given method and headers straight to a receiver.
     *
     * @param receiver the receiver
     * @param method the HTTP method
     * @param body the body bytes
     * @param headers the headers, looked up without regard to case
     * @return its answer
     */
    public static ReceiverResponse deliver(NotificationReceiver receiver, String method, byte[] body,
            Map<String, String> headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return receiver.handle(method, byName::get, body);
    }

    /**
     * @param type the event type
     * @return a builder of a call-status push body
     */
    public static EventBody event(CallEventType type) {
        return new EventBody(type.name());
    }

    /**
     * @param type the event type as sent, known or not (e.g. {@code "xStatus"})
     * @return a builder of a call-status push body
     */
    public static EventBody event(String type) {
        return new EventBody(Objects.requireNonNull(type, "type"));
    }

    /**
     * @param eventType the event type
     * @param statusInfo the {@code statusInfo} fields, in order
     * @return {@code {"eventType":..,"statusInfo":{..}}}
     */
    public static String eventBody(String eventType, Map<String, ?> statusInfo) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventType", eventType);
        body.put("statusInfo", statusInfo);
        return write(body);
    }

    /**
     * @param icid the record id
     * @return a builder of one CDR of a {@code fee} push
     */
    public static Cdr cdr(String icid) {
        return new Cdr(icid);
    }

    /**
     * @param records the CDRs, 1–50 for a valid push
     * @return {@code {"eventType":"fee","feeLst":[..]}}
     */
    public static String cdrBody(Cdr... records) {
        List<Map<String, Object>> list = new ArrayList<>();
        Arrays.stream(records).forEach(r -> list.add(r.toMap()));
        return cdrBody(list);
    }

    /**
     * @param records the CDRs as field maps
     * @return {@code {"eventType":"fee","feeLst":[..]}}
     */
    public static String cdrBody(List<? extends Map<String, ?>> records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventType", "fee");
        body.put("feeLst", records);
        return write(body);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the body as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PushTestClient[" + signer + "]";
    }

    /**
     * A receiver's answer to a posted push.
     *
     * @param status the HTTP status
     * @param body the body text
     */
    public record Response(int status, String body) {
    }

    /** Builds a call-status push body. Not thread-safe. Fields keep the order they are set in. */
    public static final class EventBody {

        private final String type;
        private final Map<String, Object> info = new LinkedHashMap<>();

        private EventBody(String type) {
            this.type = type;
        }

        /**
         * @param sessionId the call's id
         * @return this builder
         */
        public EventBody sessionId(String sessionId) {
            return field("sessionId", sessionId);
        }

        /**
         * @param timestamp when the event happened, written as the platform's UTC text
         * @return this builder
         */
        public EventBody timestamp(Instant timestamp) {
            return field("timestamp", PlatformTime.format(timestamp));
        }

        /**
         * @param caller the calling number
         * @return this builder
         */
        public EventBody caller(String caller) {
            return field("caller", caller);
        }

        /**
         * @param called the called number
         * @return this builder
         */
        public EventBody called(String called) {
            return field("called", called);
        }

        /**
         * @param subscriptionId the binding's id
         * @return this builder
         */
        public EventBody subscriptionId(String subscriptionId) {
            return field("subscriptionId", subscriptionId);
        }

        /**
         * @param userData the binding's user data
         * @return this builder
         */
        public EventBody userData(String userData) {
            return field("userData", userData);
        }

        /**
         * @param stateCode the hang-up code (disconnect)
         * @return this builder
         */
        public EventBody stateCode(int stateCode) {
            return field("stateCode", stateCode);
        }

        /**
         * @param stateDesc the hang-up description (disconnect)
         * @return this builder
         */
        public EventBody stateDesc(String stateDesc) {
            return field("stateDesc", stateDesc);
        }

        /**
         * @param name any {@code statusInfo} field, documented or not
         * @param value its value: text, number, boolean, {@code null}, a map or a list
         * @return this builder
         */
        public EventBody field(String name, Object value) {
            info.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /**
         * @return the {@code statusInfo} fields so far
         */
        public Map<String, Object> statusInfo() {
            return Collections.unmodifiableMap(new LinkedHashMap<>(info));
        }

        /**
         * @return {@code {"eventType":..,"statusInfo":{..}}}
         */
        public String toJson() {
            return eventBody(type, info);
        }
    }

    /** Builds one CDR of a {@code fee} push. Not thread-safe. Fields keep the order they are set in. */
    public static final class Cdr {

        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Cdr(String icid) {
            fields.put("icid", icid);
        }

        /**
         * Fills the times of an answered call: {@code callInTime} and {@code fwdStartTime} at {@code start},
         * {@code fwdAlertingTime} a second later, {@code fwdAnswerTime} after {@code ring}, {@code callEndTime} after
         * {@code talk} more, and {@code ulFailReason} 0.
         *
         * @param start when the call came in
         * @param ring ringing time
         * @param talk talk time
         * @return this builder
         */
        public Cdr answered(Instant start, Duration ring, Duration talk) {
            Instant answer = start.plus(ring);
            return callInTime(start).fwdStartTime(start).fwdAlertingTime(start.plusSeconds(1))
                    .fwdAnswerTime(answer).callEndTime(answer.plus(talk)).ulFailReason(0);
        }

        /**
         * @param direction 0 (B called A through X), 1 (A called B through Y), 2 (abnormal)
         * @return this builder
         */
        public Cdr direction(int direction) {
            return field("direction", direction);
        }

        /**
         * @param spId the service provider's id
         * @return this builder
         */
        public Cdr spId(String spId) {
            return field("spId", spId);
        }

        /**
         * @param appKey the app key
         * @return this builder
         */
        public Cdr appKey(String appKey) {
            return field("appKey", appKey);
        }

        /**
         * @param bindNum the privacy number
         * @return this builder
         */
        public Cdr bindNum(String bindNum) {
            return field("bindNum", bindNum);
        }

        /**
         * @param sessionId the call's id
         * @return this builder
         */
        public Cdr sessionId(String sessionId) {
            return field("sessionId", sessionId);
        }

        /**
         * @param subscriptionId the binding's id, {@code ""} when none matched
         * @return this builder
         */
        public Cdr subscriptionId(String subscriptionId) {
            return field("subscriptionId", subscriptionId);
        }

        /**
         * @param callerNum the calling number
         * @return this builder
         */
        public Cdr callerNum(String callerNum) {
            return field("callerNum", callerNum);
        }

        /**
         * @param calleeNum the number called
         * @return this builder
         */
        public Cdr calleeNum(String calleeNum) {
            return field("calleeNum", calleeNum);
        }

        /**
         * @param fwdDisplayNum the number shown to the forwarded party
         * @return this builder
         */
        public Cdr fwdDisplayNum(String fwdDisplayNum) {
            return field("fwdDisplayNum", fwdDisplayNum);
        }

        /**
         * @param fwdDstNum the number the call was forwarded to
         * @return this builder
         */
        public Cdr fwdDstNum(String fwdDstNum) {
            return field("fwdDstNum", fwdDstNum);
        }

        /**
         * @param time {@code callInTime}
         * @return this builder
         */
        public Cdr callInTime(Instant time) {
            return time("callInTime", time);
        }

        /**
         * @param time {@code fwdStartTime}
         * @return this builder
         */
        public Cdr fwdStartTime(Instant time) {
            return time("fwdStartTime", time);
        }

        /**
         * @param time {@code fwdAlertingTime}
         * @return this builder
         */
        public Cdr fwdAlertingTime(Instant time) {
            return time("fwdAlertingTime", time);
        }

        /**
         * @param time {@code fwdAnswerTime}
         * @return this builder
         */
        public Cdr fwdAnswerTime(Instant time) {
            return time("fwdAnswerTime", time);
        }

        /**
         * @param time {@code callEndTime}
         * @return this builder
         */
        public Cdr callEndTime(Instant time) {
            return time("callEndTime", time);
        }

        /**
         * @param time {@code failTime}
         * @return this builder
         */
        public Cdr failTime(Instant time) {
            return time("failTime", time);
        }

        /**
         * @param time {@code recordStartTime}
         * @return this builder
         */
        public Cdr recordStartTime(Instant time) {
            return time("recordStartTime", time);
        }

        /**
         * @param cause {@code fwdUnaswRsn}, a Q.850 cause
         * @return this builder
         */
        public Cdr fwdUnaswRsn(int cause) {
            return field("fwdUnaswRsn", cause);
        }

        /**
         * @param code {@code ulFailReason}, a hang-up code
         * @return this builder
         */
        public Cdr ulFailReason(int code) {
            return field("ulFailReason", code);
        }

        /**
         * @param status {@code sipStatusCode}
         * @return this builder
         */
        public Cdr sipStatusCode(int status) {
            return field("sipStatusCode", status);
        }

        /**
         * @param reason {@code callOutUnaswRsn}
         * @return this builder
         */
        public Cdr callOutUnaswRsn(int reason) {
            return field("callOutUnaswRsn", reason);
        }

        /**
         * Marks the call recorded: {@code recordFlag} 1 and where the recording lives.
         *
         * @param recordDomain {@code recordDomain}
         * @param recordBucketName {@code recordBucketName}
         * @param recordObjectName {@code recordObjectName}
         * @return this builder
         */
        public Cdr recorded(String recordDomain, String recordBucketName, String recordObjectName) {
            return field("recordFlag", 1).field("recordDomain", recordDomain).field("recordBucketName", recordBucketName)
                    .field("recordObjectName", recordObjectName);
        }

        /**
         * @param serviceType {@code serviceType}, e.g. {@code "003"}
         * @return this builder
         */
        public Cdr serviceType(String serviceType) {
            return field("serviceType", serviceType);
        }

        /**
         * @param hostName {@code hostName}
         * @return this builder
         */
        public Cdr hostName(String hostName) {
            return field("hostName", hostName);
        }

        /**
         * @param userData {@code userData}
         * @return this builder
         */
        public Cdr userData(String userData) {
            return field("userData", userData);
        }

        /**
         * @param name any field, documented or not (e.g. {@code recordFlag}, {@code ttsPlayTimes}, {@code mptyId})
         * @param value its value: text, number, boolean, {@code null}, a map or a list
         * @return this builder
         */
        public Cdr field(String name, Object value) {
            fields.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /**
         * @param name a field
         * @return this builder without it (e.g. without {@code icid}, to test a refused push)
         */
        public Cdr without(String name) {
            fields.remove(name);
            return this;
        }

        private Cdr time(String name, Instant time) {
            return field(name, PlatformTime.format(time));
        }

        /**
         * @return the fields so far, in order
         */
        public Map<String, Object> toMap() {
            return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }
}
