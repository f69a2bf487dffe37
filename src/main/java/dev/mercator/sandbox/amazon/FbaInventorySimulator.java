package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * FBA Inventory API v1 {@code getInventorySummaries}: the seller's units at Amazon per SKU, for granularity {@code
 * Marketplace}, with {@code details=true} splitting fulfillable from unfulfillable. Sellable FBA returns add to
 * fulfillable, the rest to unfulfillable ({@link SimReturns}). Pages of 50 through {@code nextToken}.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + AmazonSimulator.NAME, produces = MediaType.APPLICATION_JSON_VALUE)
class FbaInventorySimulator {

    private static final int PAGE = 50;

    private final SimReturns returns;
    private final SpApiGate gate;

    FbaInventorySimulator(SimReturns returns, SpApiGate gate) {
        this.returns = returns;
        this.gate = gate;
    }

    @GetMapping("/fba/inventory/v1/summaries")
    ResponseEntity<Object> getInventorySummaries(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @RequestParam(required = false) @Nullable String granularityType,
            @RequestParam(required = false) @Nullable String granularityId,
            @RequestParam(required = false) @Nullable String marketplaceIds,
            @RequestParam(required = false) @Nullable Boolean details,
            @RequestParam(required = false) @Nullable String sellerSkus,
            @RequestParam(required = false) @Nullable String nextToken) {
        SpApiGate.Admitted call = gate.admit(token, null, SimLimits.GET_INVENTORY_SUMMARIES);
        if (!"Marketplace".equals(granularityType) || granularityId == null || marketplaceIds == null) {
            call.rejected();
            return SpApiResponses.invalidInput(
                    "granularityType=Marketplace, granularityId and marketplaceIds are required");
        }
        if (!call.seller().marketplaceIds.contains(granularityId)) {
            call.rejected();
            return SpApiResponses.invalidInput("granularityId must be a marketplace the seller sells in");
        }
        List<String> wanted = sellerSkus == null ? List.of() : Arrays.asList(sellerSkus.split(","));
        if (wanted.size() > 50) {
            call.rejected();
            return SpApiResponses.invalidInput("sellerSkus takes at most 50 SKUs");
        }
        List<Map.Entry<String, SimReturns.Pool>> pools =
                new ArrayList<>(returns.pools(call.seller().sellerId).entrySet());
        pools.removeIf(e -> !wanted.isEmpty() && !wanted.contains(e.getKey()));
        pools.sort(Map.Entry.comparingByKey());
        int from;
        try {
            from = nextToken == null ? 0 : Integer.parseInt(nextToken);
        } catch (NumberFormatException bad) {
            call.rejected();
            return SpApiResponses.invalidInput("Invalid nextToken");
        }
        List<Map<String, Object>> summaries = new ArrayList<>();
        for (Map.Entry<String, SimReturns.Pool> pool :
                pools.subList(Math.min(from, pools.size()), Math.min(from + PAGE, pools.size()))) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("asin", "B0" + Math.abs(pool.getKey().hashCode() % 100_000_000));
            summary.put("fnSku", "X00" + Math.abs(pool.getKey().hashCode() % 10_000_000));
            summary.put("sellerSku", pool.getKey());
            summary.put("condition", "NewItem");
            if (Boolean.TRUE.equals(details)) {
                summary.put(
                        "inventoryDetails",
                        Map.of(
                                "fulfillableQuantity",
                                pool.getValue().fulfillable(),
                                "unfulfillableQuantity",
                                Map.of(
                                        "totalUnfulfillableQuantity",
                                        pool.getValue().unfulfillable())));
            }
            summary.put(
                    "totalQuantity",
                    pool.getValue().fulfillable() + pool.getValue().unfulfillable());
            summaries.add(summary);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put(
                "payload",
                Map.of(
                        "granularity",
                        Map.of("granularityType", granularityType, "granularityId", granularityId),
                        "inventorySummaries",
                        summaries));
        if (from + PAGE < pools.size()) {
            response.put("pagination", Map.of("nextToken", Integer.toString(from + PAGE)));
        }
        return SpApiResponses.ok(call.rate(), response);
    }
}
