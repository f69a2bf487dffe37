package dev.mercator.catalog.ingest;

import dev.mercator.catalog.affiliate.OfferLinks;
import dev.mercator.catalog.product.Offer;
import dev.mercator.catalog.product.ProductValidation;
import dev.mercator.catalog.product.ValidProduct;
import dev.mercator.catalog.settings.CatalogSettings;
import dev.mercator.marketplaces.Marketplaces;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/products/{id}} and {@code /prices}: an imported product with the caller's own affiliate link, and its
 * price history. A price older than the refresh threshold carries its "as of" time.
 */
@RestController
@Tag(name = "Catalog")
class ProductController {

    private final CatalogProducts products;
    private final Marketplaces marketplaces;
    private final OfferLinks links;
    private final CatalogSettings.Refresh refresh;
    private final Clock clock;

    ProductController(
            CatalogProducts products,
            Marketplaces marketplaces,
            OfferLinks links,
            CatalogSettings settings,
            Clock clock) {
        this.products = products;
        this.marketplaces = marketplaces;
        this.links = links;
        this.refresh = settings.refresh();
        this.clock = clock;
    }

    /** An imported product as the API shows it. {@code asOf} is set when the price is older than an hour. */
    record ProductView(
            UUID id,
            String marketplace,
            String marketplaceId,
            String title,
            @Nullable String description,
            @Nullable String brand,
            @Nullable String model,
            @Nullable String gtin,
            @Nullable String imageUrl,
            String url,
            boolean affiliate,
            String price,
            String currency,
            @Nullable String availability,
            Instant priceUpdatedAt,
            @Nullable Instant asOf) {}

    @Operation(operationId = "getProduct", summary = "An imported product with the merchant's own affiliate link")
    @GetMapping(path = "/api/products/{id}", produces = "application/json")
    ProductView product(@PathVariable String id) {
        MerchantId merchant = CurrentMerchant.require();
        StoredProduct stored = products.find(parse(id)).orElseThrow(() -> ApiProblem.notFound("No such product"));
        RawProduct raw = new RawProduct(
                stored.marketplace(),
                stored.marketplaceId(),
                stored.title(),
                stored.description(),
                stored.brand(),
                stored.model(),
                stored.price().toPlainString(),
                stored.currency(),
                stored.gtin() == null ? List.of() : List.of(stored.gtin()),
                stored.imageUrl(),
                stored.productUrl(),
                null,
                stored.availability(),
                stored.priceAsOf());
        ValidProduct valid = ProductValidation.validate(raw).product();
        if (valid == null) {
            throw new IllegalStateException("a stored product no longer validates: " + stored.id());
        }
        if (marketplaces.available(stored.marketplace())) {
            valid = links.apply(valid, raw, marketplaces.account(merchant, stored.marketplace()));
        }
        Offer offer = valid.offer();
        boolean old = stored.priceAsOf().isBefore(clock.instant().minus(refresh.staleAfter()));
        return new ProductView(
                stored.id(),
                stored.marketplace().id(),
                stored.marketplaceId(),
                stored.title(),
                stored.description(),
                stored.brand(),
                stored.model(),
                stored.gtin(),
                stored.imageUrl(),
                offer.url(),
                offer.affiliate(),
                stored.price().stripTrailingZeros().toPlainString(),
                stored.currency(),
                stored.availability(),
                stored.priceAsOf(),
                old ? stored.priceAsOf() : null);
    }

    @Operation(operationId = "getProductPrices", summary = "An imported product's price history")
    @GetMapping(path = "/api/products/{id}/prices", produces = "application/json")
    Map<String, List<CatalogProducts.PricePoint>> prices(@PathVariable String id) {
        CurrentMerchant.require();
        UUID product = parse(id);
        if (products.find(product).isEmpty()) {
            throw ApiProblem.notFound("No such product");
        }
        return Map.of("prices", products.prices(product));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("No such product");
        }
    }
}
