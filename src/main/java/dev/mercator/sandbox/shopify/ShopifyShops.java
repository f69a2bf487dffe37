package dev.mercator.sandbox.shopify;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The simulated shops, by {@code *.myshopify.com} domain. Kept in memory: a sandbox store lives as long as the process,
 * like the fault settings. Ids come from one sequence so no two objects of any shop share one. An unknown shop, a bad
 * domain or a clash of locations is a {@link StoreRefusal}, like the shops' own refusals.
 */
@Component
@ConditionalOnSandbox
class ShopifyShops {

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.myshopify\\.com");

    private final Map<String, SimulatedShop> shops = new ConcurrentHashMap<>();
    // Shopify ids are large integers; starting high keeps them clear of small hand-written test ids.
    private final AtomicLong ids = new AtomicLong(7_100_000_000_000L);
    private final ShopifySimulatorSettings settings;
    private final Clock clock;

    ShopifyShops(ShopifySimulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    Optional<SimulatedShop> find(String domain) {
        return Optional.ofNullable(shops.get(domain.toLowerCase(Locale.ROOT)));
    }

    SimulatedShop require(String domain) {
        return find(domain)
                .orElseThrow(() -> StoreRefusal.notFound("No simulated shop " + domain
                        + "; register it with PUT /sandbox/shopify/" + domain + "/_sim/shop"));
    }

    /** Creates the shop, or replaces the configuration of an existing one (its stock and orders stay). */
    SimulatedShop register(String domain, SimulatedShop.Config config, @Nullable Long locationId) {
        String key = domain.toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(key).matches()) {
            throw StoreRefusal.badRequest("A shop is named by its <name>.myshopify.com domain");
        }
        SimulatedShop shop = shops.computeIfAbsent(
                key,
                d -> new SimulatedShop(
                        d,
                        locationId != null ? locationId : ids.incrementAndGet(),
                        config,
                        ids::incrementAndGet,
                        clock));
        if (locationId != null && shop.locationId() != locationId) {
            throw StoreRefusal.conflict("Shop " + key + " already has location " + shop.locationId());
        }
        shop.reconfigure(config);
        return shop;
    }

    /** Defaults for a shop registered without its own bucket or delivery settings. */
    ShopifySimulatorSettings settings() {
        return settings;
    }
}
