package io.github.privatenumber.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.privatenumber.client.PrivateNumberClient;
import io.github.privatenumber.client.spi.TransportRequest;
import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.PlatformException;
import io.github.privatenumber.core.SignatureVerificationException;
import io.github.privatenumber.core.binding.AxBindRequest;
import io.github.privatenumber.core.binding.BindResult;
import io.github.privatenumber.core.binding.Relation;
import io.github.privatenumber.core.binding.SubscriptionId;
import io.github.privatenumber.core.binding.YbBindRequest;
import io.github.privatenumber.core.notification.CallDetailRecord;
import io.github.privatenumber.core.notification.CallEvent;
import io.github.privatenumber.core.notification.CallEventType;
import io.github.privatenumber.core.number.PhoneNumber;
import io.github.privatenumber.core.number.ReportedNumber;
import io.github.privatenumber.core.result.ResultCode;
import io.github.privatenumber.notifications.NotificationHandlers;
import io.github.privatenumber.notifications.NotificationReceiver;
import io.github.privatenumber.notifications.ReceiverResponse;
import io.github.privatenumber.signing.AkskSigner;
import io.github.privatenumber.signing.SignatureVerifier;
import io.github.privatenumber.signing.SignedHeaders;
import io.github.privatenumber.signing.WsseSigner;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue item 4, run last: every test before it ran with logging at TRACE (slf4j-simple into one file; JUL and
 * {@code System.Logger} forwarded into it; {@code System.out}/{@code System.err} copied to another) and registered the
 * app secrets, every {@code PasswordDigest} sent, and every phone number used ({@link Sensitive}). None may appear in
 * the logs. The tests also scanned, as they went, every result, delivered record, answer body and exception (its whole
 * stack trace text); this class adds a sweep of the domain objects' {@code toString()} and of exceptions raised from
 * sensitive input.
 */
