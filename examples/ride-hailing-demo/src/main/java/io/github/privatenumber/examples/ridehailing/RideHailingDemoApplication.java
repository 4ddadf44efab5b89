package io.github.privatenumber.examples.ridehailing;

import io.github.privatenumber.spring.PrivateNumberConfigurationException;
import java.io.PrintStream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A ride-hailing back end in miniature: passenger A and driver B talk through privacy numbers. It depends on the
 * Private Number starter only (plus the simulator for its embedded default platform). It starts, runs the whole
 * AXYB lifecycle of one order ({@link RideLifecycle}) and exits 0; {@code --demo.keep-running=true} keeps it
 * serving. A failure exits 1 with a message saying which step failed and why.
 *
 * <pre>
 * java -jar ride-hailing-demo.jar                         # against the embedded simulator
 * java -jar ride-hailing-demo.jar --privatenumber.endpoint=https://... \
 *      --privatenumber.app-key=... --privatenumber.app-secret=...   # against Huawei, unchanged
 * </pre>
 */
@SpringBootApplication
@EnableConfigurationProperties(DemoProperties.class)
public class RideHailingDemoApplication {

    /**
     * @param args Spring Boot arguments, e.g. {@code --demo.keep-running=true}
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != STILL_RUNNING) {
            System.exit(code);
        }
    }

    /** {@link #run} result when the application keeps serving. */
    static final int STILL_RUNNING = -1;

    /**
     * Starts the application, runs the lifecycle, and closes the application unless asked to keep running.
     *
     * @param args Spring Boot arguments
     * @param out where the lifecycle is printed
     * @param err where failures are printed
     * @return 0 when the lifecycle completed, 1 when it failed, {@link #STILL_RUNNING} when it completed and the
     *     application keeps serving
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        ConfigurableApplicationContext context;
        try {
            context = SpringApplication.run(RideHailingDemoApplication.class, args);
        } catch (RuntimeException e) {
            err.println();
            err.println("Demo failed to start: " + startupProblem(e));
            return 1;
        }
        int code = 0;
        try {
            context.getBean(RideLifecycle.class).run(out);
        } catch (DemoFailure e) {
            err.println();
            err.println("Demo failed at step '" + e.step() + "': " + e.getMessage());
            code = 1;
        } catch (RuntimeException e) {
            err.println();
            err.println("Demo failed: " + e);
            e.printStackTrace(err);
            code = 1;
        }
        if (code == 0 && context.getBean(DemoProperties.class).keepRunning()) {
            out.println("Still serving on port " + context.getEnvironment().getProperty("local.server.port")
                    + " (webhook, /actuator/health); stop with Ctrl-C.");
            return STILL_RUNNING;
        }
        SpringApplication.exit(context);
        return code;
    }

    private static String startupProblem(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PrivateNumberConfigurationException) {
                return t.getMessage();
            }
            root = t;
        }
        return root.toString();
    }
}
