package io.github.privatenumber.spring.internal;

import io.github.privatenumber.notifications.NotificationReceiver;
import io.github.privatenumber.notifications.ReceiverResponse;
import io.github.privatenumber.spring.PrivateNumberActivity;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Spring MVC's side of the webhook: hands the servlet request's method, headers and raw body stream to the
 * {@link NotificationReceiver} (which reads the body only after the signature checked out, and never beyond the
 * limit) and answers with the receiver's status and body. Thread-safe.
 */
public final class WebhookHandler implements HandlerFunction<ServerResponse> {

    private final NotificationReceiver receiver;
    private final PrivateNumberActivity activity;

    /**
     * @param receiver the receiver
     * @param activity where the answer's status is recorded, or {@code null}
     */
    public WebhookHandler(NotificationReceiver receiver, PrivateNumberActivity activity) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.activity = activity;
    }

    @Override
    public ServerResponse handle(ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        ReceiverResponse answer;
        try {
            InputStream body = servlet.getInputStream();
            answer = receiver.handle(servlet.getMethod(), headers(servlet), body);
        } catch (IOException e) {
            // the container could not even open the body: as the receiver answers an unreadable body
            answer = new ReceiverResponse(400, ReceiverResponse.JSON,
                    "{\"result\":\"error\",\"status\":400,\"message\":\"the body could not be read\"}");
        }
        if (activity != null) {
            activity.recordPush(answer.status());
        }
        ServerResponse.BodyBuilder response = ServerResponse.status(answer.status())
                .contentType(MediaType.parseMediaType(answer.contentType()));
        if (answer.status() == 405) {
            response.header(HttpHeaders.ALLOW, "POST");
        }
        return response.body(answer.bodyBytes());
    }

    /** Case-insensitive lookup over the servlet's headers; a header repeated with different values is refused. */
    private static Function<String, String> headers(HttpServletRequest servlet) {
        return name -> {
            Enumeration<String> values = servlet.getHeaders(name);
            if (values == null) {
                return servlet.getHeader(name);
            }
            List<String> list = Collections.list(values);
            return list.isEmpty() ? null : NotificationReceiver.headerLookup(Map.of(name, list)).apply(name);
        };
    }

    @Override
    public String toString() {
        return "WebhookHandler[" + receiver + "]";
    }
}
