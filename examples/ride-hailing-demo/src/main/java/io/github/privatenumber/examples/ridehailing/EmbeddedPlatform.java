package io.github.privatenumber.examples.ridehailing;

import io.github.privatenumber.simulator.Simulator;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The demo's default platform. When no {@code privatenumber.endpoint} is configured it starts the simulator in
 * process (on a free loopback port, re-pushes scaled down 1000×), points the starter at it (endpoint, app key and
 * secret, with the highest precedence), registers it as the bean {@code embeddedSimulator}, and once the web server
 * runs, sets the simulator's callback URLs to this application's own webhook paths on its actual port. It stops the
 * simulator when the context closes or fails to start.
 *
 * <p>With an endpoint configured it does nothing: the starter talks to that platform unchanged.
 *
 * <p>Registered in {@code META-INF/spring.factories}, so it applies to {@code java -jar} and to tests alike.
 */
public final class EmbeddedPlatform implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The bean name of the embedded simulator. */
    public static final String BEAN_NAME = "embeddedSimulator";

    /** Created by Spring Boot. */
    public EmbeddedPlatform() {
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (StringUtils.hasText(env.getProperty("privatenumber.endpoint"))
                || !env.getProperty("privatenumber.enabled", Boolean.class, true)) {
            return;
        }
        Simulator simulator = Simulator.builder().repushTimeScale(0.001).build().start();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("privatenumber.endpoint", simulator.baseUrl().toString());
        properties.put("privatenumber.app-key", simulator.credentials().appKey());
        properties.put("privatenumber.app-secret", simulator.credentials().appSecret());
        if (!env.containsProperty("server.address")) {
            // the simulator pushes over loopback; nothing else needs to reach this demo
            properties.put("server.address", "127.0.0.1");
        }
        env.getPropertySources().addFirst(new MapPropertySource("embedded-simulator", properties));
        context.getBeanFactory().registerSingleton(BEAN_NAME, simulator);
        context.addApplicationListener(event -> {
            if (event instanceof WebServerInitializedEvent web
                    && web.getApplicationContext().getServerNamespace() == null) {
                String base = "http://127.0.0.1:" + web.getWebServer().getPort()
                        + env.getProperty("server.servlet.context-path", "");
                simulator.setPushUrls(
                        URI.create(base + env.getProperty("privatenumber.notifications.events-path", "/privatenumber/events")),
                        URI.create(base + env.getProperty("privatenumber.notifications.cdr-path", "/privatenumber/cdr")));
            } else if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
                simulator.close();
            }
        });
    }
}
