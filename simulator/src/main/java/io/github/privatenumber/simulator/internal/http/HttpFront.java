package io.github.privatenumber.simulator.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.privatenumber.core.Masking;
import io.github.privatenumber.simulator.FaultKind;
import io.github.privatenumber.simulator.internal.ResultCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP handler: admin requests go to {@link AdminHandler}; everything else gets its faults applied
 * and goes to {@link ApiHandler}. Answers are built completely before the first byte is written.
 */
public final class HttpFront implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);

    private final ApiHandler api;
    private final AdminHandler admin;
    private final FaultRegistry faults;
    private final int maxBodyBytes;

    /**
     * @param api the platform API
     * @param admin the admin API
     * @param faults fault rules
     * @param maxBodyBytes largest accepted request body
     */
    public HttpFront(ApiHandler api, AdminHandler admin, FaultRegistry faults, int maxBodyBytes) {
        this.api = api;
        this.admin = admin;
        this.faults = faults;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        try {
            if (AdminHandler.isAdminPath(path)) {
                write(ex, admin.handle(read(ex, method, path)));
                return;
            }
            FaultRegistry.Decision fault = faults.decide(method, path);
            if (!fault.latency().isZero()) {
                LOG.info("fault: {} ms latency on {} {}", fault.latency().toMillis(), method, path);
                Thread.sleep(fault.latency().toMillis());
            }
            if (fault.kind() == FaultKind.CONNECTION_RESET) {
                LOG.info("fault: dropping the connection of {} {} before processing", method, path);
                return; // closing the exchange before sendResponseHeaders closes the connection
            }
            if (fault.kind() == FaultKind.SERVER_ERROR) {
                LOG.info("fault: answering 500 to {} {} without processing", method, path);
                write(ex, Answer.result(500, ResultCodes.INTERNAL_ERROR, "internal error (injected fault)"));
                return;
            }
            Answer answer = api.handle(read(ex, method, path));
            if (fault.kind() == FaultKind.ANSWER_LOST) {
                LOG.info("fault: {} {} processed (HTTP {}), answer dropped", method, path, answer.status());
                return;
            }
            write(ex, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("internal error on {} {}: {}", method, Masking.maskText(path), Masking.maskText(String.valueOf(e)), e);
            try {
                write(ex, Answer.result(500, ResultCodes.INTERNAL_ERROR, "internal error"));
            } catch (IOException | RuntimeException ignored) {
                // the connection is closed below
            }
        } finally {
            ex.close();
        }
    }

    private ApiRequest read(HttpExchange ex, String method, String path) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            body = null;
        }
        return new ApiRequest(method, path, ex.getRequestURI().getRawQuery(), name -> ex.getRequestHeaders().getFirst(name), body);
    }

    private static void write(HttpExchange ex, Answer a) throws IOException {
        if (a.contentType() != null) {
            ex.getResponseHeaders().set("Content-Type", a.contentType());
        }
        for (Map.Entry<String, String> h : a.headers().entrySet()) {
            ex.getResponseHeaders().set(h.getKey(), h.getValue());
        }
        if (a.body().length == 0) {
            ex.sendResponseHeaders(a.status(), -1);
        } else {
            ex.sendResponseHeaders(a.status(), a.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(a.body());
            }
        }
    }
}
