package dev.mercator.sandbox.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A deterministic product catalogue for the marketplace simulators: the same seed always yields the same products,
 * listings, ids, prices and defects, so tests can name them. Every product has a valid EAN; each shop lists an
 * overlapping subset under its own ids, with its own wording of the title, its own price and currency. About one
 * listing in forty per shop is broken on purpose (see {@link Defect}), and exactly one listing per shop carries a
 * multi-megabyte description.
 */
public final class GeneratedCatalog {

    public static final List<String> BRANDS = List.of(
            "Anker",
            "Ugreen",
            "Baseus",
            "Sony",
            "JBL",
            "Logitech",
            "Xiaomi",
            "Belkin",
            "Philips",
            "Soundcore",
            "Razer",
            "Samsung",
            "Lenovo",
            "TP-Link",
            "Sandisk",
            "Kingston",
            "Bose",
            "Garmin",
            "Tefal",
            "Bosch");
    public static final List<String> KINDS = List.of(
            "USB C Cable",
            "Wireless Earbuds",
            "Phone Case",
            "Power Bank",
            "LED Desk Lamp",
            "Mechanical Keyboard",
            "Bluetooth Speaker",
            "Smart Watch",
            "HDMI Cable",
            "Laptop Stand",
            "Wireless Mouse",
            "USB Hub",
            "Wall Charger",
            "Memory Card",
            "Webcam",
            "Gaming Headset",
            "Fitness Tracker",
            "Electric Kettle",
            "Screen Protector",
            "Car Phone Mount");
    public static final List<String> COLOURS =
            List.of("Black", "White", "Grey", "Blue", "Red", "Silver", "Green", "Pink");
    /** Currencies no ISO 4217 table knows, used for {@link Defect#UNKNOWN_CURRENCY}. */
    static final String UNKNOWN_CURRENCY = "XBT";

    private final long seed;
    private final List<CatalogProduct> products;
    private final Map<Shop, Map<String, Listing>> listings = new EnumMap<>(Shop.class);

