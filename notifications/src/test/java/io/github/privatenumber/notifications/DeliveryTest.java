package io.github.privatenumber.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.notifications.testing.PushTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** De-duplication and acknowledgement: each record reaches the sink once, and only accepted records are acknowledged. */
class DeliveryTest {

    private final RecordingSink sink = new RecordingSink();
    private final PushTestClient platform = Fixtures.platform();

    @Test
    void aRepeatedCdrPushReachesTheSinkOnce() {
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        String body = Fixtures.cdrs("dup", 3);
        assertEquals("{\"result\":\"ok\",\"records\":3,\"delivered\":3,\"duplicates\":0}", platform.deliver(receiver, body).body());
        ReceiverResponse again = platform.deliver(receiver, body);
        assertEquals(200, again.status(), "a duplicate is acknowledged, or the platform would keep pushing it");
        assertEquals("{\"result\":\"ok\",\"records\":3,\"delivered\":0,\"duplicates\":3}", again.body());
        assertEquals(List.of("dup-1", "dup-2", "dup-3"), sink.icids());
    }

    @Test
    void aRepeatedEventReachesTheSinkOnceButDistinctEventsOfOneCallAllArrive() {
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        Instant t = Instant.parse("2024-05-01T08:00:00Z");
        List<String> bodies = List.of(
                PushTestClient.event(CallEventType.CALLIN).sessionId("call-1").timestamp(t).toJson(),
                PushTestClient.event(CallEventType.CALLOUT).sessionId("call-1").timestamp(t).toJson(),
                PushTestClient.event(CallEventType.ALERTING).sessionId("call-1").timestamp(t.plusSeconds(1)).toJson(),
                PushTestClient.event(CallEventType.ANSWER).sessionId("call-1").timestamp(t.plusSeconds(3)).toJson(),
                PushTestClient.event(CallEventType.DISCONNECT).sessionId("call-1").timestamp(t.plusSeconds(13))
                        .stateCode(0).toJson());
        for (String body : bodies) {
            assertEquals(200, platform.deliver(receiver, body).status());
        }
        for (String body : bodies) {
            assertTrue(platform.deliver(receiver, body).body().contains("\"duplicates\":1"));
        }
        assertEquals(List.of("callin", "callout", "alerting", "answer", "disconnect"),
                sink.events.stream().map(e -> e.type().name()).toList());
        String sameKeyOtherText = PushTestClient.event(CallEventType.DISCONNECT).sessionId("call-1")
                .timestamp(t.plusSeconds(13)).stateCode(0).stateDesc("re-sent with a description").toJson();
        assertTrue(platform.deliver(receiver, sameKeyOtherText).body().contains("\"duplicates\":1"),
                "sessionId + type + timestamp identify the event");
        assertEquals(5, sink.events.size());
    }

    @Test
    void eventsWithoutSessionIdAreDuplicatesOnlyWhenByteIdentical() {
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        String a = "{\"eventType\":\"xStatus\",\"statusInfo\":{\"numX\":\"+8617000000001\",\"status\":\"on\"}}";
        String b = "{\"eventType\":\"xStatus\",\"statusInfo\":{\"numX\":\"+8617000000001\",\"status\":\"off\"}}";
        platform.deliver(receiver, a);
        platform.deliver(receiver, b);
        platform.deliver(receiver, a);
        assertEquals(2, sink.events.size());
    }

    @Test
    void aLongEventKeyIsHashed() {
        InMemoryDeduplicationStore store = InMemoryDeduplicationStore.create();
        NotificationReceiver receiver = Fixtures.receiver(sink).deduplicationStore(store).build();
        String body = "{\"eventType\":\"xStatus\",\"pad\":\"" + "p".repeat(2000) + "\"}";
        platform.deliver(receiver, body);
        platform.deliver(receiver, body);
        assertEquals(1, sink.events.size());
        assertEquals(1, store.size());
    }

    @Test
    void aSinkFailingMidBatchThenTheRepush() {
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        String body = Fixtures.cdrs("mid", 5);
        sink.failCdr = r -> r.icid().equals("mid-3");

        ReceiverResponse first;
        try (LogCapture log = new LogCapture()) {
            first = platform.deliver(receiver, body);
            String logged = log.text();
            assertTrue(logged.contains("status=500") && logged.contains("the sink failed on CDR icid=mid-3"), logged);
            assertTrue(logged.contains("records=5 delivered=2 duplicates=0"), logged);
            assertFalse(logged.contains("+8613800000001"), "the sink's message is masked: " + logged);
        }
        assertEquals(500, first.status(), "a sink failure asks the platform to push again");
        assertFalse(first.body().contains("database"), "the sink's message is not sent back");
        assertEquals(List.of("mid-1", "mid-2"), sink.icids(), "the records after the failed one wait for the re-push");

        sink.failCdr = r -> false;
        ReceiverResponse repush = platform.deliver(receiver, body);
        assertEquals(200, repush.status());
        assertEquals("{\"result\":\"ok\",\"records\":5,\"delivered\":3,\"duplicates\":2}", repush.body());
        assertEquals(List.of("mid-1", "mid-2", "mid-3", "mid-4", "mid-5"), sink.icids(), "each exactly once");

        assertEquals(200, platform.deliver(receiver, body).status());
        assertEquals(5, sink.cdrs.size());
    }

