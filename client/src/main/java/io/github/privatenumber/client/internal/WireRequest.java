package io.github.privatenumber.client.internal;

import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.signing.Signer;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation's request before signing: method, URI (query encoded) and body. Built once per call; every attempt
 * turns it into a {@link TransportRequest} with freshly signed headers. Immutable and thread-safe.
 *
 * <p>{@link #toString()} shows the method and path only.
 */
public final class WireRequest {

    /** The content type of every request (SPEC §1). */
    public static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    private final Operation operation;
    private final URI uri;
    private final byte[] body;

    WireRequest(Operation operation, URI uri, byte[] body) {
        this.operation = operation;
        this.uri = uri;
        this.body = body;
    }

    /**
     * @return the operation this request performs
     */
    public Operation operation() {
        return operation;
    }

    /**
     * @return the full URI, query included; do not log it
     */
    public URI uri() {
        return uri;
    }

    /**
     * @return a copy of the body (UTF-8 JSON, or empty)
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * Signs afresh (new nonce, current {@code Created}) and makes the request to send.
     *
     * @param signer the app's signer
     * @param responseTimeout the time allowed for this attempt's answer
     * @return the request for the transport
     */
    public TransportRequest sign(Signer signer, Duration responseTimeout) {
        Map<String, String> headers = new LinkedHashMap<>(4);
        headers.put("Content-Type", CONTENT_TYPE);
        signer.sign().forEach(headers::put);
        return new TransportRequest(operation.method(), uri, headers, body, responseTimeout);
    }

    @Override
    public String toString() {
        return "WireRequest[" + operation.method() + " " + operation.path() + "]";
    }
}
