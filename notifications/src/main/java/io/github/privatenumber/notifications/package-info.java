/**
 * Receiving the platform's pushes (SPEC §10): verify the signature, parse into
 * {@link io.github.privatenumber.core.notification.CallEvent}s and
 * {@link io.github.privatenumber.core.notification.CallDetailRecord}s, drop records already delivered, hand the new
 * ones to a {@link io.github.privatenumber.core.notification.NotificationSink}, and answer 200 only when the sink
 * accepted them all.
 *
 * <ul>
 *   <li>{@link io.github.privatenumber.notifications.NotificationReceiver}: framework-neutral, method + headers + body
 *       in, {@link io.github.privatenumber.notifications.ReceiverResponse} out;</li>
 *   <li>{@link io.github.privatenumber.notifications.NotificationEndpoint}: a ready endpoint on the JDK's
 *       {@code HttpServer};</li>
 *   <li>{@link io.github.privatenumber.notifications.NotificationHandlers}: a sink made of lambdas;</li>
 *   <li>{@link io.github.privatenumber.notifications.DeduplicationStore}: the port for remembering deliveries, with
 *       {@link io.github.privatenumber.notifications.InMemoryDeduplicationStore} as the default;</li>
 *   <li>{@code testing.PushTestClient}: sends signed pushes like the platform, for applications' tests.</li>
 * </ul>
 *
 * <p>Null contract: parameters and return values are non-null unless documented; optional values are returned as
 * {@link java.util.Optional}. Misconfiguration is reported with
 * {@link io.github.privatenumber.core.InvalidValueException} naming the setting.
 */
package io.github.privatenumber.notifications;
