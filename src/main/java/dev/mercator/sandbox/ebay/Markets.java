package dev.mercator.sandbox.ebay;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The living markets by eBay app (the OAuth client a token was issued to). Simulated time is the application's clock
 * plus what {@code _sim} advanced a market by; each market catches up to it whenever it is read.
 */
@Component
@ConditionalOnSandbox
class Markets {

    private final Clock clock;
    private final MarketSettings settings;
    private final ConcurrentMap<String, Market> markets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Duration> advanced = new ConcurrentHashMap<>();

    Markets(Clock clock, MarketSettings settings) {
        this.clock = clock;
        this.settings = settings;
        settings.accounts().forEach(account -> create(account, settings.shape()));
    }

    MarketShape defaults() {
        return settings.shape();
    }

    /** A new market for the account, replacing any it had; starts now with its warm-up history. */
    Market create(String account, MarketShape shape) {
        advanced.put(account, Duration.ZERO);
        Market market = new Market(account, shape, clock.instant());
        markets.put(account, market);
        return market;
    }

    boolean remove(String account) {
        advanced.remove(account);
        return markets.remove(account) != null;
    }

    /** The account's market caught up to simulated now, if it has one. */
    Optional<Market> of(String account) {
        Market market = markets.get(account);
        if (market == null) {
            return Optional.empty();
        }
        market.catchUp(now(account));
        return Optional.of(market);
    }

    /** Moves the account's simulated time forward and runs its market up to it. */
    Optional<Market> advance(String account, Duration by) {
        if (!markets.containsKey(account)) {
            return Optional.empty();
        }
        advanced.merge(account, by, Duration::plus);
        return of(account);
    }

    Instant now(String account) {
        return clock.instant().plus(advanced.getOrDefault(account, Duration.ZERO));
    }
}
