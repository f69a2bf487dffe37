package dev.mercator.sandbox.amazon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Listings Items JSON patches as Amazon reads them: {@code add}/{@code replace} set the whole attribute, {@code merge}
 * changes only the sub-fields sent in the element its selector ({@code fulfillment_channel_code}) names, so a handling
 * time it does not mention survives, and {@code delete} removes the attribute or the elements named. The simulator
 * knows one attribute, {@code fulfillment_availability}; any other is INVALID, as an attribute outside the product
 * type's schema would be.
 */
final class ListingPatches {

    private static final Set<String> OPS = Set.of("add", "replace", "merge", "delete");
    private static final Set<String> WHOLE_NUMBERS = Set.of("quantity", "lead_time_to_ship_max_days");

    private ListingPatches() {}

    /** One parsed patch; {@code value} keeps explicit nulls, which {@code merge} reads as "remove this sub-field". */
    record Patch(String op, String attribute, List<Map<String, @Nullable Object>> value) {}

    /** The request was not even a patch request: Amazon's 400, not an INVALID submission. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses {@code patches}; throws {@link Malformed} for a shape Amazon would refuse with 400. */
    static List<Patch> parse(JsonNode patches) {
        if (!patches.isArray() || patches.isEmpty()) {
            throw new Malformed("patches must be a non-empty array");
        }
        List<Patch> parsed = new ArrayList<>();
        for (JsonNode patch : patches) {
            String op = patch.path("op").asString("");
            String path = patch.path("path").asString("");
            if (!OPS.contains(op)) {
                throw new Malformed("op must be one of " + OPS);
            }
            if (!path.startsWith("/attributes/") || path.length() <= "/attributes/".length()) {
                throw new Malformed("path must be /attributes/<attribute name>");
            }
            String attribute = path.substring("/attributes/".length());
            List<Map<String, @Nullable Object>> value = new ArrayList<>();
            JsonNode values = patch.path("value");
            if (!values.isMissingNode() && !values.isNull()) {
                if (!values.isArray()) {
                    throw new Malformed("value must be an array");
                }
                for (JsonNode element : values) {
                    if (!element.isObject()) {
                        throw new Malformed("value elements must be objects");
                    }
                    Map<String, @Nullable Object> fields = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> field : element.properties()) {
                        fields.put(field.getKey(), plain(field.getValue()));
                    }
                    value.add(fields);
                }
            } else if (!op.equals("delete")) {
                throw new Malformed("value is required for " + op);
            }
            parsed.add(new Patch(op, attribute, value));
        }
        return parsed;
    }

    /** Amazon's issues for patches that parse but cannot apply; empty when they can. */
    static List<Map<String, Object>> issues(List<Patch> patches, String productType, @Nullable SimListing listing) {
        List<Map<String, Object>> issues = new ArrayList<>();
        if (listing != null && !productType.equals(listing.productType)) {
            issues.add(issue(
                    "4000001",
                    "The provided product type '" + productType + "' does not match the product type '"
                            + listing.productType + "' of this listing.",
                    "productType"));
        }
        for (Patch patch : patches) {
            if (!patch.attribute().equals(SimListing.ATTRIBUTE)) {
                issues.add(issue("90000900", "The attributes are invalid.", patch.attribute()));
                continue;
            }
            for (Map<String, @Nullable Object> element : patch.value()) {
                if (!(element.get(SimListing.CODE) instanceof String code) || code.isBlank()) {
                    issues.add(issue(
                            "90000900",
                            "'" + SimListing.CODE + "' is required in every " + SimListing.ATTRIBUTE + " value.",
                            SimListing.ATTRIBUTE));
                }
                for (String field : WHOLE_NUMBERS) {
                    @Nullable Object number = element.get(field);
                    boolean wholeAndPositive = number instanceof Integer i && i >= 0;
                    if (element.containsKey(field) && number != null && !wholeAndPositive) {
                        issues.add(issue(
                                "90000900",
                                "The value for '" + field + "' must be an integer greater than or equal to 0.",
                                SimListing.ATTRIBUTE));
                    }
                }
            }
        }
        return issues;
    }

    static void apply(List<Patch> patches, SimListing listing) {
        for (Patch patch : patches) {
            switch (patch.op()) {
                case "add", "replace" -> {
                    List<Map<String, Object>> replaced = new ArrayList<>();
                    for (Map<String, @Nullable Object> element : patch.value()) {
                        replaced.add(withoutNulls(element));
                    }
                    listing.availability = replaced;
                }
                case "merge" -> {
                    for (Map<String, @Nullable Object> element : patch.value()) {
                        String code = String.valueOf(element.get(SimListing.CODE));
                        Map<String, Object> existing = listing.entry(code);
                        if (existing == null) {
                            listing.availability.add(withoutNulls(element));
                            continue;
                        }
                        element.forEach((field, value) -> {
                            if (value == null) {
                                existing.remove(field);
                            } else {
                                existing.put(field, value);
                            }
                        });
                    }
                }
                case "delete" -> {
                    if (patch.value().isEmpty()) {
                        listing.availability = new ArrayList<>();
                    } else {
                        for (Map<String, @Nullable Object> element : patch.value()) {
                            @Nullable Object code = element.get(SimListing.CODE);
                            listing.availability.removeIf(e -> java.util.Objects.equals(e.get(SimListing.CODE), code));
                        }
                    }
                }
                default -> throw new IllegalStateException("parse() admits no other op");
            }
        }
    }

    static Map<String, Object> issue(String code, String message, String attribute) {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("code", code);
        issue.put("message", message);
        issue.put("severity", "ERROR");
        issue.put("attributeNames", List.of(attribute));
        issue.put("categories", List.of("INVALID_ATTRIBUTE"));
        return issue;
    }

    private static Map<String, Object> withoutNulls(Map<String, @Nullable Object> element) {
        Map<String, Object> copy = new LinkedHashMap<>();
        element.forEach((field, value) -> {
            if (value != null) {
                copy.put(field, value);
            }
        });
        return copy;
    }

    /** A JSON value as the plain Java value Amazon's attribute would hold: whole numbers as Integer, else as sent. */
    private static @Nullable Object plain(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.asInt();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.toString();
    }
}
