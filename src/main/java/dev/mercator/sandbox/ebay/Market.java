package dev.mercator.sandbox.ebay;

import dev.mercator.sandbox.ebay.MarketListing.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * One eBay app's living market: products with a hidden true value per condition, listings arriving at prices drawn
 * log-normally around it, prices cut, listings vanishing (sold) faster the further below the true value they are,
 * auctions ending, and planted deals and scams. The market moves in fixed ticks of simulated time from its start, so
 * its state at a given offset depends only on its seed and shape, never on when or how often it is asked.
 */
final class Market {

    /** A product of the market; {@code trueValue} is a new one's, total of price and shipping. */
    record Product(
            String id,
            String title,
            String brand,
            String model,
            @Nullable String gtin,
            String epid,
            String categoryId,
            BigDecimal trueValue) {}

    static final Duration TICK = Duration.ofMinutes(10);
    /** Simulated history a new market starts with, so its first search finds stock. */
    static final Duration WARM_UP = Duration.ofDays(3);
    /** eBay condition ids the market lists in, with their share of listings and their value against new. */
    static final String[] CONDITIONS = {"1000", "1500", "2500", "3000"};

    static final double[] CONDITION_SHARES = {0.45, 0.1, 0.15, 0.3};
    static final double[] CONDITION_VALUE = {1.0, 0.85, 0.75, 0.6};
    /** eBay's "For parts or not working": what a condition-mismatch scam really is, at a tenth of new. */
    static final String FOR_PARTS = "7000";

    private static final double TICK_DAYS = TICK.toMinutes() / 1440.0;
    private static final String[] BRANDS = {"Sony", "Bose", "Apple", "Samsung", "Nikon", "Canon", "Garmin", "Dyson"};
    private static final String[][] KINDS = {
        {"Wireless Headphones", "112529"},
        {"Smartphone", "9355"},
        {"Laptop", "177"},
        {"Digital Camera", "31388"},
        {"Smart Watch", "178893"},
        {"Cordless Vacuum", "20614"}
    };
    private static final String[] SCAM_TITLES = {"%s - BOX ONLY", "Case for %s", "%s photo print (read description)"};

    private final String account;
    private final MarketShape shape;
    private final Random random;
    private final Instant start;
    private final List<Product> products;
    private final List<String> sellers;
    private final List<MarketListing> listings = new ArrayList<>();
    private final Map<String, MarketListing> byId = new LinkedHashMap<>();
    private final long legacyBase;
    private Instant now;

