package dev.mercator.dealscout.pricing;

import dev.mercator.catalog.identity.ProductIdentity;
import dev.mercator.marketplaces.BuyingFormat;
import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Listing;
import dev.mercator.marketplaces.ListingQuery;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.Marketplaces;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.platform.MerchantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Looks a GTIN up on the marketplaces, under the merchant's account (its own catalog credentials from the vault, else
 * the instance's, as {@link Marketplaces#account} gives them) on the background lane: the product's title, brand and
 * model, and from eBay its category. eBay is asked first because only its listings carry the eBay category id the comp
 * pools are keyed by; Amazon and AliExpress are asked when eBay does not know the GTIN.
 *
 * <p>The marketplaces module searches by keywords and looks products up by the marketplace's own ids, not by GTIN: so
 * the GTIN is searched as a keyword and a result counts only when the marketplace itself reports that GTIN for it
 * (for eBay the item's detail, read with {@link Marketplaces#lookup}, since search summaries carry no GTIN). A
 * listing that merely mentions the number is not the product. Never fails: a failure or an unknown GTIN is a result
 * that says so, and the GTIN is then the pool key on its own.
 */
@Component
class GtinLookup {

    /** eBay item details read per lookup: each is one call of the eBay quota. */
    static final int MAX_DETAILS = 3;

    private static final Logger log = LoggerFactory.getLogger(GtinLookup.class);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]");

    private final Marketplaces marketplaces;
    private final PricingSettings settings;

    GtinLookup(Marketplaces marketplaces, PricingSettings settings) {
        this.marketplaces = marketplaces;
        this.settings = settings;
    }

    /**
     * What the lookup found, as the answer shows it.
     *
     * @param status {@code found}, {@code not_found} (no marketplace asked reports the GTIN), {@code failed} (every
     *     marketplace asked failed) or {@code unavailable} (no marketplace configured)
     * @param marketplace where it was found
     * @param note for the merchant: where it was found, or why not and that the GTIN alone is the key
     */
    record Result(
            String gtin,
            String status,
            @Nullable String marketplace,
            @Nullable String title,
            @Nullable String brand,
            @Nullable String model,
            @Nullable String categoryId,
            String note) {

        boolean found() {
            return "found".equals(status);
        }
    }

    /** Looks up a canonical GTIN ({@link ProductIdentity#gtin}). */
    Result find(MerchantId merchant, String gtin) {
        String keyword = keyword(gtin);
        List<String> failures = new ArrayList<>();
        int asked = 0;
        for (Marketplace marketplace : List.of(Marketplace.EBAY, Marketplace.AMAZON, Marketplace.ALIEXPRESS)) {
            if (!marketplaces.available(marketplace)) {
                continue;
            }
            asked++;
            try {
                SourceAccount account = marketplaces.account(merchant, marketplace);
                Optional<Result> found = marketplace == Marketplace.EBAY
                        ? onEbay(gtin, keyword, account)
                        : elsewhere(marketplace, gtin, keyword, account);
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (SourceFailure | RuntimeException e) {
                // A lookup that fails must not fail the item: it is priced by the GTIN alone, and the answer says why.
                log.info("GTIN lookup on {} failed for merchant {}: {}", marketplace.id(), merchant, e.getMessage());
                failures.add(marketplace.id() + " (" + reason(e) + ")");
            }
        }
        if (asked == 0) {
            return miss(gtin, "unavailable", "no marketplace is configured to look the GTIN up");
        }
        if (failures.size() == asked) {
            return miss(gtin, "failed", "the lookup failed on " + String.join(", ", failures));
        }
        return miss(
                gtin,
                "not_found",
                "no marketplace asked lists this GTIN"
                        + (failures.isEmpty() ? "" : "; the lookup failed on " + String.join(", ", failures)));
    }

    /** eBay: the GTIN's listings (with their categories), then up to {@link #MAX_DETAILS} details to confirm it. */
    private Optional<Result> onEbay(String gtin, String keyword, SourceAccount account) throws SourceFailure {
        List<Listing> listings = marketplaces
                .listings(
                        Marketplace.EBAY,
                        new ListingQuery(
                                keyword,
                                null,
                                Set.of(),
                                null,
                                null,
                                settings.currency(),
                                BuyingFormat.FIXED_PRICE,
                                null,
                                1,
                                20),
                        account,
                        Lane.BACKGROUND)
                .listings();
        if (listings.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids =
                listings.stream().map(Listing::listingId).limit(MAX_DETAILS).toList();
        List<RawProduct> confirmed = marketplaces.lookup(Marketplace.EBAY, ids, account, Lane.BACKGROUND).stream()
                .filter(product -> reports(product, gtin))
                .toList();
        if (confirmed.isEmpty()) {
            return Optional.empty();
        }
        Set<String> confirmedIds = new HashSet<>();
        confirmed.forEach(product -> confirmedIds.add(product.marketplaceId()));
        Map<String, Integer> categories = new HashMap<>();
        for (Listing listing : listings) {
            if (confirmedIds.contains(listing.listingId()) && listing.categoryId() != null) {
                categories.merge(listing.categoryId(), 1, Integer::sum);
            }
        }
        String category = categories.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(null);
        return Optional.of(hit(gtin, Marketplace.EBAY, confirmed.getFirst(), category));
    }

    private Optional<Result> elsewhere(Marketplace marketplace, String gtin, String keyword, SourceAccount account)
            throws SourceFailure {
        return marketplaces
                .search(marketplace, new SourceQuery(keyword, 1, 10, null, null, null), account, Lane.BACKGROUND)
                .products()
                .stream()
                .filter(product -> reports(product, gtin))
                .findFirst()
                .map(product -> hit(gtin, marketplace, product, null));
    }

    private static boolean reports(RawProduct product, String gtin) {
        return product.gtins().stream()
                .map(ProductIdentity::gtin)
                .anyMatch(value -> value.isPresent() && value.get().equals(gtin));
    }

    private static Result hit(String gtin, Marketplace marketplace, RawProduct product, @Nullable String category) {
        return new Result(
                gtin,
                "found",
                marketplace.id(),
                clean(product.title()),
                clean(product.brand()),
                clean(product.model()),
                category,
                "found on " + marketplace.id()
                        + (category == null ? " without an eBay category" : " in eBay category " + category));
    }

    private static Result miss(String gtin, String status, String why) {
        return new Result(gtin, status, null, null, null, null, null, why + ": the GTIN alone is the product key");
    }

    /** The form marketplaces search by: the 13-digit EAN when the canonical 14-digit form starts with a zero. */
    static String keyword(String gtin) {
        return gtin.length() == 14 && gtin.charAt(0) == '0' ? gtin.substring(1) : gtin;
    }

    /** Marketplace text as {@link RawProduct} warns it may come: tags and control characters removed. */
    private static @Nullable String clean(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String plain = CONTROL.matcher(TAG.matcher(text).replaceAll(" ")).replaceAll("");
        plain = plain.replaceAll("\\s+", " ").strip();
        return plain.isEmpty() ? null : plain;
    }

    private static String reason(Exception e) {
        return e instanceof SourceFailure failure
                ? failure.kind().name().toLowerCase(Locale.ROOT)
                : e.getClass().getSimpleName();
    }
}
