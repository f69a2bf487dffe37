package dev.mercator.marketplaces.resilience;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.source.MarketplaceSources;
import dev.mercator.platform.health.ComponentHealth;
import dev.mercator.platform.health.ComponentStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each marketplace with an adapter shows in {@code /health/detailed} as {@code provider:catalog-<id>}. */
@Configuration
class ProviderHealthConfiguration {

    @Bean
    ComponentHealth amazonCatalogHealth(MarketplaceCalls calls, MarketplaceSources sources) {
        return new ProviderHealth(Marketplace.AMAZON, calls, sources);
    }

    @Bean
    ComponentHealth aliexpressCatalogHealth(MarketplaceCalls calls, MarketplaceSources sources) {
        return new ProviderHealth(Marketplace.ALIEXPRESS, calls, sources);
    }

    @Bean
    ComponentHealth ebayCatalogHealth(MarketplaceCalls calls, MarketplaceSources sources) {
        return new ProviderHealth(Marketplace.EBAY, calls, sources);
    }

    record ProviderHealth(Marketplace marketplace, MarketplaceCalls calls, MarketplaceSources sources)
            implements ComponentHealth {

        @Override
        public String name() {
            return "provider:catalog-" + marketplace.id();
        }

        @Override
        public boolean critical() {
            return false;
        }

        @Override
        public boolean enabled() {
            return sources.find(marketplace).isPresent();
        }

        @Override
        public ComponentStatus check() {
            ProviderState state = calls.state(marketplace);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("circuit", state.circuit());
            facts.put("consecutiveFailures", state.consecutiveFailures());
            facts.put("quotaRemaining", state.quotaRemaining());
            String permanent = state.permanentFailure();
            if (permanent != null) {
                return ComponentStatus.down("permanent failure: " + permanent).with(facts);
            }
            if (state.circuit().equals("open")) {
                return ComponentStatus.down("circuit open after repeated failures")
                        .with(facts);
            }
            if (state.circuit().equals("half_open")) {
                // Searches are still refused: only the background probe's answer closes the circuit.
                return ComponentStatus.down("circuit half-open, waiting for the background probe")
                        .with(facts);
            }
            return ComponentStatus.up("last calls succeeded or none made").with(facts);
        }
    }
}
