package dev.mercator.dealscout.watch;

import dev.mercator.alerts.AlertRaised;
import dev.mercator.dealscout.ListingScored;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns scored listings into deal alerts for the watches they match. The listener runs after the scorer's transaction
 * commits, in its own, through the event publication registry: a failed or crashed run is delivered again. Each watch
 * is decided under a lock on its row, and an alert row's unique (watch, listing, episode) key stands behind that, so a
 * redelivered, duplicated or concurrent score never alerts twice for one entry of a listing into the band (ADR 31).
 */
@Component
class WatchFiring {

    private static final Logger log = LoggerFactory.getLogger(WatchFiring.class);

    private final Watches watches;
    private final DealAlerts alerts;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final WatchSettings settings;
    private final Clock clock;

    WatchFiring(
            Watches watches,
            DealAlerts alerts,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            WatchSettings settings,
            Clock clock) {
        this.watches = watches;
        this.alerts = alerts;
        this.jdbc = jdbc;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ListingScored scored) {
        fire(scored);
    }

    /** Decides every matching watch; returns how many alerts were recorded (sent or held by a cap). */
    @Transactional
    int fire(ListingScored scored) {
        int fired = 0;
        for (Watch watch : watches.matching(scored.merchant(), scored.scanId(), productKeys(scored.productKey()))) {
            if (decide(watch, scored)) {
                fired++;
            }
        }
        return fired;
    }

    /**
     * The pool key as the event carries it, with and without its kind prefix: a watch stores the bare normalised value
     * ({@code ProductKey.value()}), the event may carry {@code ProductKey.toString()} ({@code gtin:…}).
     */
    static Set<String> productKeys(@Nullable String productKey) {
        Set<String> keys = new LinkedHashSet<>();
        if (productKey == null || productKey.isBlank()) {
            return keys;
        }
        keys.add(productKey);
        for (String kind : new String[] {"gtin:", "model:", "title:"}) {
            if (productKey.startsWith(kind)) {
                keys.add(productKey.substring(kind.length()));
            }
        }
        return keys;
    }

    private boolean decide(Watch watch, ListingScored scored) {
        if (!watches.lock(watch.id())) {
            return false;
        }
        if (scored.verdict() == ListingScored.Verdict.TOO_GOOD) {
            rememberTooGood(watch, scored);
            return false;
        }
        Optional<State> state = state(watch, scored);
        // A score older than the last one decided for this listing (a late redelivery) must not undo a newer decision.
        if (state.isPresent()
                && scored.scoredAt().isBefore(state.get().lastScoredAt().toInstant())) {
            return false;
        }
        boolean armed = state.map(State::armed).orElse(true);
        int episode = state.map(State::episode).orElse(0);
        if (WatchBand.holds(watch.spec(), scored)) {
            if (!armed) {
                saveState(watch, scored, episode, false, state.isPresent());
                return false;
            }
            int next = episode + 1;
            saveState(watch, scored, next, false, state.isPresent());
            alert(watch, scored, next);
            return true;
        }
        // Re-armed only when the price itself left the band: rose above what the merchant was told. A band that moved
        // away from an unchanged price (the market value fell, then rose again) would otherwise alert the same listing
        // at the same price a second time.
        boolean rearm = !armed
                && WatchBand.rearms(watch.spec(), scored, settings.rearmMargin())
                && scored.totalPrice().compareTo(alertedPrice(watch, scored, episode)) > 0;
        if (state.isPresent()) {
            saveState(watch, scored, episode, armed || rearm, true);
        }
        return false;
    }

    private void alert(Watch watch, ListingScored scored, int episode) {
        LocalDate day = LocalDate.ofInstant(scored.scoredAt(), watch.spec().zone());
        boolean capped = alerts.sentOn(watch.id(), day) >= watch.spec().dailyCap();
        DealAlerts.DealAlert alert = alerts.insert(
                watch, scored, episode, capped ? DealAlerts.Status.HELD : DealAlerts.Status.SENT, day, clock.instant());
        if (capped) {
            log.info("Watch {}: deal on {} held by the daily cap for {}", watch.id(), scored.listingId(), day);
            return;
        }
        AlertRaised raised = DealNotices.deal(watch, alert, scored.scoredAt());
        events.publishEvent(raised);
    }

