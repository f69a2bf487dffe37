package dev.mercator.inventory.shopify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How verified Shopify webhooks are committed in groups ({@link WebhookGroupCommit}).
 *
 * @param committers how many groups may be committing at once, each on its own connection
 * @param maxGroup the most webhooks one transaction records
 * @param queue how many verified webhooks may wait for a committer; one more is refused with 503 and Retry-After
 * @param maxWait how long a request waits for its group's commit before it answers 503 (the webhook may still be
 *     recorded; Shopify's redelivery is then a duplicate, which the delivery id makes harmless)
 */
@ConfigurationProperties("mercator.inventory.webhook-intake")
record WebhookIntakeSettings(
        @DefaultValue("4") int committers,
        @DefaultValue("64") int maxGroup,
        @DefaultValue("2048") int queue,
        @DefaultValue("10s") Duration maxWait) {

    WebhookIntakeSettings {
        if (committers < 1 || maxGroup < 1 || queue < 1 || !maxWait.isPositive()) {
            throw new IllegalArgumentException("mercator.inventory.webhook-intake: committers, max-group and queue must"
                    + " be at least 1 and max-wait positive");
        }
    }
}
