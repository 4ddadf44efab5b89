package io.github.privatenumber.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.signing.AkskSigner;
import io.github.privatenumber.signing.SignedHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small signed test client over java.net.http (redirects off), independent of the SDK's client module. */
final class Api {

    static final String BINDING = "/rest/omp/xyrelationnumber/v1.0";
    static final String RECORDING = "/rest/provision/voice/record/v1.0";
    static final String CALL_STOP = "/rest/httpsessions/callStop/v2.0";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** An answer. */
    record Resp(int status, HttpHeaders headers, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String code() {
            return json().path("resultcode").asText(null);
        }

        String desc() {
            return json().path("resultdesc").asText(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    private final URI base;
    private final AppCredentials credentials;

    Api(Simulator sim) {
        this(sim.baseUrl(), sim.credentials());
    }

    Api(URI base, AppCredentials credentials) {
        this.base = base;
        this.credentials = credentials;
    }

    Api as(AppCredentials other) {
        return new Api(base, other);
    }

    String appKey() {
        return credentials.appKey();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Signed headers plus the platform content type. */
    Map<String, String> signedHeaders() {
        SignedHeaders h = AkskSigner.of(credentials).sign();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Authorization", h.authorization());
        m.put(h.tokenHeaderName(), h.tokenHeaderValue());
        m.put("Content-Type", "application/json;charset=UTF-8");
        return m;
    }

    Resp send(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Resp(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Resp signed(String method, String pathAndQuery, byte[] body) {
        return send(method, pathAndQuery, body, signedHeaders());
    }

    Resp post(String pathAndQuery, String json) {
        return signed("POST", pathAndQuery, json.getBytes(StandardCharsets.UTF_8));
    }

    Resp bind(String json) {
        return post(BINDING + "?app_key=" + enc(appKey()), json);
    }

    Resp bind(ObjectNode json) {
        return bind(json.toString());
    }

    /** A query string (values encoded), app_key appended. */
    String qs(String... nameValues) {
        StringBuilder sb = new StringBuilder("?");
        for (int i = 0; i < nameValues.length; i += 2) {
            sb.append(nameValues[i]).append('=').append(enc(nameValues[i + 1])).append('&');
        }
        return sb.append("app_key=").append(enc(appKey())).toString();
    }

    Resp query(String... nameValues) {
        return signed("GET", BINDING + qs(nameValues), null);
    }

    Resp unbind(String... nameValues) {
        return signed("DELETE", BINDING + qs(nameValues), null);
    }

    Resp recordingUrl(String domain, String fileName) {
        return signed("GET", RECORDING + "?recordDomain=" + enc(domain) + "&fileName=" + enc(fileName), null);
    }

    Resp callStop(String sessionId) {
        return post(CALL_STOP + "?app_key=" + enc(appKey()), "{\"sessionid\":\"" + sessionId + "\",\"signal\":\"call_stop\"}");
    }

    static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    static ObjectNode ax(String numA) {
        return obj().put("origNum", numA);
    }

    /** Binds AX, asserting success; returns {subscriptionId, X}. */
    String[] ax(ObjectNode body) {
        Resp r = bind(body);
        if (r.status() != 200) {
            throw new AssertionError("AX bind failed: " + r);
        }
        return new String[] {r.json().get("subscriptionId").asText(), r.json().get("relationNumber").asText()};
    }

    /** Binds YB, asserting success; returns Y. */
    String yb(String subscriptionId, String numB) {
        Resp r = bind(obj().put("origNum", numB).put("subscriptionId", subscriptionId));
        if (r.status() != 200) {
            throw new AssertionError("YB bind failed: " + r);
        }
        return r.json().get("relationNumber").asText();
    }
}
