package io.github.privatenumber.examples.ridehailing;

import io.github.privatenumber.core.Masking;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.PrivateNumberException;
import io.github.privatenumber.core.binding.AreaMatchMode;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.BindingGateway;
import io.github.privatenumber.core.binding.Relation;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.core.binding.YbBindRequest;
import io.github.privatenumber.core.call.SessionId;
import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.core.number.PhoneNumber;
import io.github.privatenumber.core.recording.RecordingGateway;
import io.github.privatenumber.core.recording.RecordingReference;
import io.github.privatenumber.core.recording.RecordingUrl;
import io.github.privatenumber.core.result.ResultCode;
import io.github.privatenumber.simulator.CallRequest;
import io.github.privatenumber.simulator.CallResult;
import io.github.privatenumber.simulator.Simulator;
import io.github.privatenumber.spring.PrivateNumberActivity;
import io.github.privatenumber.spring.PrivateNumberProperties;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The whole AXYB lifecycle of one ride, printed as it happens: bind A to X, bind B to Y, a call from A to Y that
 * reaches B, the signed call events and the CDR arriving at this application's own webhook, the recording's download
 * URL, the query, the unbind. Only the ports the starter provides are used ({@link BindingGateway},
 * {@link RecordingGateway}) and the sink the application declares ({@link RideNotifications}).
 *
 * <p>Against the embedded simulator the call is placed through the simulator's in-process API; against the real
 * platform a call is a real phone call, so the call, events, CDR and recording steps are skipped with a note.
 * Numbers are printed masked. A failing step ends the run with a {@link DemoFailure}; a binding made so far is
 * removed first.
 */
@Component
public class RideLifecycle {

    /** The steps, in order. */
    public static final List<String> STEPS = List.of("bind A -> X", "bind B -> Y", "call A -> Y -> B", "call events",
            "CDR", "recording URL", "query", "unbind");

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final BindingGateway bindings;
    private final RecordingGateway recordings;
    private final RideNotifications notifications;
    private final DemoProperties demo;
    private final PrivateNumberProperties platform;
    private final PrivateNumberActivity activity;
    private final ObjectProvider<Simulator> simulator;
    private final Environment environment;

    /**
     * @param bindings binding port (the starter's client)
     * @param recordings recording port (the starter's client)
     * @param notifications where the webhook delivers
     * @param demo the demo's settings
     * @param platform the starter's settings
     * @param activity the starter's record of recent outcomes
     * @param simulator the embedded simulator, when there is one
     * @param environment for the server port
     */
    public RideLifecycle(BindingGateway bindings, RecordingGateway recordings, RideNotifications notifications,
            DemoProperties demo, PrivateNumberProperties platform, PrivateNumberActivity activity,
            ObjectProvider<Simulator> simulator, Environment environment) {
        this.bindings = bindings;
        this.recordings = recordings;
        this.notifications = notifications;
        this.demo = demo;
        this.platform = platform;
        this.activity = activity;
        this.simulator = simulator;
        this.environment = environment;
    }

    /**
     * What a run did.
     *
     * @param embedded whether it ran against the embedded simulator
     * @param done the steps completed, in order
     * @param skipped the steps skipped (real platform)
     * @param callEvents the call events received, in call order
     * @param cdr the CDR received, or {@code null} when skipped
     * @param recordingUrl the recording's download URL, or {@code null} when skipped
     */
    public record Report(boolean embedded, List<String> done, List<String> skipped, List<CallEvent> callEvents,
            CallDetailRecord cdr, RecordingUrl recordingUrl) {

        /**
         * @return whether every step ran or was deliberately skipped
         */
        public boolean completed() {
            return done.size() + skipped.size() == STEPS.size();
        }
    }

