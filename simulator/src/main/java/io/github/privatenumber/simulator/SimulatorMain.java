package io.github.privatenumber.simulator;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as a standalone process: {@code java -jar privatenumber-simulator.jar --port 18080 ...}.
 * Prints the base URL once it is serving and runs until the process is stopped (Ctrl-C / SIGTERM). Bad
 * options print a message and exit with status 2; {@code --help} lists every option.
 */
public final class SimulatorMain {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar privatenumber-simulator.jar [options]",
            "",
            "A local stand-in for Huawei Cloud Private Number (AXYB mode).",
            "",
            "Options (--name value or --name=value):",
            "  --host ADDR               address to bind (default 127.0.0.1)",
            "  --port N                  port to listen on, 0 for any free port (default 18080)",
            "  --app-key KEY             the app's key (default " + Simulator.DEFAULT_APP_KEY + ")",
            "  --app-secret SECRET       the app's secret (default " + Simulator.DEFAULT_APP_SECRET + ")",
            "  --event-url URL           call-event callback URL (default: none, events are not pushed)",
            "  --fee-url URL             CDR callback URL (default: none, CDRs are not pushed)",
            "  --https                   serve HTTPS with a generated self-signed certificate",
            "  --truststore-out FILE     with --https: write a PKCS12 trust store for that certificate",
            "  --truststore-password PW  password of that trust store (default changeit)",
            "  --repush-scale F          factor on the re-push schedule 1,4,9,106,203,300 min, 0 < F <= 1000 (default 1)",
            "  --skew-seconds N          largest accepted |Created - now| in seconds (default 300)",
            "  --pool FILE               number pool: one 'areaCode number [province]' per line, '#' comments",
            "                            (default: 22 numbers in 0755, 010, 020 and 021)",
            "  --push-signing S          AKSK (default) or WSSE: how pushes are signed",
            "  --reject-wsse             refuse requests signed with the legacy WSSE scheme",
            "  --help                    print this help and exit",
            "",
            "Admin API (no signature): GET /simulator/state, POST /simulator/calls, POST /simulator/clock,",
            "POST|GET|DELETE /simulator/faults, POST /simulator/reset, POST /simulator/push-urls.");

    private SimulatorMain() {
    }

    /** A bad command line. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Parsed options. */
    static final class Options {
        boolean help;
        String host = "127.0.0.1";
        int port = 18080;
        String appKey = Simulator.DEFAULT_APP_KEY;
        String appSecret = Simulator.DEFAULT_APP_SECRET;
        URI eventUrl;
        URI feeUrl;
        boolean https;
        Path truststoreOut;
        String truststorePassword = "changeit";
        double repushScale = 1.0;
        long skewSeconds = 300;
        Path pool;
        Simulator.PushSigning pushSigning = Simulator.PushSigning.AKSK;
        boolean rejectWsse;
    }

    /**
     * @param args command-line arguments, see {@code --help}
     */
    public static void main(String[] args) {
        Options o;
        try {
            o = parse(args);
        } catch (UsageException e) {
            System.err.println("simulator: " + e.getMessage());
            System.err.println("Try --help for the list of options.");
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.println(USAGE);
            return;
        }
        Simulator sim;
        try {
            sim = launch(o, System.out);
        } catch (UsageException e) {
            System.err.println("simulator: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("simulator: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Options parse(String[] args) throws UsageException {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--help":
                case "-h":
                    o.help = true;
                    break;
                case "--https":
                    o.https = true;
                    break;
                case "--reject-wsse":
                    o.rejectWsse = true;
                    break;
                case "--host":
                case "--port":
                case "--app-key":
                case "--app-secret":
                case "--event-url":
                case "--fee-url":
                case "--truststore-out":
                case "--truststore-password":
                case "--repush-scale":
                case "--skew-seconds":
                case "--pool":
                case "--push-signing":
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(a + " needs a value");
                        }
                        value = args[++i];
                    }
                    apply(o, a, value);
                    break;
                default:
                    throw new UsageException("unknown option '" + a + "'");
            }
        }
        if (o.truststoreOut != null && !o.https) {
            throw new UsageException("--truststore-out needs --https");
        }
        try {
            AppCredentials.of(o.appKey, o.appSecret);
        } catch (InvalidValueException e) {
            throw new UsageException(e.getMessage());
        }
        return o;
    }

    private static void apply(Options o, String name, String value) throws UsageException {
        switch (name) {
            case "--host":
                if (value.isBlank()) {
                    throw new UsageException("--host must not be empty");
                }
                o.host = value;
                break;
            case "--port":
                o.port = (int) number(name, value, 0, 65535);
                break;
            case "--app-key":
                o.appKey = value;
                break;
            case "--app-secret":
                o.appSecret = value;
                break;
            case "--event-url":
                o.eventUrl = url(name, value);
                break;
            case "--fee-url":
                o.feeUrl = url(name, value);
                break;
            case "--truststore-out":
                o.truststoreOut = Path.of(value);
                break;
            case "--truststore-password":
                o.truststorePassword = value;
                break;
            case "--repush-scale":
                try {
                    o.repushScale = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    o.repushScale = Double.NaN;
                }
                if (!(o.repushScale > 0) || o.repushScale > 1000) {
                    throw new UsageException("--repush-scale must be a number greater than 0 and at most 1000, got '" + value + "'");
                }
                break;
            case "--skew-seconds":
                o.skewSeconds = number(name, value, 1, 86_400);
                break;
            case "--pool":
                o.pool = Path.of(value);
                break;
            case "--push-signing":
                try {
                    o.pushSigning = Simulator.PushSigning.valueOf(value.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--push-signing must be AKSK or WSSE");
                }
                break;
            default:
                throw new UsageException("unknown option '" + name + "'");
        }
    }

    private static long number(String name, String value, long min, long max) throws UsageException {
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be an integer " + min + "-" + max + ", got '" + value + "'");
        }
    }

    private static URI url(String name, String value) throws UsageException {
        try {
            URI u = new URI(value);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new UsageException(name + " must be an http or https URL, got '" + value + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UsageException(name + " is not a valid URL: " + e.getMessage());
        }
    }

    /** Builds and starts the simulator; prints the base URL. */
    static Simulator launch(Options o, PrintStream out) throws UsageException {
        Simulator.Builder b = Simulator.builder()
                .host(o.host)
                .port(o.port)
                .credentials(AppCredentials.of(o.appKey, o.appSecret))
                .eventUrl(o.eventUrl)
                .feeUrl(o.feeUrl)
                .https(o.https)
                .repushTimeScale(o.repushScale)
                .allowedSkew(Duration.ofSeconds(o.skewSeconds))
                .pushSigning(o.pushSigning)
                .acceptWsse(!o.rejectWsse);
        if (o.pool != null) {
            try {
                b.pool(NumberPool.read(o.pool));
            } catch (IOException e) {
                throw new UsageException("cannot read --pool " + o.pool + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UsageException("bad --pool " + o.pool + ": " + e.getMessage());
            }
        }
        Simulator sim = b.build().start();
        if (o.truststoreOut != null) {
            sim.writeTrustStore(o.truststoreOut, o.truststorePassword.toCharArray());
            out.println("trust store written to " + o.truststoreOut + " (PKCS12)");
        }
        out.println("Private Number simulator (AXYB) listening on " + sim.baseUrl());
        out.println("app_key " + o.appKey + "; admin API under " + sim.baseUrl() + "/simulator/; stop with Ctrl-C");
        out.flush();
        return sim;
    }
}