    @Test
    void aSinkFailingOnAnEventThenTheRepush() {
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        String body = PushTestClient.event(CallEventType.DISCONNECT).sessionId("s-f").stateCode(0).toJson();
        sink.failEvent = e -> true;
        assertEquals(500, platform.deliver(receiver, body).status());
        assertEquals(500, platform.deliver(receiver, body).status());
        sink.failEvent = e -> false;
        assertEquals(200, platform.deliver(receiver, body).status());
        assertEquals(200, platform.deliver(receiver, body).status());
        assertEquals(1, sink.events.size());
        assertEquals(3, sink.calls.get(), "two failures, one delivery, then a duplicate");
    }

    @Test
    void theSamePushFromEightThreadsAtOnceReachesTheSinkOnce() throws Exception {
        InMemoryDeduplicationStore store = InMemoryDeduplicationStore.create();
        NotificationReceiver receiver = Fixtures.receiver(sink).deduplicationStore(store).build();
        sink.delayMillis = 50;
        String body = Fixtures.cdrs("conc", 4);
        String event = PushTestClient.event(CallEventType.ANSWER).sessionId("conc-call").timestamp(Fixtures.T0).toJson();
        for (int round = 0; round < 5; round++) {
            String cdrBody = body.replace("conc-", "conc" + round + "-");
            String eventBody = event.replace("conc-call", "conc-call-" + round);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<ReceiverResponse>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    // every copy signed afresh, as the platform does for each attempt
                    java.util.Map<String, String> cdrHeaders = platform.headers();
                    java.util.Map<String, String> eventHeaders = platform.headers();
                    Callable<ReceiverResponse> cdr = () -> {
                        start.await();
                        return PushTestClient.deliver(receiver, "POST", cdrBody.getBytes(java.nio.charset.StandardCharsets.UTF_8), cdrHeaders);
                    };
                    Callable<ReceiverResponse> ev = () -> {
                        start.await();
                        return PushTestClient.deliver(receiver, "POST", eventBody.getBytes(java.nio.charset.StandardCharsets.UTF_8), eventHeaders);
                    };
                    answers.add(pool.submit(cdr));
                    answers.add(pool.submit(ev));
                }
                start.countDown();
                for (Future<ReceiverResponse> f : answers) {
                    assertEquals(200, f.get().status(), f.get().body());
                }
            } finally {
                pool.shutdownNow();
            }
            int r = round;
            assertEquals(IntStream.rangeClosed(1, 4).mapToObj(i -> "conc" + r + "-" + i).toList(),
                    sink.icids().subList(4 * round, 4 * round + 4));
            assertEquals(round + 1, sink.events.size());
        }
        assertEquals(20, sink.cdrs.size());
        assertEquals(25, sink.calls.get(), "every record reached the sink exactly once");
        assertEquals(0, store.claimedCount());
    }

    @Test
    void aRecordHeldByASlowDeliveryIsNotAcknowledgedElsewhere() throws Exception {
        NotificationReceiver receiver = Fixtures.receiver(sink).inProgressWait(Duration.ofMillis(100)).build();
        CountDownLatch inSink = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        NotificationReceiver slow = Fixtures.receiver(new RecordingSink() {
            @Override
            public void onCallEvent(CallEvent event) {
                inSink.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("failed after a long time");
            }
        }).deduplicationStore(receiver.deduplicationStore()).build();
        String body = PushTestClient.event(CallEventType.ANSWER).sessionId("slow").timestamp(Fixtures.T0).toJson();

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<ReceiverResponse> first = pool.submit(() -> platform.deliver(slow, body));
            inSink.await();
            ReceiverResponse second = platform.deliver(receiver, body);
            assertEquals(503, second.status(), "never 200 while the first delivery may still fail");
            assertTrue(second.body().contains("being delivered by another request"), second.body());
            release.countDown();
            assertEquals(500, first.get().status());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, platform.deliver(receiver, body).status(), "released: the re-push delivers it");
        assertEquals(1, sink.events.size());
    }

    @Test
    void aFailingStoreAnswers503AndAFailingConfirmStillAcknowledges() {
        DeduplicationStore down = new DeduplicationStore() {
            @Override
            public Claim tryClaim(String key) {
                throw new IllegalStateException("redis down");
            }

            @Override
            public void confirm(String key) {
            }

            @Override
            public void release(String key) {
            }
        };
        NotificationReceiver receiver = Fixtures.receiver(sink).deduplicationStore(down).build();
        assertEquals(503, platform.deliver(receiver, Fixtures.cdrs("st", 1)).status());
        assertEquals(0, sink.calls.get());

        InMemoryDeduplicationStore memory = InMemoryDeduplicationStore.create();
        DeduplicationStore confirmFails = new DeduplicationStore() {
            @Override
            public Claim tryClaim(String key) {
                return memory.tryClaim(key);
            }

            @Override
            public void confirm(String key) {
                throw new IllegalStateException("write failed");
            }

            @Override
            public void release(String key) {
                memory.release(key);
            }
        };
        NotificationReceiver r2 = Fixtures.receiver(sink).deduplicationStore(confirmFails).build();
        assertEquals(200, platform.deliver(r2, Fixtures.cdrs("cf", 2)).status(), "the sink has the records");
        assertEquals(List.of("cf-1", "cf-2"), sink.icids());
    }
}
