package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.catalog.Json;
import dev.mercator.sandbox.catalog.Listing;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Amazon's {@code Item} as both APIs return it: lowerCamelCase for the Creators API; PA-API 5.0 has the same tree in
 * PascalCase with a few acronyms ({@code ASIN}, {@code URL}, {@code EANs}).
 */
final class AmazonItems {

    /** An Associates store id, {@code <name>-NN}; anything else is not mapped to a store. */
    static final Pattern PARTNER_TAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}-[0-9]{2}");

    private static final Map<String, String> PASCAL = Map.of(
            "asin", "ASIN",
            "parentASIN", "ParentASIN",
            "detailPageURL", "DetailPageURL",
            "url", "URL",
            "eans", "EANs",
            "upcs", "UPCs",
            "searchURL", "SearchURL");

    private AmazonItems() {}

    static ObjectNode item(Listing listing, String partnerTag, String marketplace) {
        ObjectNode item = Json.object();
        item.put("asin", listing.id());
        item.put(
                "detailPageURL",
                "https://" + marketplace + "/dp/" + listing.id() + "?tag=" + partnerTag + "&linkCode=ogi&th=1&psc=1");
        ObjectNode large = item.putObject("images").putObject("primary").putObject("large");
        large.put("url", listing.imageUrl());
        large.put("height", 500);
        large.put("width", 500);
        ObjectNode info = item.putObject("itemInfo");
        display(info.putObject("title"), listing.title(), "Title");
        ObjectNode byLine = info.putObject("byLineInfo");
        display(byLine.putObject("brand"), listing.product().brand(), "Brand");
        display(byLine.putObject("manufacturer"), listing.product().brand(), "Manufacturer");
        display(
                info.putObject("manufactureInfo").putObject("model"),
                listing.product().model(),
                "Model");
        ObjectNode eans = info.putObject("externalIds").putObject("eans");
        eans.putArray("displayValues").add(listing.gtin());
        eans.put("label", "EAN");
        eans.put("locale", "en_US");
        ObjectNode offer = item.putObject("offersV2").putArray("listings").addObject();
        BigDecimal price = listing.price();
        if (price != null) {
            ObjectNode money = offer.putObject("price").putObject("money");
            money.put("amount", price);
            money.put("currency", listing.currency());
            money.put("displayAmount", displayAmount(price, listing.currency()));
        }
        ObjectNode availability = offer.putObject("availability");
        availability.put("type", listing.inStock() ? "IN_STOCK" : "OUT_OF_STOCK");
        availability.put("message", listing.inStock() ? "In Stock" : "Currently unavailable.");
        offer.putObject("condition").put("value", "New");
        offer.put("isBuyBoxWinner", true);
        ObjectNode merchant = offer.putObject("merchantInfo");
        merchant.put("name", "Amazon.com");
        merchant.put("id", "ATVPDKIKX0DER");
        return item;
    }

    static String displayAmount(BigDecimal price, String currency) {
        return switch (currency) {
            case "USD" -> "$" + price.toPlainString();
            case "EUR" -> price.toPlainString().replace('.', ',') + " €";
            case "GBP" -> "£" + price.toPlainString();
            default -> currency + " " + price.toPlainString();
        };
    }

    private static void display(ObjectNode node, String value, String label) {
        node.put("displayValue", value);
        node.put("label", label);
        node.put("locale", "en_US");
    }

    /** The same tree with PA-API's PascalCase names. */
    static JsonNode pascal(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                out.set(pascalName(field.getKey()), pascal(field.getValue()));
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            array.forEach(element -> out.add(pascal(element)));
            return out;
        }
        return node;
    }

    private static String pascalName(String name) {
        String fixed = PASCAL.get(name);
        return fixed != null ? fixed : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
