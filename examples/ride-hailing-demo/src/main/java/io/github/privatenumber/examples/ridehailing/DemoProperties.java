package io.github.privatenumber.examples.ridehailing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo's own settings ({@code --demo.*}).
 *
 * @param keepRunning Whether to keep serving (webhook, /actuator/health) after the lifecycle instead of exiting.
 * @param passenger Passenger A's real number.
 * @param driver Driver B's real number.
 * @param areaCode City code of the privacy numbers to allocate.
 * @param orderId The ride's order id, sent as the binding's user data and echoed in events and CDRs.
 * @param talkTime How long the simulated call talks (embedded simulator only).
 * @param pushTimeout How long to wait for the call events and the CDR to arrive through the webhook.
 */
@ConfigurationProperties("demo")
public record DemoProperties(
        @DefaultValue("false") boolean keepRunning,
        @DefaultValue("+8613800000001") String passenger,
        @DefaultValue("+8613900000002") String driver,
        @DefaultValue("0755") String areaCode,
        @DefaultValue("ride-20261203-0042") String orderId,
        @DefaultValue("42s") Duration talkTime,
        @DefaultValue("15s") Duration pushTimeout) {
}