    /** The total the listing was alerted at in this episode (held or digested alerts count: the merchant saw them). */
    private BigDecimal alertedPrice(Watch watch, ListingScored scored, int episode) {
        return jdbc.sql("select total_price from dealscout_deal_alerts"
                        + " where watch_id = :watch and observation_id = :observation and episode = :episode")
                .param("watch", watch.id())
                .param("observation", scored.observationId())
                .param("episode", episode)
                .query(BigDecimal.class)
                .optional()
                .orElse(BigDecimal.ZERO);
    }

    private record State(int episode, boolean armed, Timestamp lastScoredAt) {}

    private Optional<State> state(Watch watch, ListingScored scored) {
        return jdbc.sql("select episode, armed, last_scored_at from dealscout_watch_listings"
                        + " where watch_id = :watch and observation_id = :observation")
                .param("watch", watch.id())
                .param("observation", scored.observationId())
                .query((rs, n) ->
                        new State(rs.getInt("episode"), rs.getBoolean("armed"), rs.getTimestamp("last_scored_at")))
                .optional();
    }

    private void saveState(Watch watch, ListingScored scored, int episode, boolean armed, boolean exists) {
        String sql = exists ? """
                        update dealscout_watch_listings set episode = :episode, armed = :armed, last_price = :price,
                            last_scored_at = :at
                        where watch_id = :watch and observation_id = :observation""" : """
                        insert into dealscout_watch_listings (watch_id, observation_id, episode, armed, last_price,
                            last_scored_at)
                        values (:watch, :observation, :episode, :armed, :price, :at)""";
        jdbc.sql(sql)
                .param("watch", watch.id())
                .param("observation", scored.observationId())
                .param("episode", episode)
                .param("armed", armed)
                .param("price", scored.totalPrice())
                .param("at", Timestamp.from(scored.scoredAt()))
                .update();
    }

    private void rememberTooGood(Watch watch, ListingScored scored) {
        var params = new java.util.HashMap<String, @Nullable Object>();
        params.put("watch", watch.id());
        params.put("observation", scored.observationId());
        params.put("marketplace", scored.marketplace());
        params.put("listing", scored.listingId());
        params.put(
                "title",
                scored.title().length() <= 500 ? scored.title() : scored.title().substring(0, 500));
        params.put("url", scored.url());
        params.put("total", scored.totalPrice());
        params.put("currency", scored.currency());
        params.put("marketValue", scored.marketValue());
        params.put("z", scored.robustZ());
        params.put("discount", scored.discount());
        params.put("at", Timestamp.from(scored.scoredAt()));
        Optional<Timestamp> seen = jdbc.sql("select scored_at from dealscout_watch_too_good"
                        + " where watch_id = :watch and observation_id = :observation")
                .params(params)
                .query(Timestamp.class)
                .optional();
        if (seen.isEmpty()) {
            jdbc.sql("""
                            insert into dealscout_watch_too_good (watch_id, observation_id, marketplace, listing_id,
                                title, url, total_price, currency, market_value, robust_z, discount, scored_at)
                            values (:watch, :observation, :marketplace, :listing, :title, :url, :total, :currency,
                                :marketValue, :z, :discount, :at)""").params(params).update();
        } else if (!scored.scoredAt().isBefore(seen.get().toInstant())) {
            // Only a newer score replaces what the merchant is shown; a late redelivery leaves it.
            jdbc.sql("""
                            update dealscout_watch_too_good set marketplace = :marketplace, listing_id = :listing,
                                title = :title, url = :url, total_price = :total, currency = :currency,
                                market_value = :marketValue, robust_z = :z, discount = :discount, scored_at = :at
                            where watch_id = :watch and observation_id = :observation""").params(params).update();
        }
    }
}