    /**
     * Runs the lifecycle.
     *
     * @param out where to print it
     * @return what was done
     * @throws DemoFailure when a step fails
     */
    public Report run(PrintStream out) {
        long started = System.nanoTime();
        Simulator sim = simulator.getIfAvailable();
        PhoneNumber a = step("configuration", () -> PhoneNumber.of("demo.passenger", demo.passenger()));
        PhoneNumber b = step("configuration", () -> PhoneNumber.of("demo.driver", demo.driver()));
        List<String> done = new ArrayList<>();
        List<String> skipped = new ArrayList<>();

        String port = environment.getProperty("local.server.port", "?");
        out.println();
        out.println("Ride-hailing demo: Huawei Cloud Private Number, AXYB mode");
        out.println("  platform  " + (sim != null ? "embedded simulator at " + sim.baseUrl()
                : platform.endpoint() + " (real platform)") + ", app key " + platform.appKey());
        out.println("  webhook   http://127.0.0.1:" + port + platform.notifications().eventsPath() + " (call events), "
                + platform.notifications().cdrPath() + " (CDRs)");
        out.println("  order     " + demo.orderId() + ": passenger A " + a + ", driver B " + b);
        out.println();

        SubscriptionId subscription = null;
        try {
            BindResult ax = step(STEPS.get(0), () -> bindings.bindAx(AxBindRequest.builder()
                    .origNum(a.value())
                    .areaCode(demo.areaCode())
                    .areaMatchMode(AreaMatchMode.LOOSE)
                    .durationSeconds(3600)
                    .recordFlag(true)
                    .userData(demo.orderId())
                    .build()));
            subscription = ax.subscriptionId();
            PhoneNumber x = ax.relationNumber();
            print(out, done, STEPS.get(0), "A " + a + " now has privacy number X " + x + " (subscription "
                    + subscription + ")");

            SubscriptionId id = subscription;
            BindResult yb = step(STEPS.get(1), () -> bindings.bindYb(YbBindRequest.builder()
                    .origNum(b.value())
                    .subscriptionId(id)
                    .build()));
            PhoneNumber y = yb.relationNumber();
            print(out, done, STEPS.get(1), "B " + b + " now has privacy number Y " + y);

            List<CallEvent> events = List.of();
            CallDetailRecord cdr = null;
            RecordingUrl url = null;
            if (sim == null) {
                for (String s : STEPS.subList(2, 6)) {
                    skipped.add(s);
                }
                out.printf("  [3-6] %-15s skipped: on the real platform a call is a real phone call. Dial Y %s from"
                        + " A's phone; the events and the CDR then arrive at this webhook (enter its public URLs as"
                        + " the app's callback URLs in the console) and its recording can be fetched.%n",
                        "call...recording", y);
            } else {
                CallResult call = step(STEPS.get(2), () -> sim.placeCall(
                        CallRequest.of(a.value(), y.value()).talkSeconds((int) demo.talkTime().toSeconds())));
                if (!call.answered()) {
                    throw new DemoFailure(STEPS.get(2), "the simulated call was not answered (hang-up code "
                            + call.hangupCode() + ", route " + call.route() + ")", null);
                }
                print(out, done, STEPS.get(2), "A dials Y " + y + "; the platform rings B "
                        + Masking.mask(call.callee()) + ", who sees X " + Masking.mask(call.displayNumber())
                        + "; answered, " + demo.talkTime().toSeconds() + " s of talk, recorded");

                SessionId session = SessionId.of(call.sessionId());
                cdr = step(STEPS.get(3), () -> notifications.awaitCallEnd(session, demo.pushTimeout()))
                        .orElseThrow(() -> new DemoFailure(STEPS.get(3), "the call's disconnect event and CDR did not"
                                + " arrive at the webhook within " + demo.pushTimeout().toSeconds() + " s (received: "
                                + notifications.counts() + ")", null));
                events = notifications.events(session).stream()
                        .sorted(Comparator.comparing((CallEvent e) -> e.timestamp().orElse(Instant.MIN))
                                .thenComparingInt(RideLifecycle::order))
                        .toList();
                print(out, done, STEPS.get(3), events.size() + " signed pushes, verified and delivered to the"
                        + " application's sink:");
                for (CallEvent e : events) {
                    out.printf("        %-10s %s  %s -> %s%s%n", e.type(), e.timestamp().map(CLOCK::format).orElse("--:--:--"),
                            e.caller().map(Object::toString).orElse("?"), e.called().map(Object::toString).orElse("?"),
                            e.stateCode().map(c -> "  state " + c.code() + c.description().map(d -> " (" + d + ")")
                                    .orElse("")).orElse(""));
                }

                CallDetailRecord record = cdr;
                print(out, done, STEPS.get(4), "icid " + record.icid() + ": " + record.callerNum().map(Object::toString)
                        .orElse("?") + " -> " + record.calleeNum().map(Object::toString).orElse("?") + " -> "
                        + record.fwdDstNum().map(Object::toString).orElse("?") + ", talk " + record.talkTime().toSeconds()
                        + " s, recording " + (record.recordFlag() ? "yes" : "no") + ", order "
                        + record.userData().orElse("?"));

                RecordingReference reference = record.recordingReference().orElseThrow(() -> new DemoFailure(
                        STEPS.get(5), "the CDR names no recording (recordFlag " + record.recordFlag() + ")", null));
                RecordingUrl link = step(STEPS.get(5), () -> recordings.downloadUrl(reference));
                url = link;
                long bytes = step(STEPS.get(5), () -> download(link));
                print(out, done, STEPS.get(5), withoutQuery(link.toUri()) + "?... (signed link, valid 3 days; "
                        + bytes + " bytes of WAV audio)");
            }

            List<Relation> relations = step(STEPS.get(6), () -> bindings.query(id));
            Relation r = relations.stream().findFirst().orElseThrow(() -> new DemoFailure(STEPS.get(6),
                    "the platform lists no relation for subscription " + id, null));
            print(out, done, STEPS.get(6), "A " + r.numA() + " <-> X " + r.numX() + ", Y " + r.numY().map(Object::toString)
                    .orElse("-") + " <-> B " + r.numB().map(Object::toString).orElse("-") + "; recording "
                    + (r.recordFlag() ? "on" : "off") + "; order " + r.userData().orElse("-"));

            step(STEPS.get(7), () -> {
                bindings.unbind(id);
                return null;
            });
            subscription = null;
            String after = step(STEPS.get(7), () -> {
                try {
                    bindings.query(id);
                    return "but a query still finds it";
                } catch (PlatformException e) {
                    if (e.resultCode().equals(ResultCode.BINDING_NOT_FOUND)) {
                        return "a query now answers " + e.resultCode().code() + " (binding does not exist)";
                    }
                    throw e;
                }
            });
            print(out, done, STEPS.get(7), "subscription " + id + " removed; " + after);

            PrivateNumberActivity.Snapshot s = activity.snapshot();
            out.println();
            out.printf("Lifecycle complete in %.1f s: %d steps done%s. The platform answered %d requests; the webhook"
                    + " acknowledged %d pushes and rejected %d. Health: %s.%n",
                    (System.nanoTime() - started) / 1e9, done.size(), skipped.isEmpty() ? ""
                            : ", " + skipped.size() + " skipped (real platform)", s.totalAttempts(),
                    s.pushesAcknowledged(), s.pushesRejected(), s.healthy() ? "UP" : "DOWN");
            return new Report(sim != null, List.copyOf(done), List.copyOf(skipped), events, cdr, url);
        } finally {
            if (subscription != null) {
                cleanUp(out, subscription);
            }
        }
    }