    Market(String account, MarketShape shape, Instant start) {
        this.account = account;
        this.shape = shape;
        this.random = new Random(shape.seed());
        this.start = start;
        this.products = shape.products().isEmpty() ? generated(shape.productCount()) : given(shape.products());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            names.add(SYLLABLES[random.nextInt(SYLLABLES.length)] + SYLLABLES[random.nextInt(SYLLABLES.length)] + "_"
                    + (100 + random.nextInt(900)));
        }
        this.sellers = List.copyOf(names);
        // Item ids unique per app, so two apps' markets never share a listing id in one Mercator.
        this.legacyBase = 100_000_000_000L + Math.floorMod(account.hashCode(), 800) * 1_000_000_000L;
        this.now = start.minus(WARM_UP);
        catchUp(start);
    }

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ter", "zen", "bay", "ro", "vi", "dex", "nor"};

    String account() {
        return account;
    }

    MarketShape shape() {
        return shape;
    }

    Instant start() {
        return start;
    }

    synchronized Instant now() {
        return now;
    }

    List<Product> products() {
        return products;
    }

    /** Runs the market tick by tick up to {@code target}; a target in the past changes nothing. */
    synchronized void catchUp(Instant target) {
        while (!now.plus(TICK).isAfter(target)) {
            now = now.plus(TICK);
            tick();
        }
    }

    /** The listings still on sale, in listing order. */
    synchronized List<MarketListing> active() {
        return listings.stream().filter(MarketListing::active).toList();
    }

    /** Every listing the market ever had, in listing order. */
    synchronized List<MarketListing> all() {
        return List.copyOf(listings);
    }

    synchronized Optional<MarketListing> listing(String itemId) {
        return Optional.ofNullable(byId.get(itemId));
    }

    synchronized void markShown(List<MarketListing> shown) {
        shown.forEach(listing -> listing.shown = true);
    }

    /** Lists a planted deal or scam now, of the given product or a drawn one. */
    synchronized MarketListing plant(Kind kind, @Nullable Product product) {
        return list(product == null ? products.get(random.nextInt(products.size())) : product, kind, false);
    }

    private void tick() {
        for (MarketListing listing : listings) {
            if (listing.active()) {
                move(listing);
            }
        }
        double mean = shape.listingsPerProductPerDay() * TICK_DAYS;
        for (Product product : products) {
            for (int n = poisson(mean); n > 0; n--) {
                double u = random.nextDouble();
                Kind kind = u < shape.dealShare()
                        ? Kind.DEAL
                        : u < shape.dealShare() + shape.scamShare() ? Kind.SCAM : Kind.NORMAL;
                list(product, kind, kind == Kind.NORMAL && random.nextDouble() < shape.auctionShare());
            }
        }
    }

    /**
     * A tick in a listing's life. An auction's bids climb towards its hammer price and it ends (sold if bid on) at its
     * end time. A fixed-price listing sells with a daily hazard of {@code vanishPerDay} at the true value, rising
     * e-fold for every 25% it is cheaper (and falling as it is dearer); its price may be cut by 5 to 15%.
     */
    private void move(MarketListing listing) {
        if (listing.auction) {
            Instant endsAt = listing.endsAt;
            if (endsAt != null && !endsAt.isAfter(now)) {
                listing.vanishedAt = now;
                listing.sold = listing.bids > 0;
                return;
            }
            if (random.nextDouble() < 0.08) {
                listing.bids++;
                BigDecimal gap = listing.finalPrice.subtract(listing.price);
                if (gap.signum() > 0) {
                    listing.price = money(listing.price.add(gap.multiply(BigDecimal.valueOf(0.3))));
                }
            }
            return;
        }
        double ratio = listing.total().doubleValue() / listing.trueValue.doubleValue();
        double hazard = shape.vanishPerDay() * Math.exp(4 * (1 - ratio));
        if (random.nextDouble() < 1 - Math.exp(-Math.min(hazard, 50) * TICK_DAYS)) {
            listing.vanishedAt = now;
            listing.sold = true;
            return;
        }
        if (random.nextDouble() < 1 - Math.exp(-shape.cutPerDay() * TICK_DAYS)) {
            double cut = 0.05 + 0.1 * random.nextDouble();
            listing.price = money(listing.price.multiply(BigDecimal.valueOf(1 - cut)));
            listing.priceCuts++;
        }
    }

    private MarketListing list(Product product, Kind kind, boolean auction) {
        int c = condition();
        String conditionId = CONDITIONS[c];
        String actualCondition = conditionId;
        String title = product.title();
        String reason = null;
        BigDecimal trueValue = money(product.trueValue().multiply(BigDecimal.valueOf(CONDITION_VALUE[c])));
        double factor = switch (kind) {
            case NORMAL -> Math.exp(shape.priceSpread() * random.nextGaussian());
            case DEAL -> 0.5 + 0.2 * random.nextDouble();
            case SCAM -> 0.1 + 0.2 * random.nextDouble();
        };
        BigDecimal total = money(trueValue.multiply(BigDecimal.valueOf(factor)));
        if (kind == Kind.SCAM) {
            // Claims to be the real thing, new, at a fraction of its value; it is not.
            conditionId = CONDITIONS[0];
            trueValue = money(product.trueValue().multiply(BigDecimal.valueOf(CONDITION_VALUE[0])));
            total = money(trueValue.multiply(BigDecimal.valueOf(factor)));
            if (random.nextBoolean()) {
                title = SCAM_TITLES[random.nextInt(SCAM_TITLES.length)].formatted(product.title());
                reason = "TITLE_MISMATCH";
                trueValue = money(trueValue.multiply(BigDecimal.valueOf(0.02)));
            } else {
                actualCondition = FOR_PARTS;
                reason = "CONDITION_MISMATCH";
                trueValue = money(trueValue.multiply(BigDecimal.valueOf(0.1)));
            }
        }
        BigDecimal shipping = random.nextDouble() < 0.4
                ? BigDecimal.ZERO.setScale(2)
                : money(BigDecimal.valueOf(3 + 9 * random.nextDouble()).min(total.multiply(BigDecimal.valueOf(0.3))));
        BigDecimal price = total.subtract(shipping).max(new BigDecimal("0.99"));
        BigDecimal opening = price;
        Instant endsAt = null;
        if (auction) {
            endsAt = now.plus(Duration.ofMinutes(1440 + random.nextInt(6 * 1440)));
            opening = money(price.multiply(BigDecimal.valueOf(0.3 + 0.3 * random.nextDouble())));
        }
        boolean fresh = kind == Kind.SCAM;
        String seller =
                fresh ? "new_seller_" + (1000 + random.nextInt(9000)) : sellers.get(random.nextInt(sellers.size()));
        int score = fresh ? random.nextInt(4) : 20 + random.nextInt(20_000);
        String percentage = fresh
                ? "0.0"
                : BigDecimal.valueOf(97 + 3 * random.nextDouble())
                        .setScale(1, RoundingMode.HALF_UP)
                        .toPlainString();
        MarketListing listing = new MarketListing(
                Long.toString(legacyBase + listings.size()),
                product,
                title,
                conditionId,
                actualCondition,
                trueValue,
                opening,
                price,
                shipping,
                endsAt,
                seller,
                score,
                percentage,
                kind,
                reason,
                now);
        listings.add(listing);
        byId.put(listing.itemId, listing);
        return listing;
    }

    private int condition() {
        double u = random.nextDouble();
        for (int i = 0; i < CONDITION_SHARES.length; i++) {
            u -= CONDITION_SHARES[i];
            if (u < 0) {
                return i;
            }
        }
        return 0;
    }

    /** Knuth's method: fine for the small means of one tick. */
    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        int n = 0;
        while (p > limit) {
            p *= random.nextDouble();
            n++;
        }
        return n;
    }

    private List<Product> generated(int count) {
        List<Product> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String brand = BRANDS[random.nextInt(BRANDS.length)];
            String[] kind = KINDS[random.nextInt(KINDS.length)];
            String model = (char) ('A' + random.nextInt(26)) + "" + (char) ('A' + random.nextInt(26)) + "-"
                    + (100 + random.nextInt(900)) + (i % 10);
            BigDecimal value = money(BigDecimal.valueOf(Math.exp(Math.log(40) + random.nextDouble() * Math.log(40))));
            made.add(new Product(
                    "p" + (i + 1),
                    brand + " " + model + " " + kind[0],
                    brand,
                    model,
                    gtin(random),
                    Long.toString(2_000_000_000L + random.nextInt(900_000_000)),
                    kind[1],
                    value));
        }
        return List.copyOf(made);
    }

    private List<Product> given(List<MarketShape.ProductSpec> specs) {
        List<Product> made = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            MarketShape.ProductSpec spec = specs.get(i);
            made.add(new Product(
                    "p" + (i + 1),
                    spec.title(),
                    spec.brand(),
                    spec.model(),
                    spec.gtin(),
                    Long.toString(2_000_000_000L + random.nextInt(900_000_000)),
                    spec.categoryId(),
                    money(spec.trueValue())));
        }
        return List.copyOf(made);
    }

    /** A UPC-A with a valid check digit. */
    private static String gtin(Random random) {
        StringBuilder digits = new StringBuilder("0");
        for (int i = 0; i < 10; i++) {
            digits.append(random.nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 3 : 1);
        }
        return digits.append((10 - sum % 10) % 10).toString();
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
