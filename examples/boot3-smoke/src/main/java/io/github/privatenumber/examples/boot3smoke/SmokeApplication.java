package io.github.privatenumber.examples.boot3smoke;

import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.NotificationSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The smallest useful application on Spring Boot 3.5: the starter, Spring MVC, Actuator, and one sink. Everything
 * else (the client, its ports, the webhook, the health component) comes from the starter and
 * {@code privatenumber.*} properties.
 */
@SpringBootApplication
public class SmokeApplication {

    /**
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(SmokeApplication.class, args);
    }

    /**
     * @return the sink that keeps what the webhook accepted
     */
    @Bean
    Received received() {
        return new Received();
    }

    /** Keeps every call event and CDR the webhook accepted. Thread-safe. */
    public static final class Received implements NotificationSink {
        /** Call events, in arrival order. */
        public final List<CallEvent> events = new CopyOnWriteArrayList<>();
        /** CDRs, in arrival order. */
        public final List<CallDetailRecord> cdrs = new CopyOnWriteArrayList<>();

        @Override
        public void onCallEvent(CallEvent event) {
            events.add(event);
        }

        @Override
        public void onCallDetailRecord(CallDetailRecord record) {
            cdrs.add(record);
        }
    }
}
