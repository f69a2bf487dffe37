package dev.mercator.inventory.amazon;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mercator.inventory.channel.ChannelAccounts.AmazonAccount;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.PushRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Listings Items API 2021-08-01 for quantities. A quantity goes out as a {@code merge} patch of {@code
 * /attributes/fulfillment_availability} naming only {@code DEFAULT}'s quantity, so the seller's handling time
 * ({@code lead_time_to_ship_max_days}) and restock date are never reset, as {@code replace} would.
 */
@Component
class AmazonListings {

    static final String ITEM = "/listings/2021-08-01/items/{sellerId}/{sku}";

    private final SpApi api;
    private final AmazonSettings settings;
    // A listing's product type never changes in practice; reading it once per SKU costs one getListingsItem.
    private final Cache<String, String> productTypes = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(Duration.ofHours(24))
            .build();

    AmazonListings(SpApi api, AmazonSettings settings) {
        this.api = api;
        this.settings = settings;
    }

    /** The body of a quantity update, the same in a patchListingsItem and in a feed's PATCH message. */
    static List<Map<String, Object>> quantityPatch(int quantity) {
        return List.of(Map.of(
                "op",
                "merge",
                "path",
                "/attributes/fulfillment_availability",
                "value",
                List.of(Map.of("fulfillment_channel_code", "DEFAULT", "quantity", quantity))));
    }

    /** Sends one quantity; ACCEPTED means queued at Amazon, not applied. */
    PushOutcome patch(AmazonAccount account, PushRequest request, Instant deadline) {
        String sku = request.target().sku();
        String sellerSku = request.target().sellerSku();
        String productType = productType(account, sellerSku, deadline);
        JsonNode reply = api.call(
                        account,
                        SpApi.Operation.PATCH_LISTINGS_ITEM,
                        deadline,
                        HttpMethod.PATCH,
                        ITEM + "?marketplaceIds={marketplace}&issueLocale=en_US",
                        Map.of("productType", productType, "patches", quantityPatch(request.quantity())),
                        account.sellerId(),
                        sellerSku,
                        marketplace(account))
                .body();
        String status = reply.path("status").asString("");
        if (status.equals("ACCEPTED")) {
            return new PushOutcome.Accepted(
                    sku, request.quantity(), reply.path("submissionId").asString(""));
        }
        return new PushOutcome.Rejected(
                sku, "Amazon " + (status.isBlank() ? "refused" : status) + ": " + issues(reply));
    }

    /** The {@code DEFAULT} (merchant-fulfilled) quantity Amazon shows now; empty if the listing has none. */
    Optional<Integer> quantity(AmazonAccount account, String sellerSku, Instant deadline) {
        JsonNode item = get(account, sellerSku, "fulfillmentAvailability", deadline);
        for (JsonNode availability : item.path("fulfillmentAvailability")) {
            if (availability.path("fulfillmentChannelCode").asString("").equals("DEFAULT")
                    && availability.path("quantity").isIntegralNumber()) {
                return Optional.of(availability.path("quantity").asInt());
            }
        }
        return Optional.empty();
    }

    /** The product type a patch must name: the configured one, else the listing's own (looked up once, cached). */
    String productType(AmazonAccount account, String sellerSku, Instant deadline) {
        String configured = settings.productType();
        if (configured != null) {
            return configured;
        }
        String key = account.sellerId() + "|" + marketplace(account) + "|" + sellerSku;
        String cached = productTypes.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        JsonNode item = get(account, sellerSku, "summaries", deadline);
        String productType = "";
        for (JsonNode summary : item.path("summaries")) {
            if (summary.path("marketplaceId").asString("").equals(marketplace(account)) || productType.isBlank()) {
                productType = summary.path("productType").asString("");
            }
        }
        if (productType.isBlank()) {
            throw AmazonFailure.rejected("Amazon shows no product type for " + sellerSku, false);
        }
        productTypes.put(key, productType);
        return productType;
    }

    private JsonNode get(AmazonAccount account, String sellerSku, String includedData, Instant deadline) {
        try {
            return api.call(
                            account,
                            SpApi.Operation.GET_LISTINGS_ITEM,
                            deadline,
                            HttpMethod.GET,
                            ITEM + "?marketplaceIds={marketplace}&includedData=" + includedData,
                            null,
                            account.sellerId(),
                            sellerSku,
                            marketplace(account))
                    .body();
        } catch (AmazonFailure failure) {
            if (failure.status() == 404) {
                throw AmazonFailure.notListed("Seller SKU " + sellerSku + " is not listed on Amazon");
            }
            throw failure;
        }
    }

    /**
     * The marketplace a patch names (Amazon takes one per patch). The merchant-fulfilled quantity is one per seller
     * and region, so the first marketplace of the account speaks for all of them.
     */
    static String marketplace(AmazonAccount account) {
        if (account.marketplaceIds().isEmpty()) {
            throw AmazonFailure.rejected("The Amazon account names no marketplace", true);
        }
        return account.marketplaceIds().getFirst();
    }

    private static String issues(JsonNode reply) {
        StringBuilder text = new StringBuilder();
        for (JsonNode issue : reply.path("issues")) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(issue.path("code").asString(""))
                    .append(' ')
                    .append(issue.path("message").asString(""));
        }
        return text.isEmpty() ? "no issues given" : text.toString();
    }
}
