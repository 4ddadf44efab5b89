package io.github.privatenumber.simulator.internal.http;

import io.github.privatenumber.core.Masking;
import io.github.privatenumber.simulator.FaultKind;
import io.github.privatenumber.simulator.internal.ResultCodes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one request handler: admin requests go to {@link AdminHandler} at once; everything else gets its faults
 * applied and goes to {@link ApiHandler}. Answers are built completely before the first byte is written.
 *
 * <p>Platform requests are processed by at most {@code workers} threads at a time; admin requests never wait
 * for those permits, so the admin API answers while the platform API is saturated. A latency fault waits on
 * the request's own connection thread <em>before</em> taking a permit, so slow requests never hold up other
 * requests; the wait ends early when the simulator closes.
 */
public final class HttpFront implements HttpServerCore.Handler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);

    private final ApiHandler api;
    private final AdminHandler admin;
    private final FaultRegistry faults;
    private final Semaphore workers;
    private final CountDownLatch closing = new CountDownLatch(1);

    /**
     * @param api the platform API
     * @param admin the admin API
     * @param faults fault rules
     * @param workers how many platform requests are processed at once
     */
    public HttpFront(ApiHandler api, AdminHandler admin, FaultRegistry faults, int workers) {
        this.api = api;
        this.admin = admin;
        this.faults = faults;
        this.workers = new Semaphore(workers);
    }

    @Override
    public Reply handle(ApiRequest r) {
        String method = r.method();
        String path = r.path();
        try {
            if (AdminHandler.isAdminPath(path)) {
                return Reply.of(admin.handle(r));
            }
            FaultRegistry.Decision fault = faults.decide(method, path);
            if (!fault.latency().isZero()) {
                LOG.info("fault: {} ms latency on {} {}", fault.latency().toMillis(), method, path);
                if (closing.await(fault.latency().toNanos(), TimeUnit.NANOSECONDS)) {
                    return Reply.drop(Reply.Drop.CLOSE); // closing
                }
            }
            if (fault.kind() == FaultKind.CONNECTION_RESET) {
                LOG.info("fault: resetting the connection of {} {} before processing", method, path);
                return Reply.drop(Reply.Drop.RESET);
            }
            if (fault.kind() == FaultKind.SERVER_ERROR) {
                LOG.info("fault: answering 500 to {} {} without processing", method, path);
                return Reply.of(Answer.result(500, ResultCodes.INTERNAL_ERROR, "internal error (injected fault)"));
            }
            Answer answer;
            workers.acquire();
            try {
                answer = api.handle(r);
            } finally {
                workers.release();
            }
            if (fault.kind() == FaultKind.ANSWER_LOST) {
                LOG.info("fault: {} {} processed (HTTP {}), answer dropped", method, path, answer.status());
                return Reply.drop(Reply.Drop.CLOSE);
            }
            return Reply.of(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.drop(Reply.Drop.CLOSE);
        } catch (RuntimeException e) {
            LOG.error("internal error on {} {}: {}", method, Masking.maskText(path), Masking.maskedStackTrace(e));
            return Reply.of(AdminHandler.isAdminPath(path) ? AdminHandler.error(500, "internal error: " + e.getClass().getSimpleName())
                    : Answer.result(500, ResultCodes.INTERNAL_ERROR, "internal error"));
        }
    }

    @Override
    public Answer refuse(String path, int status, String resultCode, String message) {
        if (path != null && AdminHandler.isAdminPath(path)) {
            return AdminHandler.error(status, message);
        }
        return Answer.result(status, resultCode, message);
    }

    @Override
    public Answer bodyTooLarge(String path, int limit) {
        String message = "the request body is larger than " + limit + " bytes";
        if (path != null && AdminHandler.isAdminPath(path)) {
            return AdminHandler.error(413, message + " (the admin API's limit); send fewer items per request");
        }
        return Answer.result(403, ResultCodes.INVALID_REQUEST, message);
    }

    /** Ends every latency wait. */
    @Override
    public void close() {
        closing.countDown();
    }
}
