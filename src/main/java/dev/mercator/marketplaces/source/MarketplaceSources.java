package dev.mercator.catalog.resilience;

import dev.mercator.catalog.Marketplace;
import dev.mercator.catalog.ProductSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The {@link ProductSource} adapters present in this configuration, one per marketplace. Adapters are plain beans;
 * when two serve one marketplace the first in {@code @Order} wins, which is how tests put a fake in front.
 */
@Component
public class MarketplaceSources {

    private final ObjectProvider<ProductSource> sources;

    MarketplaceSources(ObjectProvider<ProductSource> sources) {
        this.sources = sources;
    }

    public Map<Marketplace, ProductSource> all() {
        Map<Marketplace, ProductSource> byMarketplace = new EnumMap<>(Marketplace.class);
        sources.orderedStream().forEach(source -> byMarketplace.putIfAbsent(source.marketplace(), source));
        return byMarketplace;
    }

    public Optional<ProductSource> find(Marketplace marketplace) {
        return Optional.ofNullable(all().get(marketplace));
    }

    public List<Marketplace> marketplaces() {
        return List.copyOf(all().keySet());
    }
}
