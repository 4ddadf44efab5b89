package io.github.privatenumber.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.notifications.testing.PushTestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JDK HttpServer endpoint, over real loopback sockets. */
class NotificationEndpointTest {

    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    private final RecordingSink sink = new RecordingSink();
    private final PushTestClient platform = Fixtures.platform();

    @Test
    void onePathForBothKinds() {
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        try (NotificationEndpoint endpoint = NotificationEndpoint.start(receiver, ANY_PORT, "/privatenumber/events")) {
            URI url = endpoint.eventUrl();
            assertEquals(url, endpoint.cdrUrl());
            assertTrue(url.toString().matches("http://127\\.0\\.0\\.1:\\d+/privatenumber/events"), url.toString());
            assertEquals(200, platform.post(url, Fixtures.resource("huawei-sample-disconnect.json")).status());
            PushTestClient.Response fee = platform.post(url, Fixtures.resource("huawei-sample-fee.json"));
            assertEquals(200, fee.status());
            assertEquals("{\"result\":\"ok\",\"records\":1,\"delivered\":1,\"duplicates\":0}", fee.body());
            assertEquals(200, platform.post(url, Fixtures.resource("huawei-sample-fee.json")).status());
        }
        assertEquals(1, sink.events.size());
        assertEquals(1, sink.cdrs.size());
    }

    @Test
    void separatePathsEachAcceptingEitherKind() {
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        try (NotificationEndpoint endpoint = NotificationEndpoint.start(receiver, ANY_PORT, "/pn/events", "/pn/cdr")) {
            assertTrue(endpoint.eventUrl().toString().endsWith("/pn/events"));
            assertTrue(endpoint.cdrUrl().toString().endsWith("/pn/cdr"));
            assertEquals(200, platform.post(endpoint.eventUrl(), Fixtures.text("huawei-sample-disconnect.json")).status());
            assertEquals(200, platform.post(endpoint.cdrUrl(), Fixtures.cdrs("sep", 2)).status());
            assertEquals(200, platform.post(endpoint.eventUrl(), Fixtures.cdrs("swapped", 1)).status(),
                    "URLs swapped in the console lose nothing");
            URI other = endpoint.eventUrl().resolve("/pn/other");
            assertEquals(404, platform.post(other, Fixtures.cdrs("x", 1)).status());
            assertEquals(404, platform.post(endpoint.eventUrl().resolve("/pn/events/more"), Fixtures.cdrs("x", 1)).status());
            assertEquals(200, platform.post(URI.create(endpoint.cdrUrl() + "?source=huawei"), Fixtures.cdrs("q", 1)).status(),
                    "a query string does not change the path");
            assertEquals(200, platform.post(URI.create(endpoint.cdrUrl() + "/"), Fixtures.cdrs("slash", 1)).status(),
                    "a trailing slash in the console URL does not change the path");
            assertEquals(404, platform.post(endpoint.eventUrl().resolve("/pn/events//"), Fixtures.cdrs("x", 1)).status());
        }
        assertEquals(List.of("sep-1", "sep-2", "swapped-1", "q-1", "slash-1"), sink.icids());
    }

