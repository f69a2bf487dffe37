package dev.mercator.inventory.amazon;

import dev.mercator.inventory.channel.ChannelAccounts.AmazonAccount;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** FBA Inventory API v1 getInventorySummaries: what Amazon holds per seller SKU, every page. */
@Component
class AmazonFbaInventory {

    private final SpApi api;

    AmazonFbaInventory(SpApi api) {
        this.api = api;
    }

    record Pool(int fulfillable, int unfulfillable, int total) {}

    Map<String, Pool> summaries(AmazonAccount account, Instant paceDeadline) {
        String marketplace = AmazonListings.marketplace(account);
        Map<String, Pool> pools = new LinkedHashMap<>();
        @Nullable String next = null;
        do {
            String path = "/fba/inventory/v1/summaries?details=true&granularityType=Marketplace"
                    + "&granularityId={marketplace}&marketplaceIds={marketplace}"
                    + (next == null ? "" : "&nextToken={next}");
            JsonNode body = next == null
                    ? api.call(
                                    account,
                                    SpApi.Operation.GET_INVENTORY_SUMMARIES,
                                    paceDeadline,
                                    HttpMethod.GET,
                                    path,
                                    null,
                                    marketplace,
                                    marketplace)
                            .body()
                    : api.call(
                                    account,
                                    SpApi.Operation.GET_INVENTORY_SUMMARIES,
                                    paceDeadline,
                                    HttpMethod.GET,
                                    path,
                                    null,
                                    marketplace,
                                    marketplace,
                                    next)
                            .body();
            for (JsonNode summary : body.path("payload").path("inventorySummaries")) {
                String sku = summary.path("sellerSku").asString("");
                if (sku.isBlank()) {
                    continue;
                }
                JsonNode details = summary.path("inventoryDetails");
                pools.put(
                        sku,
                        new Pool(
                                details.path("fulfillableQuantity").asInt(0),
                                details.path("unfulfillableQuantity")
                                        .path("totalUnfulfillableQuantity")
                                        .asInt(0),
                                summary.path("totalQuantity").asInt(0)));
            }
            String token = body.path("pagination").path("nextToken").asString("");
            next = token.isBlank() ? null : token;
        } while (next != null);
        return pools;
    }
}
