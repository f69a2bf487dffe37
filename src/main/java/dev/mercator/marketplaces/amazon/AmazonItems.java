package dev.mercator.marketplaces.amazon;

import static dev.mercator.marketplaces.source.VendorCalls.text;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Amazon's {@code Item}, the same tree in both APIs (lowerCamelCase in the Creators API, PascalCase in PA-API), mapped
 * to a {@link RawProduct}. {@code detailPageURL} already carries the partner tag and is kept verbatim as the affiliate
 * URL: attribution depends on it.
 */
final class AmazonItems {

    private static final Map<String, String> CAMEL = Map.of(
            "ASIN", "asin",
            "ParentASIN", "parentASIN",
            "DetailPageURL", "detailPageURL",
            "URL", "url",
            "EANs", "eans",
            "UPCs", "upcs",
            "ISBNs", "isbns",
            "SearchURL", "searchURL");

    static final List<String> RESOURCES = List.of(
            "itemInfo.title",
            "itemInfo.byLineInfo",
            "itemInfo.manufactureInfo",
            "itemInfo.externalIds",
            "images.primary.large",
            "offersV2.listings.price",
            "offersV2.listings.availability");

    private AmazonItems() {}

    static RawProduct toRaw(JsonNode item, String marketplace, Instant fetchedAt) {
        String asin = String.valueOf(text(item.path("asin")));
        JsonNode info = item.path("itemInfo");
        JsonNode listing = item.path("offersV2").path("listings").path(0);
        JsonNode money = listing.path("price").path("money");
        List<String> gtins = new ArrayList<>();
        for (String kind : List.of("eans", "upcs")) {
            info.path("externalIds").path(kind).path("displayValues").forEach(value -> {
                String gtin = text(value);
                if (gtin != null) {
                    gtins.add(gtin);
                }
            });
        }
        return new RawProduct(
                Marketplace.AMAZON,
                asin,
                text(info.path("title").path("displayValue")),
                null,
                text(info.path("byLineInfo").path("brand").path("displayValue")),
                text(info.path("manufactureInfo").path("model").path("displayValue")),
                text(money.path("amount")),
                text(money.path("currency")),
                List.copyOf(gtins),
                text(item.path("images").path("primary").path("large").path("url")),
                "https://" + marketplace + "/dp/" + asin,
                text(item.path("detailPageURL")),
                text(listing.path("availability").path("type")),
                fetchedAt);
    }

    /** PA-API's PascalCase tree with the Creators API's names, so one mapping serves both. */
    static JsonNode camel(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String name = field.getKey();
                String fixed = CAMEL.get(name);
                out.set(
                        fixed != null ? fixed : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1),
                        camel(field.getValue()));
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> out.add(camel(element)));
            return out;
        }
        return node;
    }
}
