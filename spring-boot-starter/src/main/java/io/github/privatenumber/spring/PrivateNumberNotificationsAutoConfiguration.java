package io.github.privatenumber.spring;

import io.github.privatenumber.core.AppCredentials;
import io.github.privatenumber.core.InvalidValueException;
import io.github.privatenumber.core.notification.NotificationSink;
import io.github.privatenumber.notifications.DeduplicationStore;
import io.github.privatenumber.notifications.NotificationReceiver;
import io.github.privatenumber.spring.internal.ClientSettings;
import io.github.privatenumber.spring.internal.SpringNotificationSink;
import io.github.privatenumber.spring.internal.WebhookHandler;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Mounts the webhook for the platform's pushes in a Spring MVC application: a {@link NotificationReceiver} built
 * from {@code privatenumber.notifications.*} and the app's credentials, served by a {@link RouterFunction} on
 * {@code events-path} and {@code cdr-path} (every method reaches the receiver, which answers 405 to all but
 * {@code POST}). Each new call event and CDR goes to every {@link NotificationSink} bean in order and is then
 * published as a {@link CallEventReceived} / {@link CdrReceived} application event. A {@link DeduplicationStore}
 * bean, if declared, replaces the in-memory one (needed when several instances share the callback URL).
 *
 * <p>Only in a servlet web application, with {@code privatenumber.enabled} and
 * {@code privatenumber.notifications.enabled} on (both default on). With Spring Security, permit the two paths and
 * exempt them from CSRF: the receiver authenticates pushes by their signature.
 */
@AutoConfiguration(after = PrivateNumberAutoConfiguration.class)
@ConditionalOnClass({NotificationReceiver.class, RouterFunction.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = PrivateNumberProperties.PREFIX, name = {"enabled", "notifications.enabled"},
        havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(PrivateNumberProperties.class)
public class PrivateNumberNotificationsAutoConfiguration {

    private static final String NOTIFICATIONS = PrivateNumberProperties.PREFIX + ".notifications.";

    /** Created by Spring. */
    public PrivateNumberNotificationsAutoConfiguration() {
    }

    /**
     * @param properties the {@code privatenumber.*} properties
     * @param sinks the application's sinks
     * @param publisher where the application events go
     * @param stores a {@link DeduplicationStore} bean, if declared
     * @return the receiver
     * @throws PrivateNumberConfigurationException naming the property when the configuration cannot work
     */
    @Bean
    @ConditionalOnMissingBean
    public NotificationReceiver privateNumberNotificationReceiver(PrivateNumberProperties properties,
            ObjectProvider<NotificationSink> sinks, ApplicationEventPublisher publisher,
            ObjectProvider<DeduplicationStore> stores) {
        PrivateNumberProperties.Notifications n = properties.notifications();
        NotificationReceiver.Builder builder = NotificationReceiver.builder()
                .sink(new SpringNotificationSink(sinks.orderedStream().toList(), publisher));
        if (n.verifySignature()) {
            ClientSettings.requireCredentials(properties, "pushes are verified with them ("
                    + NOTIFICATIONS + "verify-signature=true)");
            builder.credentials(AppCredentials.of(properties.appKey(), properties.appSecret()))
                    .wsseEnabled(n.wsseEnabled());
            if (n.allowedSkew() != null) {
                builder.allowedSkew(n.allowedSkew());
            }
        } else {
            builder.withoutSignatureVerification();
        }
        if (n.maxBodySize() != null) {
            long bytes = n.maxBodySize().toBytes();
            if (bytes < 1024 || bytes > Integer.MAX_VALUE) {
                throw new PrivateNumberConfigurationException(NOTIFICATIONS + "max-body-size",
                        "must be 1KB to 2GB, got " + n.maxBodySize(), "Use a size such as 1MB.");
            }
            builder.maxBodyBytes((int) bytes);
        }
        stores.ifUnique(builder::deduplicationStore);
        try {
            return builder.build();
        } catch (InvalidValueException e) {
            String property = NOTIFICATIONS + ("allowedSkew".equals(e.field()) ? "allowed-skew" : e.field());
            throw new PrivateNumberConfigurationException(property, e.getMessage(), "Correct " + property + ".", e);
        }
    }

    /**
     * @param receiver the receiver
     * @param properties the {@code privatenumber.*} properties
     * @param activity where the answers' statuses are recorded, if the client auto-configuration is active
     * @return the routes of the webhook's paths
     * @throws PrivateNumberConfigurationException when a path is empty or does not start with {@code /}
     */
    @Bean
    @ConditionalOnMissingBean(name = "privateNumberWebhook")
    public RouterFunction<ServerResponse> privateNumberWebhook(NotificationReceiver receiver,
            PrivateNumberProperties properties, ObjectProvider<PrivateNumberActivity> activity) {
        PrivateNumberProperties.Notifications n = properties.notifications();
        Set<String> paths = new LinkedHashSet<>();
        paths.add(path("events-path", n.eventsPath()));
        paths.add(path("cdr-path", n.cdrPath()));
        WebhookHandler handler = new WebhookHandler(receiver, activity.getIfAvailable());
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (String path : paths) {
            // with and without a trailing slash: a console URL may carry one (Spring 6 matches them apart)
            String bare = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            routes.route(RequestPredicates.path(bare), handler);
            if (!bare.equals("/")) {
                routes.route(RequestPredicates.path(bare + "/"), handler);
            }
        }
        return routes.build();
    }

    private static String path(String property, String value) {
        if (value == null || value.isBlank() || !value.startsWith("/") || value.contains("*") || value.contains("{")) {
            throw new PrivateNumberConfigurationException(NOTIFICATIONS + property, "must be a literal path starting"
                    + " with /, got '" + value + "'", "Set " + NOTIFICATIONS + property + " to a path such as"
                    + " /privatenumber/events.");
        }
        return value;
    }
}
