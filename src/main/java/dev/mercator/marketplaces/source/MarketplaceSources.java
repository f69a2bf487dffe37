package dev.mercator.marketplaces.source;

import dev.mercator.marketplaces.Marketplace;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The {@link ProductSource} adapters present in this configuration, one per marketplace. Adapters are plain beans;
 * when two serve one marketplace the first in {@code @Order} wins, which is how tests put a fake in front. They are
 * looked up on first use, once the context has every adapter, and kept: every marketplace call asks for its adapter.
 */
@Component
public class MarketplaceSources {

    private final ObjectProvider<ProductSource> sources;
    private volatile @Nullable Map<Marketplace, ProductSource> found;

    MarketplaceSources(ObjectProvider<ProductSource> sources) {
        this.sources = sources;
    }

    public Map<Marketplace, ProductSource> all() {
        Map<Marketplace, ProductSource> all = found;
        if (all == null) {
            Map<Marketplace, ProductSource> byMarketplace = new EnumMap<>(Marketplace.class);
            sources.orderedStream().forEach(source -> byMarketplace.putIfAbsent(source.marketplace(), source));
            all = Collections.unmodifiableMap(byMarketplace);
            found = all;
        }
        return all;
    }

    public Optional<ProductSource> find(Marketplace marketplace) {
        return Optional.ofNullable(all().get(marketplace));
    }

    public List<Marketplace> marketplaces() {
        return List.copyOf(all().keySet());
    }
}