    private void cleanUp(PrintStream out, SubscriptionId subscription) {
        try {
            bindings.unbind(subscription);
            out.println("  cleanup   subscription " + subscription + " removed after the failure");
        } catch (PrivateNumberException e) {
            out.println("  cleanup   could not remove subscription " + subscription + ": " + e.getMessage());
        }
    }

    private static void print(PrintStream out, List<String> done, String step, String text) {
        done.add(step);
        out.printf("  [%d] %-17s %s%n", STEPS.indexOf(step) + 1, step, text);
    }

    private static int order(CallEvent e) {
        List<CallEventType> order = List.of(CallEventType.CALLIN, CallEventType.CALLOUT, CallEventType.ALERTING,
                CallEventType.ANSWER, CallEventType.DISCONNECT);
        int i = order.indexOf(e.type());
        return i < 0 ? order.size() : i;
    }

    private static long download(RecordingUrl url) throws Exception {
        HttpResponse<byte[]> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(url.toUri()).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("downloading the recording answered HTTP " + answer.statusCode());
        }
        return answer.body().length;
    }

    private static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }

    private static <T> T step(String step, Callable<T> body) {
        try {
            return body.call();
        } catch (DemoFailure e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure(step, "interrupted", e);
        } catch (Exception e) {
            String what = e instanceof PrivateNumberException ? e.getClass().getSimpleName() + ": " + e.getMessage()
                    : e.getClass().getSimpleName() + ": " + Masking.maskText(e.getMessage());
            throw new DemoFailure(step, what, e);
        }
    }

    /**
     * @return the print-friendly name of this lifecycle
     */
    @Override
    public String toString() {
        return "RideLifecycle" + STEPS;
    }

}