@Order(99)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsInLogsTest {

    @BeforeAll
    static void init() {
        Harness.init();
    }

    @Test
    @Order(1)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void domainObjectsAndExceptionsNeverShowSecretsDigestsOrNumbers() {
        Random rnd = Knobs.random("sweep");
        String secret = "sweep-secret-" + Long.toHexString(rnd.nextLong());
        Sensitive.secret(secret);
        AppCredentials app = AppCredentials.of("sweep-app-key", secret);
        String a = "+86138" + PushFactory.digits(rnd, 8);
        String b = "+86139" + PushFactory.digits(rnd, 8);
        String x = "+86170" + PushFactory.digits(rnd, 8);
        String fixed = "+86755" + "2" + PushFactory.digits(rnd, 7);
        for (String n : List.of(a, b, x, fixed)) {
            Sensitive.number(n);
        }
        String national = a.substring(3);
        List<String> found = new ArrayList<>();
        List<String> checked = new ArrayList<>();

        AkskSigner signer = AkskSigner.of(app);
        SignedHeaders signed = signer.sign();
        Sensitive.digestIn(signed.tokenHeaderValue());
        SignedHeaders wsse = WsseSigner.of(app).sign();
        Sensitive.digestIn(wsse.tokenHeaderValue());
        SignatureVerifier verifier = SignatureVerifier.builder().credentials(app).build();
        Map<String, String> headers = new LinkedHashMap<>(signed.asMap());
        TransportRequest request = new TransportRequest("GET", URI.create("https://example.com/rest/omp/xyrelationnumber"
                + "/v1.0?relationNum=%2B" + a.substring(1) + "&app_key=k"), headers, new byte[0], Duration.ofSeconds(1));
        Relation relation = Relation.builder().numA(PhoneNumber.of(a)).numX(PhoneNumber.of(x)).numY(PhoneNumber.of(x))
                .numB(PhoneNumber.of(b)).userData("call " + a).subscriptionId(SubscriptionId.of("sub-1")).build();
        CallDetailRecord cdr = CallDetailRecord.builder().icid("i-1").callerNum(ReportedNumber.of(a))
                .calleeNum(ReportedNumber.of(fixed)).bindNum(ReportedNumber.of(x)).fwdDisplayNum(ReportedNumber.of(b))
                .fwdDstNum(ReportedNumber.of(national)).userData("user " + b).subscriptionId("sub " + a)
                .rawJson("{\"callerNum\":\"" + a + "\"}").build();
        CallEvent event = CallEvent.builder().type(CallEventType.DISCONNECT).caller(ReportedNumber.of(a))
                .called(ReportedNumber.of(b)).userData(a).stateDesc("busy " + b).subscriptionId(national)
                .timestamp(Instant.now()).rawJson("{}").build();
        NotificationReceiver receiver = NotificationReceiver.builder().credentials(app)
                .sink(NotificationHandlers.builder().build()).build();

        Map<String, Supplier<Object>> objects = new LinkedHashMap<>();
        objects.put("AppCredentials", () -> app);
        objects.put("AkskSigner", () -> signer);
        objects.put("SignedHeaders (AKSK)", () -> signed);
        objects.put("SignedHeaders (WSSE)", () -> wsse);
        objects.put("SignatureVerifier", () -> verifier);
        objects.put("TransportRequest", () -> request);
        objects.put("PhoneNumber (mobile)", () -> PhoneNumber.of(a));
        objects.put("PhoneNumber (fixed line)", () -> PhoneNumber.of(fixed));
        objects.put("AxBindRequest", () -> AxBindRequest.builder().origNum(a).userData("for " + b).build());
        objects.put("YbBindRequest", () -> YbBindRequest.builder().origNum(b).subscriptionId(SubscriptionId.of("s"))
                .build());
        objects.put("BindResult", () -> BindResult.of(SubscriptionId.of("s"), PhoneNumber.of(x)));
        objects.put("Relation", () -> relation);
        objects.put("CallDetailRecord", () -> cdr);
        objects.put("CallEvent", () -> event);
        objects.put("ReportedNumber", () -> ReportedNumber.of(a));
        objects.put("NotificationReceiver", () -> receiver);
        objects.put("PrivateNumberClient", () -> {
            try (PrivateNumberClient c = PrivateNumberClient.builder().credentials(app)
                    .endpoint("http://127.0.0.1:9").build()) {
                return c;
            }
        });
        objects.put("PlatformException (description echoes numbers)", () -> new PlatformException(403,
                ResultCode.of("1010002"), "invalid origNum " + a + " / " + national + " / " + fixed));
        objects.put("InvalidValueException: PhoneNumber.of(+86+86…)", () -> thrown(() -> PhoneNumber.of("+86" + a)));
        objects.put("InvalidValueException: PhoneNumber.of(… with a letter)", () -> thrown(() -> PhoneNumber.of(
                national + "x")));
        objects.put("InvalidValueException: PhoneNumber.of(too long)", () -> thrown(() -> PhoneNumber.of(a + "0000")));
        objects.put("InvalidValueException: AxBindRequest origNum = B's privacy number", () -> thrown(
                () -> AxBindRequest.builder().origNum(a + "#").build()));
        objects.put("SignatureVerificationException: replayed", () -> {
            verifier.verify(h -> headers.get(h));
            return thrown(() -> verifier.verify(h -> headers.get(h)));
        });
        objects.put("SignatureVerificationException: bad digest", () -> {
            Map<String, String> bad = new LinkedHashMap<>(AkskSigner.of(AppCredentials.of(app.appKey(), secret + "x"))
                    .sign().asMap());
            Sensitive.digestIn(bad.get("X-AKSK"));
            return thrown(() -> verifier.verify(h -> bad.get(h)));
        });
        objects.put("ReceiverResponse (duplicate key that is a number)", () -> {
            Map<String, List<String>> h = new LinkedHashMap<>();
            AkskSigner.of(app).sign().forEach((k, v) -> h.put(k, List.of(v)));
            h.values().forEach(v -> Sensitive.digestIn(v.get(0)));
            String body = "{\"eventType\":\"fee\",\"feeLst\":[{\"icid\":\"1\",\"" + a + "\":1,\"" + a + "\":2}]}";
            return receiver.handle("POST", NotificationReceiver.headerLookup(h), body.getBytes(StandardCharsets.UTF_8));
        });

        for (Map.Entry<String, Supplier<Object>> e : objects.entrySet()) {
            Object o = e.getValue().get();
            checked.add(e.getKey());
            found.addAll(Sensitive.leaksIn(e.getKey(), o));
            if (o instanceof Throwable t && t.getMessage() != null) {
                found.addAll(Sensitive.leaks(e.getKey() + " message", t.getMessage()));
            }
            if (o instanceof ReceiverResponse r) {
                found.addAll(Sensitive.leaks(e.getKey() + " body", r.body()));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("`toString()` / message of " + checked.size() + " objects built from registered secrets, digests and"
                + " numbers: " + String.join(", ", checked) + ".");
        lines.add("");
        lines.add("Findings: " + (found.isEmpty() ? "none." : found.size()));
        found.forEach(f -> lines.add("- " + f));
        Report.section("4a. Secrets in toString() and exception messages", lines);
        Report.summary("4. Secrets and personal data", "objects / exceptions swept (plus every result, record,"
                + " answer and exception of the other tests)", checked.size() + " / " + found.size() + " leaks");
        assertTrue(found.isEmpty(), String.join("\n", found));
    }

    /** @return the loggers simplelogger.properties holds above DEBUG, as {@code `name`} */
    private static List<String> excludedLoggers() throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = SecretsInLogsTest.class.getResourceAsStream("/simplelogger.properties")) {
            p.load(in);
        }
        List<String> out = new ArrayList<>();
        for (String k : p.stringPropertyNames()) {
            String level = p.getProperty(k).trim().toLowerCase(Locale.ROOT);
            if (k.startsWith("org.slf4j.simpleLogger.log.") && !level.equals("trace") && !level.equals("debug")) {
                out.add("`" + k.substring("org.slf4j.simpleLogger.log.".length()) + "`");
            }
        }
        out.sort(null);
        return out;
    }

    private static Throwable thrown(Runnable r) {
        try {
            r.run();
        } catch (InvalidValueException | SignatureVerificationException e) {
            return e;
        }
        throw new AssertionError("expected an exception");
    }

    @Test
    @Order(2)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theLogsOfTheWholeRunShowNoSecretDigestOrNumber() throws IOException {
        List<String> findings = new ArrayList<>();
        Map<String, Long> linesByLogger = new LinkedHashMap<>();
        long lines = 0;
        long bytes = 0;
        long levelCounts[] = new long[5];
        String[] levels = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"};
        for (Path file : List.of(Harness.LOG_FILE, Harness.CONSOLE_FILE)) {
            if (!Files.exists(file)) {
                continue;
            }
            System.out.flush();
            bytes += Files.size(file);
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                long n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    lines++;
                    for (int i = 0; i < levels.length; i++) {
                        if (line.contains("] " + levels[i] + " ")) {
                            levelCounts[i]++;
                            int start = line.indexOf("] " + levels[i] + " ") + levels[i].length() + 3;
                            int end = line.indexOf(" - ", start);
                            if (end > start) {
                                linesByLogger.merge(line.substring(start, end), 1L, Long::sum);
                            }
                            break;
                        }
                    }
                    List<String> f = Sensitive.leaks(file.getFileName() + " line " + n, line);
                    if (!f.isEmpty() && findings.size() < 200) {
                        findings.addAll(f);
                    }
                }
            }
        }
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "Scanned %s log lines (%s bytes: `target/%s` and `target/%s`) for %d app"
                + " secrets, %s digests sent and %s phone numbers (global and national forms): %s.", Report.count(lines),
                Report.count(bytes), Harness.LOG_FILE.getFileName(), Harness.CONSOLE_FILE.getFileName(),
                Sensitive.secretCount(), Report.count(Sensitive.digestCount()), Report.count(Sensitive.numberCount()),
                findings.isEmpty() ? "nothing found" : findings.size() + " finding(s)"));
        List<String> excluded = excludedLoggers();
        report.add("Every logger at TRACE except " + excluded.size() + " of Apache HttpClient 5, held at INFO because they"
                + " print, by that library's design, what the SDK never logs (headers with the digest, hex dumps of"
                + " bodies, request lines with query strings): " + String.join(", ", excluded) + ". With them at DEBUG"
                + " this scan fails; `transport-httpclient/README.md` says to keep `org.apache.hc` at INFO.");
        report.add(String.format(Locale.ROOT, "Lines by level: TRACE %s, DEBUG %s, INFO %s, WARN %s, ERROR %s.",
                Report.count(levelCounts[0]), Report.count(levelCounts[1]), Report.count(levelCounts[2]),
                Report.count(levelCounts[3]), Report.count(levelCounts[4])));
        report.add("");
        report.add("| logger | lines |");
        report.add("|---|---|");
        linesByLogger.entrySet().stream().sorted((p, q) -> Long.compare(q.getValue(), p.getValue())).limit(25)
                .forEach(e -> report.add("| `" + e.getKey() + "` | " + Report.count(e.getValue()) + " |"));
        report.add("");
        report.add("Findings: " + (findings.isEmpty() ? "none." : findings.size()));
        findings.stream().limit(40).forEach(f -> report.add("- " + f.replace("|", "\\|")));
        Report.section("4b. Secrets in the logs", report);
        Report.summary("4. Secrets and personal data", "log lines scanned at TRACE / findings", Report.count(lines)
                + " / " + findings.size());
        Report.summary("4. Secrets and personal data", "loggers not at TRACE", excluded.size() + " (Apache HttpClient"
                + " 5's headers, wire, HttpAsyncMainClientExec: they print headers, bodies, query strings)");
        Report.summary("4. Secrets and personal data", "secrets / digests / numbers looked for", Sensitive.secretCount()
                + " / " + Report.count(Sensitive.digestCount()) + " / " + Report.count(Sensitive.numberCount()));
        assertTrue(findings.isEmpty(), findings.size() + " leak(s) in the logs:\n"
                + String.join("\n", findings.subList(0, Math.min(30, findings.size()))));
    }
}
