package dev.mercator.catalog.product;

import dev.mercator.catalog.identity.ProductIdentity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Merges the same product seen on several marketplaces into one, and scores each merged product's quality.
 *
 * <p>Two listings are the same product when they share a GTIN; or the same normalised brand and model; or
 * near-identical titles (token overlap ≥ 80 %, marketing words such as "free shipping" ignored) with identical variant
 * tokens, so "128GB" and "256GB", or "red" and "blue", stay apart, and prices in a band:
 *
 * <ul>
 *   <li>titles that also name the same model code ({@code PH-552V}, {@code WH-1000XM5}) are the same product at
 *       prices up to 2.5× apart: marketplaces price one product very differently (AliExpress often at half Amazon's
 *       price), and the shared code is strong evidence;
 *   <li>otherwise prices must lie within 30 % of each other, which keeps accessories, bundles and look-alikes with
 *       similar titles apart.
 * </ul>
 *
 * Title matches never cross currencies: without exchange rates the band cannot be checked, and since merging is
 * transitive one unchecked pair could pull a listing at five times the price into a group.
 *
 * <p>The identity rules themselves (GTINs, model codes, title and variant tokens) live in {@link ProductIdentity},
 * which Deal Scout shares.
 */
public final class ProductMerger {

    private static final double TITLE_SIMILARITY = 0.8;
    private static final BigDecimal PRICE_BAND = new BigDecimal("1.30");
    private static final BigDecimal MODEL_CODE_PRICE_BAND = new BigDecimal("2.50");

    private final Clock clock;

    public ProductMerger(Clock clock) {
        this.clock = clock;
    }

