package io.github.privatenumber.transport.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.TransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    private static final String WHAT = "POST https://rtcpns.example:443/rest/omp/xyrelationnumber/v1.0";

    @Test
    void failuresBeforeTheConnectionIsReadyAreSurelyNotSent() {
        for (Exception failure : new Exception[] {
                new HttpHostConnectException("Connect to https://rtcpns.example:443 failed: Connection refused"),
                new ConnectException("Connection refused"),
                new ConnectTimeoutException("Connect to rtcpns.example:443 timed out"),
                new UnknownHostException("rtcpns.example"),
                new ConnectionRequestTimeoutException("Timeout waiting for a connection from the pool"),
                new SSLHandshakeException("PKIX path building failed"),
                new javax.net.ssl.SSLPeerUnverifiedException("Certificate for <127.0.0.1> doesn't match")}) {
            TransportException translated = Failures.translate(WHAT, failure);
            assertFalse(translated.requestMayHaveBeenSent(), failure.toString());
            assertSame(failure, translated.getCause());
            assertTrue(translated.getMessage().startsWith(WHAT + " failed: "), translated.getMessage());
        }
    }

    @Test
    void everythingElseMayHaveBeenSent() {
        for (Exception failure : new Exception[] {
                new SocketTimeoutException("5000 MILLISECONDS"),
                new NoHttpResponseException("rtcpns.example:443 failed to respond"),
                new ConnectionClosedException("Connection closed by peer"),
                new SocketException("Connection reset"),
                new javax.net.ssl.SSLException("Connection reset while reading"),
                new IOException("something else"),
                new IllegalStateException("internal")}) {
            assertTrue(Failures.translate(WHAT, failure).requestMayHaveBeenSent(), failure.toString());
        }
    }

    @Test
    void onlyTheFailureItselfCountsNotWhatItWraps() {
        IOException wrapping = new IOException("write failed", new ConnectException("Connection refused"));

        assertTrue(Failures.translate(WHAT, wrapping).requestMayHaveBeenSent());
    }

    @Test
    void futureWrappersAreLookedThrough() {
        ConnectException refused = new ConnectException("Connection refused");

        TransportException fromExecution = Failures.translate(WHAT, new ExecutionException(refused));
        TransportException fromCompletion = Failures.translate(WHAT, new CompletionException(refused));

        assertFalse(fromExecution.requestMayHaveBeenSent());
        assertFalse(fromCompletion.requestMayHaveBeenSent());
        assertSame(refused, fromExecution.getCause());
    }

    @Test
    void queryStringsAreCutFromMessages() {
        TransportException translated = Failures.translate(WHAT,
                new IOException("bad answer to /rest/omp/xyrelationnumber/v1.0?app_key=k&origNum=%2B8613800000001"
                        + " here"));

        assertEquals(WHAT + " failed: IOException: bad answer to /rest/omp/xyrelationnumber/v1.0?… here;"
                + " the request may have reached the server", translated.getMessage());
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsType() {
        assertEquals(WHAT + " failed: SocketTimeoutException; the request may have reached the server",
                Failures.translate(WHAT, new SocketTimeoutException()).getMessage());
    }
}
