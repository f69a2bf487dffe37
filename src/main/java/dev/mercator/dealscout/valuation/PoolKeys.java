package dev.mercator.dealscout.valuation;

import dev.mercator.catalog.identity.ProductIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The pool keys of an item, finest first, with the catalog's identity rules ({@link ProductIdentity}):
 *
 * <ol>
 *   <li>its product by the best identity it has (GTIN, else brand and model, else a single model code in the title,
 *       else the title's tokens) in its exact condition;
 *   <li>the same product in the condition's family (a "Very Good" pool borrows from all used grades);
 *   <li>the product by its title tokens in the condition's family, when the best identity was a GTIN or model.
 * </ol>
 *
 * There is never a key for a category alone: pooling every listing in "Laptops & Netbooks" would value a motherboard
 * against whole laptops, the mistake Deal Scout exists to avoid.
 */
public final class PoolKeys {

    /**
     * Words that name a condition rather than a product: condition has its own part of the key, so "used" in one title
     * and "pre-owned" in another must not split one product into two pools.
     */
    private static final Set<String> CONDITION_WORDS = Set.of(
            "used",
            "preowned",
            "pre",
            "owned",
            "refurbished",
            "refurb",
            "renewed",
            "mint",
            "excellent",
            "good",
            "working",
            "tested",
            "unopened",
            "sealed",
            "brand",
            "nib",
            "bnib",
            "nwt",
            "condition");
    /**
     * Words that mark an accessory or part made for another product ("case for iPhone 15", "ear pads compatible with
     * WH-1000XM5"): such a title names the other product's model code, which must not put it in that product's pool.
     */
    private static final Pattern ACCESSORY =
            Pattern.compile("\\b(for|compatible|fits|fit|replacement)\\b", Pattern.CASE_INSENSITIVE);

    private PoolKeys() {}

    /**
     * The item's keys from the finest to the coarsest; empty when nothing identifies the product.
     *
     * @throws IllegalArgumentException for a condition id eBay does not define
     */
    public static List<PoolKey> chain(ItemFacts facts) {
        ItemCondition condition = ItemCondition.ofId(facts.conditionId())
                .orElseThrow(() -> new IllegalArgumentException("unknown eBay condition id " + facts.conditionId()));
        String currency = facts.currency().toUpperCase(Locale.ROOT);
        ProductKey title = titleKey(facts.title());
        ProductKey best = bestKey(facts, title);
        List<PoolKey> keys = new ArrayList<>(3);
        if (best == null) {
            return keys;
        }
        PoolKey exact = PoolKey.exact(facts.category(), best, condition, currency);
        keys.add(exact);
        keys.add(exact.familyWide());
        if (title != null && !title.equals(best)) {
            keys.add(exact.familyWide().withProduct(title));
        }
        return keys;
    }

    private static @Nullable ProductKey bestKey(ItemFacts facts, @Nullable ProductKey title) {
        var gtin = ProductIdentity.gtin(facts.gtin());
        if (gtin.isPresent()) {
            return new ProductKey(ProductKey.Kind.GTIN, gtin.get());
        }
        String brand = ProductIdentity.normalise(facts.brand());
        String model = ProductIdentity.normalise(facts.model());
        // The catalog's rule: brand and model identify a product when the model is at least three characters.
        if (brand != null && model != null && model.length() >= 3) {
            return new ProductKey(ProductKey.Kind.MODEL, brand + "/" + model);
        }
        Set<String> codes = ProductIdentity.modelCodes(facts.title());
        if (codes.size() == 1 && !ACCESSORY.matcher(facts.title()).find()) {
            return new ProductKey(ProductKey.Kind.MODEL, codes.iterator().next());
        }
        return title;
    }

    /** The title-token key of a title (or a watch's keywords), null when no token is left. */
    public static @Nullable ProductKey titleKey(String title) {
        TreeSet<String> tokens = new TreeSet<>(ProductIdentity.titleTokens(title));
        tokens.removeAll(CONDITION_WORDS);
        return tokens.isEmpty() ? null : new ProductKey(ProductKey.Kind.TITLE, String.join(" ", tokens));
    }
}