    // The enum's order is part of the generated fixture's seed, like the seed itself.
    @SuppressWarnings("EnumOrdinal")
    public GeneratedCatalog(long seed, int size) {
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        List<CatalogProduct> generated = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            generated.add(product(i, random));
        }
        this.products = Collections.unmodifiableList(generated);
        for (Shop shop : Shop.values()) {
            Map<String, Listing> byId = new LinkedHashMap<>();
            SplittableRandom shopRandom = new SplittableRandom(seed * 31 + shop.ordinal() + 1);
            boolean hugeDone = false;
            int listed = 0;
            for (CatalogProduct product : products) {
                if (!listedOn(shop, product)) {
                    continue;
                }
                Defect defect = Defect.NONE;
                if (!hugeDone && listed == 7) {
                    defect = Defect.HUGE_DESCRIPTION;
                    hugeDone = true;
                } else if (listed % 40 == 13) {
                    Defect[] kinds = Arrays.copyOfRange(Defect.values(), 1, Defect.HUGE_DESCRIPTION.ordinal());
                    defect = kinds[(listed / 40) % kinds.length];
                }
                Listing listing = listing(shop, product, defect, shopRandom);
                byId.put(listing.id(), listing);
                listed++;
            }
            listings.put(shop, Collections.unmodifiableMap(byId));
        }
    }

    private Map<String, Listing> of(Shop shop) {
        Map<String, Listing> byId = listings.get(shop);
        return byId == null ? Map.of() : byId;
    }

    public long seed() {
        return seed;
    }

    public List<CatalogProduct> products() {
        return products;
    }

    public List<Listing> listings(Shop shop) {
        return List.copyOf(of(shop).values());
    }

    public Optional<Listing> listing(Shop shop, String id) {
        return Optional.ofNullable(of(shop).get(id));
    }

    /**
     * Listings whose title holds every keyword (case-insensitive), in catalogue order. An empty query matches
     * nothing, as the real APIs refuse it.
     */
    public List<Listing> search(Shop shop, String keywords) {
        String[] words = keywords.toLowerCase(Locale.ROOT).trim().split("\\s+");
        if (keywords.isBlank()) {
            return List.of();
        }
        List<Listing> found = new ArrayList<>();
        for (Listing listing : of(shop).values()) {
            String title = listing.title().toLowerCase(Locale.ROOT);
            if (Arrays.stream(words).allMatch(title::contains)) {
                found.add(listing);
            }
        }
        return found;
    }

    /** Amazon lists 70 % of products, AliExpress and eBay 60 % each, chosen so that every pair overlaps. */
    // The enum's order is part of the generated fixture's seed, like the seed itself.
    @SuppressWarnings("EnumOrdinal")
    private boolean listedOn(Shop shop, CatalogProduct product) {
        long mixed = new SplittableRandom(seed ^ (product.index() * 0x9E3779B97F4A7C15L) ^ shop.ordinal()).nextLong();
        int bucket = (int) Math.floorMod(mixed, 100L);
        return bucket < (shop == Shop.AMAZON ? 70 : 60);
    }

    private static CatalogProduct product(int index, SplittableRandom random) {
        String brand = BRANDS.get(random.nextInt(BRANDS.size()));
        String kind = KINDS.get(random.nextInt(KINDS.size()));
        String colour = COLOURS.get(random.nextInt(COLOURS.size()));
        String model = brand.substring(0, 2).toUpperCase(Locale.ROOT) + "-" + (100 + random.nextInt(900))
                + (char) ('A' + random.nextInt(26));
        // GS1 company prefixes of real-looking countries (400-440 Germany, 690-699 China, 0 US/Canada).
        String[] prefixes = {"400", "690", "030", "501", "871"};
        StringBuilder data = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
        data.append(String.format(Locale.ROOT, "%09d", index * 7919L + random.nextInt(7919)));
        String gtin = data + Integer.toString(checkDigit(data.toString()));
        BigDecimal price = BigDecimal.valueOf(3 + random.nextDouble() * 180).setScale(2, RoundingMode.HALF_UP);
        return new CatalogProduct(index, gtin, brand, model, kind, colour, price);
    }

    private static Listing listing(Shop shop, CatalogProduct product, Defect defect, SplittableRandom random) {
        String title = switch (shop) {
            case AMAZON -> product.brand() + " " + product.kind() + " " + product.model() + " - " + product.colour();
            case ALIEXPRESS ->
                product.kind() + " " + product.brand() + " " + product.model() + " " + product.colour()
                        + " Free Shipping";
            case EBAY ->
                "NEW " + product.brand() + " " + product.model() + " " + product.kind() + " (" + product.colour() + ")";
        };
        double factor = switch (shop) {
            case AMAZON -> 1.0 + random.nextDouble() * 0.15;
            case ALIEXPRESS -> 0.55 + random.nextDouble() * 0.2;
            case EBAY -> 0.85 + random.nextDouble() * 0.3;
        };
        String currency = switch (shop) {
            case AMAZON, ALIEXPRESS -> "USD";
            case EBAY -> product.index() % 5 == 0 ? "GBP" : "USD";
        };
        BigDecimal price = product.basePrice()
                .multiply(BigDecimal.valueOf(factor))
                .multiply(currency.equals("GBP") ? new BigDecimal("0.79") : BigDecimal.ONE)
                .setScale(2, RoundingMode.HALF_UP);
        String gtin = product.gtin();
        switch (defect) {
            case MISSING_PRICE -> price = null;
            case ZERO_PRICE -> price = BigDecimal.ZERO.setScale(2);
            case HTML_TITLE -> title = "<b>" + title + "</b><script>alert('x')</script> &amp; more";
            case CONTROL_CHARACTERS -> title = title.replace(" ", " \u0007") + "\u0000\u001b[31m";
            case UNKNOWN_CURRENCY -> currency = UNKNOWN_CURRENCY;
            case INVALID_GTIN -> gtin = gtin.substring(0, 12) + (char) ('0' + (gtin.charAt(12) - '0' + 1) % 10);
            default -> {}
        }
        return new Listing(
                shop, id(shop, product), product, title, price, currency, gtin, random.nextInt(10) != 0, defect);
    }

    /** Ids in each marketplace's own form: an ASIN, an AliExpress product id, an eBay RESTful item id. */
    static String id(Shop shop, CatalogProduct product) {
        return switch (shop) {
            case AMAZON ->
                "B0"
                        + String.format(Locale.ROOT, "%8s", Integer.toString(product.index() * 7 + 1000, 36))
                                .replace(' ', '0')
                                .toUpperCase(Locale.ROOT);
            case ALIEXPRESS -> Long.toString(1005000000000000L + product.index() * 13L);
            case EBAY -> "v1|" + (110500000000L + product.index() * 17L) + "|0";
        };
    }

    static int checkDigit(String twelve) {
        int sum = 0;
        for (int i = twelve.length() - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (twelve.charAt(i) - '0') * weight;
        }
        return (10 - sum % 10) % 10;
    }
}
