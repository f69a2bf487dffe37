package dev.mercator.inventory.returns;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Returns settings (ADR 23).
 *
 * @param claimWindow how long after a return Amazon still accepts a reimbursement claim for it; the claim-by date of a
 *     reimbursement alert is the return date plus this. Amazon's "FBA inventory reimbursement policy: Customer return
 *     claims" (Seller Central help G9N934L7Y4SFWPJ4) says no later than 120 days after the customer refund
 * @param reportInterval how often each seller's FBA customer returns and merchant-fulfilled returns reports are
 *     requested: Amazon regenerates the FBA customer returns data about every 30 minutes, asking more often buys nothing
 * @param reportOverlap how far back each report window starts before the end of the last one read, so a row Amazon adds
 *     late to an earlier window is still seen (and a row seen twice is applied once)
 * @param firstWindow how far back the first report of a newly connected seller reaches
 */
@ConfigurationProperties("mercator.inventory.returns")
public record ReturnsSettings(
        @DefaultValue("120d") Duration claimWindow,
        @DefaultValue("30m") Duration reportInterval,
        @DefaultValue("3d") Duration reportOverlap,
        @DefaultValue("30d") Duration firstWindow) {

    public ReturnsSettings {
        if (claimWindow.isNegative()
                || reportInterval.isNegative()
                || reportInterval.isZero()
                || reportOverlap.isNegative()
                || firstWindow.isNegative()
                || firstWindow.isZero()) {
            throw new IllegalArgumentException(
                    "mercator.inventory.returns: claim-window and report-overlap must not be negative, report-interval"
                            + " and first-window must be positive");
        }
    }
}