    @Test
    void statusesOverHttp() throws Exception {
        NotificationReceiver receiver = Fixtures.receiver(sink).maxBodyBytes(2048).build();
        try (NotificationEndpoint endpoint = NotificationEndpoint.start(receiver, ANY_PORT, "/events")) {
            URI url = endpoint.eventUrl();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, get.statusCode());
            assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
            assertEquals(ReceiverResponse.JSON, get.headers().firstValue("Content-Type").orElseThrow());

            HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(url)
                    .POST(HttpRequest.BodyPublishers.ofString(Fixtures.cdrs("u", 1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, unsigned.statusCode());

            assertEquals(413, platform.post(url, Fixtures.cdrs("big", 20)).status());
            assertEquals(400, platform.post(url, new byte[] {'{', (byte) 0xFF, '}'}).status());
            assertEquals(400, platform.post(url, new byte[0]).status());
            assertEquals(405, platform.send("PUT", url, Fixtures.cdrs("p", 1).getBytes(StandardCharsets.UTF_8)).status());
        }
        assertEquals(0, sink.calls.get());
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndNotBuffered() throws Exception {
        NotificationReceiver receiver = Fixtures.receiver(sink).maxBodyBytes(4096).build();
        try (NotificationEndpoint endpoint = NotificationEndpoint.start(receiver, ANY_PORT, "/events");
             Socket socket = new Socket("127.0.0.1", endpoint.address().getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder("POST /events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json;charset=UTF-8\r\nTransfer-Encoding: chunked\r\n");
            platform.headers().forEach((k, v) -> {
                if (!k.equals("Content-Type")) {
                    head.append(k).append(": ").append(v).append("\r\n");
                }
            });
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "{\"eventType\":\"x\",\"pad\":\"".concat("p".repeat(1000)).getBytes(StandardCharsets.US_ASCII);
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 2000; i++) { // about 2 MB, never all read
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException expected) {
                    // the server closes the connection once it answered 413
                }
            });
            writer.setDaemon(true);
            writer.start();
            String answer = readAll(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        }
        assertEquals(0, sink.calls.get());
    }

    private static String readAll(InputStream in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[4096];
        try {
            int n;
            while ((n = in.read(b)) > 0) {
                buf.write(b, 0, n);
                if (buf.toString(StandardCharsets.US_ASCII).contains("\"status\":413")) {
                    break;
                }
            }
        } catch (IOException e) {
            // a reset after the answer is fine
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void aFullPoolAnswers503AtOnce() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingSink blocking = new RecordingSink() {
            @Override
            public void onCallEvent(io.github.privatenumber.core.notification.CallEvent event) {
                entered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onCallEvent(event);
            }
        };
        NotificationReceiver receiver = Fixtures.receiver(blocking).build();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try (NotificationEndpoint endpoint = NotificationEndpoint.builder(receiver).address(ANY_PORT).path("/events")
                .threads(1).queueCapacity(1).start()) {
            URI url = endpoint.eventUrl();
            Future<PushTestClient.Response> first = clients.submit(() -> platform.post(url,
                    PushTestClient.event(CallEventType.ANSWER).sessionId("busy-1").toJson()));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            // two more at once: one takes the single queue slot, the other finds the pool full
            Future<PushTestClient.Response> second = clients.submit(() -> platform.post(url,
                    PushTestClient.event(CallEventType.ANSWER).sessionId("busy-2").toJson()));
            Future<PushTestClient.Response> third = clients.submit(() -> platform.post(url,
                    PushTestClient.event(CallEventType.ANSWER).sessionId("busy-3").toJson()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!second.isDone() && !third.isDone()) {
                assertTrue(System.nanoTime() < deadline, "one of them is answered at once");
                Thread.sleep(10);
            }
            Future<PushTestClient.Response> rejected = second.isDone() ? second : third;
            Future<PushTestClient.Response> queued = rejected == second ? third : second;
            assertEquals(503, rejected.get().status(), rejected.get().body());
            release.countDown();
            assertEquals(200, first.get(10, TimeUnit.SECONDS).status());
            assertEquals(200, queued.get(10, TimeUnit.SECONDS).status());
        } finally {
            release.countDown();
            clients.shutdownNow();
        }
        assertEquals(2, blocking.events.size());
    }

    @Test
    void clientsThatSendTheirHeadersSlowlyLoseTheirConnectionAndHoldNoThread() throws Exception {
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        List<Socket> slow = new java.util.ArrayList<>();
        try (NotificationEndpoint endpoint = NotificationEndpoint.builder(receiver).address(ANY_PORT).path("/events")
                .threads(1).queueCapacity(4).ioTimeout(java.time.Duration.ofMillis(300)).start()) {
            for (int i = 0; i < 3; i++) {
                Socket s = new Socket("127.0.0.1", endpoint.address().getPort());
                s.setSoTimeout(10_000);
                // an incomplete request: the line and one header, then nothing
                s.getOutputStream().write("POST /events HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            // with one request thread, the genuine push waits behind the stalled ones: it gets through only because
            // each of them is dropped after its timeout
            long start = System.nanoTime();
            PushTestClient.Response answer = platform.post(endpoint.eventUrl(),
                    PushTestClient.event(CallEventType.ANSWER).sessionId("after-slow").toJson());
            assertEquals(200, answer.status(), answer.body());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8), "the push waited too long");
            for (Socket s : slow) {
                assertTrue(closedByPeer(s), "the server closed the stalled connection");
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        assertEquals(1, sink.events.size());
    }

    @Test
    void aSignedPushWhoseBodyStallsNeverReachesTheSink() throws Exception {
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        byte[] body = Fixtures.cdrs("stalled", 2).getBytes(StandardCharsets.UTF_8);
        try (NotificationEndpoint endpoint = NotificationEndpoint.builder(receiver).address(ANY_PORT).path("/events")
                .ioTimeout(java.time.Duration.ofMillis(300)).start();
                Socket s = new Socket("127.0.0.1", endpoint.address().getPort())) {
            s.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder("POST /events HTTP/1.1\r\nHost: x\r\nContent-Type: "
                    + PushTestClient.CONTENT_TYPE + "\r\nContent-Length: " + body.length + "\r\n");
            platform.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            OutputStream out = s.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(body, 0, body.length - 10); // all but the last ten bytes, then nothing
            out.flush();
            assertTrue(closedByPeer(s), "the server dropped the connection");
            // a complete push afterwards is served as usual
            assertEquals(200, platform.post(endpoint.eventUrl(), Fixtures.cdrs("complete", 1)).status());
        }
        assertEquals(1, sink.cdrs.size(), "only the complete push reached the sink");
    }

    @Test
    void aSinkThatThrowsAnErrorGets500AndTheRecordIsDeliveredOnTheRepush() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean fail = new java.util.concurrent.atomic.AtomicBoolean(true);
        RecordingSink failing = new RecordingSink() {
            @Override
            public void onCallDetailRecord(io.github.privatenumber.core.notification.CallDetailRecord record) {
                if (fail.getAndSet(false)) {
                    throw new AssertionError("a defect in the application's sink");
                }
                super.onCallDetailRecord(record);
            }
        };
        NotificationReceiver receiver = Fixtures.receiver(failing).build();
        String body = Fixtures.cdrs("error", 1);
        try (NotificationEndpoint endpoint = NotificationEndpoint.start(receiver, ANY_PORT, "/events")) {
            PushTestClient.Response first = platform.post(endpoint.eventUrl(), body);
            assertEquals(500, first.status(), first.body());
            assertEquals(200, platform.post(endpoint.eventUrl(), body).status());
        }
        assertEquals(1, failing.cdrs.size());
    }

    /** Waits (bounded by the socket's read timeout) until the server closes the connection. */
    private static boolean closedByPeer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Test
    void theSamePushPostedFromEightThreadsAtOnceReachesTheSinkOnce() throws Exception {
        sink.delayMillis = 30;
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (NotificationEndpoint endpoint = NotificationEndpoint.start(receiver, ANY_PORT, "/events")) {
            for (int round = 0; round < 3; round++) {
                String body = Fixtures.cdrs("http" + round, 3);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<PushTestClient.Response>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(clients.submit(() -> {
                        start.await();
                        return platform.post(endpoint.eventUrl(), body);
                    }));
                }
                start.countDown();
                for (Future<PushTestClient.Response> f : answers) {
                    assertEquals(200, f.get(20, TimeUnit.SECONDS).status());
                }
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(9, sink.cdrs.size());
        assertEquals(9, sink.calls.get(), "each record once");
        assertEquals(9, new java.util.HashSet<>(sink.icids()).size());
    }

    @Test
    void closeStopsListeningAndIsIdempotent() {
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        NotificationEndpoint endpoint = NotificationEndpoint.start(receiver, ANY_PORT, "/events");
        URI url = endpoint.eventUrl();
        endpoint.close();
        endpoint.close();
        assertThrows(io.github.privatenumber.core.TransportException.class, () -> platform.post(url, Fixtures.cdrs("c", 1)));
    }

    @Test
    void configurationChecks() {
        NotificationReceiver receiver = Fixtures.receiver(sink).build();
        assertThrows(InvalidValueException.class, () -> NotificationEndpoint.builder(receiver).path("events"));
        assertThrows(InvalidValueException.class, () -> NotificationEndpoint.builder(receiver).cdrPath("/a b"));
        assertThrows(InvalidValueException.class, () -> NotificationEndpoint.builder(receiver).threads(0));
        assertThrows(InvalidValueException.class, () -> NotificationEndpoint.builder(receiver).queueCapacity(0));
        try (NotificationEndpoint taken = NotificationEndpoint.start(receiver, ANY_PORT, "/events")) {
            assertThrows(UncheckedIOException.class, () -> NotificationEndpoint.start(receiver, taken.address(), "/events"));
        }
    }
}
