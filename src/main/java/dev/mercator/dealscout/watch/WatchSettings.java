package dev.mercator.dealscout.watch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deal watches ({@code mercator.dealscout.watches.*}, ADR 31).
 *
 * @param maxPerMerchant how many watches one merchant may keep
 * @param defaultDailyCap alerts a watch sends per day (in its time zone) when it names no cap; the rest wait for the day's digest
 * @param maxDailyCap the highest cap a watch may ask for
 * @param rearmMargin how far (relative) a listing's total must rise above the band's edge before the watch may alert on
 *     it again: without a margin a price jittering around the edge would alert on every dip
 * @param digestWorkerEnabled whether this instance sends the digests of past days (tests drive passes themselves)
 * @param digestTick how often the digest worker looks for days to close
 */
@ConfigurationProperties("mercator.dealscout.watches")
record WatchSettings(
        @DefaultValue("100") int maxPerMerchant,
        @DefaultValue("20") int defaultDailyCap,
        @DefaultValue("1000") int maxDailyCap,
        @DefaultValue("0.02") double rearmMargin,
        @DefaultValue("true") boolean digestWorkerEnabled,
        @DefaultValue("1m") Duration digestTick) {

    WatchSettings {
        if (maxPerMerchant < 1 || defaultDailyCap < 1 || maxDailyCap < defaultDailyCap) {
            throw new IllegalArgumentException(
                    "mercator.dealscout.watches: max-per-merchant and default-daily-cap must be positive, "
                            + "max-daily-cap at least default-daily-cap");
        }
        if (!(rearmMargin >= 0 && rearmMargin < 1)) {
            throw new IllegalArgumentException("mercator.dealscout.watches.rearm-margin must be in [0, 1)");
        }
        if (digestTick.isNegative() || digestTick.isZero()) {
            throw new IllegalArgumentException("mercator.dealscout.watches.digest-tick must be positive");
        }
    }
}
