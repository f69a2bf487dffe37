package dev.mercator.sandbox.ebay;

import dev.mercator.sandbox.catalog.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Browse API's search and item over a living market: every token of {@code q} in the title, {@code category_ids},
 * the {@code filter} as {@link BrowseFilter} applies it, {@code sort} ({@code newlyListed}, {@code endingSoonest},
 * {@code price}, {@code -price}; otherwise listing order as "best match"), and the item summary fields eBay documents.
 */
final class MarketSearch {

    static final Map<String, String> CONDITION_NAMES = Map.of(
            "1000", "New",
            "1500", "Open box",
            "2500", "Seller refurbished",
            "3000", "Used",
            "7000", "For parts or not working");

    private static final Map<String, String> CATEGORY_NAMES = Map.of(
            "112529", "Headphones",
            "9355", "Cell Phones & Smartphones",
            "177", "PC Laptops & Netbooks",
            "31388", "Digital Cameras",
            "178893", "Smart Watches",
            "20614", "Vacuum Cleaners");

    private MarketSearch() {}

    /** The matching listings, sorted, before paging. */
    static List<MarketListing> find(
            Market market,
            @Nullable String q,
            @Nullable String categoryIds,
            @Nullable String sort,
            BrowseFilter filter) {
        Set<String> tokens = q == null ? Set.of() : tokens(q);
        Set<String> categories = categoryIds == null || categoryIds.isBlank()
                ? Set.of()
                : Arrays.stream(categoryIds.split(",")).map(String::strip).collect(Collectors.toSet());
        Comparator<MarketListing> order = switch (sort == null ? "" : sort) {
            case "newlyListed" ->
                Comparator.comparing((MarketListing l) -> l.listedAt).reversed();
            case "endingSoonest" ->
                Comparator.comparing((MarketListing l) -> l.endsAt, Comparator.nullsLast(Comparator.naturalOrder()));
            case "price" -> Comparator.comparing(MarketListing::total);
            case "-price" -> Comparator.comparing(MarketListing::total).reversed();
            default -> Comparator.comparing((MarketListing l) -> l.legacyId);
        };
        return market.active().stream()
                .filter(l -> tokens(l.title).containsAll(tokens) || isGtin(l, tokens))
                .filter(l -> categories.isEmpty() || categories.contains(l.product.categoryId()))
                // eBay's price filter is on the item price, shipping not included.
                .filter(l -> filter.accepts(l.price, l.currency, l.conditionId, l.buyingOption()))
                .sorted(order.thenComparing(l -> l.legacyId))
                .toList();
    }

    /**
     * A query that is just the product's GTIN finds its listings, as a keyword search for a barcode does at eBay (the
     * GTIN is an item specific eBay indexes); leading zeros aside, so an EAN-13 finds a GTIN-14. Not scams: they are
     * not the product.
     */
    private static boolean isGtin(MarketListing listing, Set<String> tokens) {
        String gtin = listing.product.gtin();
        if (gtin == null || tokens.size() != 1 || listing.kind == MarketListing.Kind.SCAM) {
            return false;
        }
        String token = tokens.iterator().next();
        return token.chars().allMatch(Character::isDigit) && stripZeros(token).equals(stripZeros(gtin));
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    static Set<String> tokens(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(t -> !t.isEmpty())
                .collect(Collectors.toSet());
    }

    /** An item summary (search) or, with {@code detail}, an item (getItem). */
    static void render(ObjectNode node, MarketListing listing, @Nullable String campaign, boolean detail) {
        node.put("itemId", listing.itemId);
        node.put("legacyItemId", listing.legacyId);
        node.put("title", listing.title);
        money(node.putObject("price"), listing.price.toPlainString(), listing.currency);
        if (listing.auction) {
            money(node.putObject("currentBidPrice"), listing.price.toPlainString(), listing.currency);
            node.put("bidCount", listing.bids);
        }
        ObjectNode shipping = node.putArray("shippingOptions").addObject();
        shipping.put("shippingCostType", "FIXED");
        money(shipping.putObject("shippingCost"), listing.shipping.toPlainString(), listing.currency);
        node.put("condition", CONDITION_NAMES.getOrDefault(listing.conditionId, "New"));
        node.put("conditionId", listing.conditionId);
        String category = listing.product.categoryId();
        ObjectNode categoryNode = node.putArray("categories").addObject();
        categoryNode.put("categoryId", category);
        categoryNode.put("categoryName", CATEGORY_NAMES.getOrDefault(category, "Electronics"));
        node.putArray("leafCategoryIds").add(category);
        node.putArray("buyingOptions").add(listing.buyingOption());
        if (listing.endsAt != null) {
            node.put("itemEndDate", listing.endsAt.toString());
        }
        node.put("itemCreationDate", listing.listedAt.toString());
        ObjectNode seller = node.putObject("seller");
        seller.put("username", listing.seller);
        seller.put("feedbackPercentage", listing.feedbackPercentage);
        seller.put("feedbackScore", listing.feedbackScore);
        if (listing.kind != MarketListing.Kind.SCAM) {
            // A scam is not the catalogue product it pretends to be: eBay would not have matched it to one.
            node.put("epid", listing.product.epid());
        }
        node.putObject("image").put("imageUrl", "https://i.ebayimg.com/images/g/" + listing.legacyId + "/s-l1600.jpg");
        node.put(
                "itemHref",
                "https://api.ebay.com/buy/browse/v1/item/"
                        + UriUtils.encodePathSegment(listing.itemId, StandardCharsets.UTF_8));
        node.put("itemWebUrl", "https://www.ebay.com/itm/" + listing.legacyId);
        if (campaign != null) {
            node.put(
                    "itemAffiliateWebUrl",
                    "https://www.ebay.com/itm/" + listing.legacyId + "?mkevt=1&mkcid=1&mkrid=711-53200-19255-0&campid="
                            + campaign + "&toolid=10044");
        }
        if (detail) {
            node.put("brand", listing.product.brand());
            node.put("mpn", listing.product.model());
            String gtin = listing.product.gtin();
            if (gtin != null && listing.kind != MarketListing.Kind.SCAM) {
                node.put("gtin", gtin);
            }
            ObjectNode availability = node.putArray("estimatedAvailabilities").addObject();
            availability.put("estimatedAvailabilityStatus", listing.active() ? "IN_STOCK" : "OUT_OF_STOCK");
        }
    }

    /** The search response body for one page. */
    static ObjectNode page(
            List<MarketListing> found,
            String base,
            int size,
            int from,
            @Nullable String campaign,
            List<BrowseFilter.Problem> warnings) {
        ObjectNode body = Json.object();
        if (!warnings.isEmpty()) {
            ArrayNode entries = body.putArray("warnings");
            warnings.forEach(warning -> BrowseErrors.entry(entries, warning));
        }
        body.put("href", base + "&offset=" + from);
        body.put("total", found.size());
        body.put("limit", size);
        body.put("offset", from);
        if (from + size < found.size()) {
            body.put("next", base + "&offset=" + (from + size));
        }
        if (from > 0) {
            body.put("prev", base + "&offset=" + Math.max(0, from - size));
        }
        if (from < found.size()) {
            ArrayNode summaries = body.putArray("itemSummaries");
            for (MarketListing listing : found.subList(from, Math.min(found.size(), from + size))) {
                render(summaries.addObject(), listing, campaign, false);
            }
        }
        return body;
    }

    private static void money(ObjectNode node, String value, String currency) {
        node.put("value", value);
        node.put("currency", currency);
    }
}