    public List<CatalogProduct> merge(List<ValidProduct> products) {
        int n = products.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        List<Set<String>> tokens = products.stream().map(p -> tokens(p.title())).toList();
        List<Set<String>> codes =
                products.stream().map(p -> modelCodes(p.title())).toList();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (same(
                        products.get(i),
                        products.get(j),
                        new TitleFacts(tokens.get(i), codes.get(i)),
                        new TitleFacts(tokens.get(j), codes.get(j)))) {
                    union(parent, i, j);
                }
            }
        }
        Map<Integer, List<ValidProduct>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(products.get(i));
        }
        return groups.values().stream().map(this::combine).toList();
    }

    private record TitleFacts(Set<String> tokens, Set<String> modelCodes) {}

    private static boolean same(ValidProduct a, ValidProduct b, TitleFacts fa, TitleFacts fb) {
        Set<String> ta = fa.tokens();
        Set<String> tb = fb.tokens();
        if (a.gtin() != null && b.gtin() != null) {
            return a.gtin().equals(b.gtin());
        }
        String brandA = normalise(a.brand());
        String modelA = normalise(a.model());
        if (brandA != null && modelA != null && modelA.length() >= 3) {
            if (brandA.equals(normalise(b.brand())) && modelA.equals(normalise(b.model()))) {
                return true;
            }
        }
        if (!variantTokens(ta).equals(variantTokens(tb)) || jaccard(ta, tb) < TITLE_SIMILARITY) {
            return false;
        }
        if (!a.offer().currency().equals(b.offer().currency())) {
            return false;
        }
        boolean sharedModelCode = fa.modelCodes().stream().anyMatch(fb.modelCodes()::contains);
        BigDecimal low = a.offer().price().min(b.offer().price());
        BigDecimal high = a.offer().price().max(b.offer().price());
        return high.compareTo(low.multiply(sharedModelCode ? MODEL_CODE_PRICE_BAND : PRICE_BAND)) <= 0;
    }

    static Set<String> modelCodes(String title) {
        return ProductIdentity.modelCodes(title);
    }

    private CatalogProduct combine(List<ValidProduct> group) {
        // The most complete listing gives the product its descriptive fields.
        ValidProduct best = group.stream()
                .max(Comparator.comparingInt(ProductMerger::completeness)
                        .thenComparing(p -> p.offer().marketplace(), Comparator.reverseOrder()))
                .orElseThrow();
        Gtin gtin = group.stream()
                .map(ValidProduct::gtin)
                .filter(g -> g != null)
                .findFirst()
                .orElse(null);
        List<Offer> offers = group.stream()
                .map(ValidProduct::offer)
                .sorted(Comparator.comparing(Offer::price))
                .toList();
        String key = gtin != null
                ? "gtin:" + gtin.value()
                : offers.getFirst().marketplace().id() + ":" + offers.getFirst().marketplaceId();
        return new CatalogProduct(
                key,
                best.title(),
                best.description(),
                firstNonNull(best.brand(), group, ValidProduct::brand),
                firstNonNull(best.model(), group, ValidProduct::model),
                gtin == null ? null : gtin.value(),
                firstNonNull(best.imageUrl(), group, ValidProduct::imageUrl),
                offers,
                quality(best, gtin, offers));
    }

    /**
     * Quality from 0 to 1: completeness (40 %: GTIN, brand, model, image, description), freshness (20 %: newest offer
     * under an hour old scores full), price sanity (20 %: offers within 50 % of their median), title hygiene (20 %:
     * sensible length, not shouting, no promotional noise).
     */
    double quality(ValidProduct best, @Nullable Gtin gtin, List<Offer> offers) {
        double completeness = (presence(gtin)
                        + presence(best.brand())
                        + presence(best.model())
                        + presence(best.imageUrl())
                        + presence(best.description()))
                / 5.0;
        Instant newest =
                offers.stream().map(Offer::asOf).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        Duration age = Duration.between(newest, clock.instant());
        double freshness =
                age.compareTo(Duration.ofHours(1)) <= 0 ? 1.0 : age.compareTo(Duration.ofDays(1)) <= 0 ? 0.5 : 0.2;
        double priceSanity = priceSanity(offers);
        double hygiene = titleHygiene(best.title());
        double score = 0.4 * completeness + 0.2 * freshness + 0.2 * priceSanity + 0.2 * hygiene;
        return Math.round(score * 1000) / 1000.0;
    }

    private static double priceSanity(List<Offer> offers) {
        Map<String, List<BigDecimal>> byCurrency = new LinkedHashMap<>();
        offers.forEach(o ->
                byCurrency.computeIfAbsent(o.currency(), c -> new ArrayList<>()).add(o.price()));
        List<BigDecimal> prices = byCurrency.values().stream()
                .max(Comparator.comparingInt(List::size))
                .orElse(List.of());
        if (prices.size() < 2) {
            return 0.7;
        }
        List<BigDecimal> sorted = prices.stream().sorted().toList();
        BigDecimal median = sorted.get(sorted.size() / 2);
        for (BigDecimal price : sorted) {
            BigDecimal deviation = price.subtract(median).abs().divide(median, 4, RoundingMode.HALF_UP);
            if (deviation.compareTo(new BigDecimal("0.5")) > 0) {
                return 0.3;
            }
        }
        return 1.0;
    }

    private static double titleHygiene(String title) {
        double score = 1.0;
        int length = title.length();
        if (length < 15 || length > 200) {
            score -= 0.3;
        }
        long letters = title.chars().filter(Character::isLetter).count();
        long upper = title.chars().filter(Character::isUpperCase).count();
        if (letters > 10 && upper > letters * 0.7) {
            score -= 0.3;
        }
        String lower = title.toLowerCase(Locale.ROOT);
        if (lower.contains("!!")
                || lower.contains("free shipping")
                || lower.contains("hot sale")
                || lower.contains("best price")) {
            score -= 0.3;
        }
        return Math.max(0, score);
    }

    private static int completeness(ValidProduct p) {
        return (int) (presence(p.gtin())
                + presence(p.brand())
                + presence(p.model())
                + presence(p.imageUrl())
                + presence(p.description()));
    }

    private static double presence(@Nullable Object value) {
        return value == null ? 0 : 1;
    }

    static Set<String> tokens(String title) {
        return ProductIdentity.titleTokens(title);
    }

    private static Set<String> variantTokens(Set<String> tokens) {
        return ProductIdentity.variantTokens(tokens);
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> intersection = new HashSet<>(a);
        intersection.retainAll(b);
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return intersection.size() / (double) union.size();
    }

    private static @Nullable String normalise(@Nullable String value) {
        return ProductIdentity.normalise(value);
    }

    private static @Nullable String firstNonNull(
            @Nullable String preferred,
            List<ValidProduct> group,
            java.util.function.Function<ValidProduct, @Nullable String> field) {
        if (preferred != null) {
            return preferred;
        }
        for (ValidProduct product : group) {
            String value = field.apply(product);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}
