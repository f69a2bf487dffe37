package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulator's own controls, for tests, demos and benchmarks (not part of Amazon's API): register a seller with its
 * app credentials and listings, seed and cancel orders, expire access tokens or revoke the refresh token, and read a
 * listing's true state and the seller's call statistics. Under {@code /sandbox/amazon/_sim}, so the sandbox's fault
 * injection applies here too: clear faults before reading statistics.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + AmazonSimulator.NAME + "/_sim", produces = MediaType.APPLICATION_JSON_VALUE)
class AmazonSimControl {

    private final SimSellers sellers;

    AmazonSimControl(SimSellers sellers) {
        this.sellers = sellers;
    }

    record ListingSeed(
            String sku,
            @Nullable Integer quantity,
            @Nullable Integer leadTimeToShipMaxDays,
            @Nullable String productType,
            @Nullable String asin,
            @Nullable String itemName) {}

    record SellerSeed(
            String sellerId,
            String clientId,
            String clientSecret,
            String refreshToken,
            @Nullable List<String> marketplaceIds,
            @Nullable Map<String, AmazonSimSettings.Limit> rateLimits,
            @Nullable List<ListingSeed> listings,
            @Nullable String reportCompression) {}

    record ItemSeed(
            String sellerSku,
            int quantity,
            @Nullable String orderItemId,
            @Nullable String asin,
            @Nullable String title) {}

    /** An order in Orders API v2026-01-01 terms; by default merchant-fulfilled, UNSHIPPED, created now. */
    record OrderSeed(
            @Nullable String orderId,
            @Nullable String fulfillmentStatus,
            @Nullable String fulfilledBy,
            @Nullable String marketplaceId,
            @Nullable Instant createdTime,
            List<ItemSeed> items) {}

    record StatusChange(String fulfillmentStatus) {}

    @PostMapping(path = "/sellers", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> register(@RequestBody SellerSeed seed) {
        if (blank(seed.sellerId())
                || blank(seed.clientId())
                || blank(seed.clientSecret())
                || blank(seed.refreshToken())) {
            return SpApiResponses.invalidInput("sellerId, clientId, clientSecret and refreshToken are required");
        }
        Map<String, AmazonSimSettings.Limit> limits = seed.rateLimits() == null ? Map.of() : seed.rateLimits();
        for (Map.Entry<String, AmazonSimSettings.Limit> limit : limits.entrySet()) {
            if (!SimLimits.DEFAULTS.containsKey(limit.getKey())
                    || limit.getValue().rate() <= 0
                    || limit.getValue().burst() < 1) {
                return SpApiResponses.invalidInput("rateLimits." + limit.getKey() + " must name one of "
                        + SimLimits.DEFAULTS.keySet() + " with a positive rate and burst");
            }
        }
        List<String> marketplaces =
                seed.marketplaceIds() == null || seed.marketplaceIds().isEmpty()
                        ? List.of("ATVPDKIKX0DER")
                        : seed.marketplaceIds();
        String compression = seed.reportCompression() == null ? "GZIP" : seed.reportCompression();
        if (!compression.equals("GZIP") && !compression.equals("NONE")) {
            return SpApiResponses.invalidInput("reportCompression must be GZIP (the default) or NONE");
        }
        SimSeller seller = new SimSeller(
                seed.sellerId(),
                seed.clientId(),
                seed.clientSecret(),
                seed.refreshToken(),
                marketplaces,
                compression.equals("GZIP"),
                limits);
        if (seed.listings() != null) {
            seed.listings().forEach(listing -> add(seller, listing));
        }
        sellers.register(seller);
        return ResponseEntity.status(HttpStatus.CREATED).body(sellerView(seller));
    }

    @PostMapping(path = "/sellers/{sellerId}/listings", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> addListings(@PathVariable String sellerId, @RequestBody List<ListingSeed> listings) {
        SimSeller seller = seller(sellerId);
        synchronized (seller) {
            listings.forEach(listing -> add(seller, listing));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(sellerView(seller));
    }

    /** Every listing's quantity, by SKU: one look at a whole catalogue (the benchmarks' exactness check). */
    @GetMapping("/sellers/{sellerId}/listings")
    Map<String, Integer> quantities(@PathVariable String sellerId) {
        SimSeller seller = seller(sellerId);
        sellers.advance(seller);
        synchronized (seller) {
            Map<String, Integer> quantities = new LinkedHashMap<>();
            seller.listings.forEach((sku, listing) -> quantities.put(sku, listing.quantity()));
            return quantities;
        }
    }

    @GetMapping("/sellers/{sellerId}/listings/{sku}")
    ResponseEntity<Object> listing(@PathVariable String sellerId, @PathVariable String sku) {
        SimSeller seller = seller(sellerId);
        sellers.advance(seller);
        synchronized (seller) {
            SimListing listing = seller.listings.get(sku);
            if (listing == null) {
                return SpApiResponses.notFound("No listing " + sku);
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("sku", listing.sku);
            view.put("productType", listing.productType);
            view.put("quantity", listing.quantity());
            view.put("leadTimeToShipMaxDays", listing.leadTime());
            view.put("fulfillmentAvailability", listing.availability);
            view.put("pendingChanges", listing.pendingCount());
            return ResponseEntity.ok(view);
        }
    }

    @GetMapping("/sellers/{sellerId}/stats")
    Map<String, Object> stats(@PathVariable String sellerId) {
        SimSeller seller = seller(sellerId);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sellerId", sellerId);
        view.putAll(seller.stats.view());
        return view;
    }

    @PostMapping(path = "/sellers/{sellerId}/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> seedOrder(@PathVariable String sellerId, @RequestBody OrderSeed seed) {
        SimSeller seller = seller(sellerId);
        String status = seed.fulfillmentStatus() == null ? "UNSHIPPED" : seed.fulfillmentStatus();
        String fulfilledBy = seed.fulfilledBy() == null ? "MERCHANT" : seed.fulfilledBy();
        if (!SimOrder.STATUSES.contains(status)
                || !SimOrder.FULFILLERS.contains(fulfilledBy)
                || seed.items() == null
                || seed.items().isEmpty()) {
            return SpApiResponses.invalidInput("items are required, fulfillmentStatus must be one of "
                    + SimOrder.STATUSES + " and fulfilledBy one of " + SimOrder.FULFILLERS);
        }
        List<SimOrder.Item> items = new ArrayList<>();
        for (ItemSeed item : seed.items()) {
            if (blank(item.sellerSku()) || item.quantity() < 1) {
                return SpApiResponses.invalidInput("every item needs a sellerSku and a quantity of at least 1");
            }
            items.add(new SimOrder.Item(
                    item.orderItemId() == null ? sellers.randomDigits(14) : item.orderItemId(),
                    item.asin() == null ? "B0" + sellers.randomDigits(8) : item.asin(),
                    item.sellerSku(),
                    item.quantity(),
                    item.title() == null ? item.sellerSku() : item.title()));
        }
        String orderId = seed.orderId() == null
                ? sellers.randomDigits(3) + "-" + sellers.randomDigits(7) + "-" + sellers.randomDigits(7)
                : seed.orderId();
        synchronized (seller) {
            if (seller.orders.containsKey(orderId)) {
                return SpApiResponses.invalidInput("order " + orderId + " exists");
            }
            SimOrder order = new SimOrder(
                    orderId,
                    seed.marketplaceId() == null ? seller.marketplaceIds.getFirst() : seed.marketplaceId(),
                    fulfilledBy,
                    status,
                    seed.createdTime() == null ? sellers.now() : seed.createdTime(),
                    items);
            seller.orders.put(orderId, order);
            return ResponseEntity.status(HttpStatus.CREATED).body(orderView(order));
        }
    }

    @PostMapping(path = "/sellers/{sellerId}/orders/{orderId}/cancel")
    ResponseEntity<Object> cancel(@PathVariable String sellerId, @PathVariable String orderId) {
        return changeStatus(sellerId, orderId, new StatusChange("CANCELLED"));
    }

    @PostMapping(path = "/sellers/{sellerId}/orders/{orderId}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> changeStatus(
            @PathVariable String sellerId, @PathVariable String orderId, @RequestBody StatusChange change) {
        SimSeller seller = seller(sellerId);
        if (!SimOrder.STATUSES.contains(change.fulfillmentStatus())) {
            return SpApiResponses.invalidInput("fulfillmentStatus must be one of " + SimOrder.STATUSES);
        }
        synchronized (seller) {
            SimOrder order = seller.orders.get(orderId);
            if (order == null) {
                return SpApiResponses.notFound("No order " + orderId);
            }
            order.fulfillmentStatus = change.fulfillmentStatus();
            order.lastUpdatedTime = sellers.now();
            return ResponseEntity.ok(orderView(order));
        }
    }

    /** As if the seller's access tokens had reached their hour: SP-API refuses them with 403 from now on. */
    @PostMapping("/sellers/{sellerId}/access-tokens/expire")
    Map<String, Object> expireAccessTokens(@PathVariable String sellerId) {
        seller(sellerId);
        return Map.of("expired", sellers.expireAccessTokens(sellerId));
    }

    /** As if the seller had revoked the app: the refresh token now gets {@code invalid_grant}. */
    @PostMapping("/sellers/{sellerId}/refresh-token/revoke")
    ResponseEntity<Void> revoke(@PathVariable String sellerId) {
        seller(sellerId).refreshTokenRevoked = true;
        return ResponseEntity.noContent().build();
    }

    private void add(SimSeller seller, ListingSeed seed) {
        Instant now = sellers.now();
        SimListing listing = new SimListing(
                seed.sku(),
                seed.productType() == null ? "PRODUCT" : seed.productType(),
                seed.asin() == null ? "B0" + sellers.randomDigits(8) : seed.asin(),
                seed.itemName() == null ? seed.sku() : seed.itemName(),
                now);
        listing.availability.add(
                SimListing.defaultEntry(seed.quantity() == null ? 0 : seed.quantity(), seed.leadTimeToShipMaxDays()));
        seller.listings.put(seed.sku(), listing);
    }

    private SimSeller seller(String sellerId) {
        return sellers.find(sellerId)
                .orElseThrow(
                        () -> new SpApiResponses.Refusal(SpApiResponses.notFound("No simulated seller " + sellerId)));
    }

    private static Map<String, Object> sellerView(SimSeller seller) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sellerId", seller.sellerId);
        view.put("marketplaceIds", seller.marketplaceIds);
        synchronized (seller) {
            view.put("listings", List.copyOf(seller.listings.keySet()));
        }
        return view;
    }

    private static Map<String, Object> orderView(SimOrder order) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("orderId", order.orderId);
        view.put("fulfillmentStatus", order.fulfillmentStatus);
        view.put("fulfilledBy", order.fulfilledBy);
        view.put("lastUpdatedTime", AmazonSimulator.iso(order.lastUpdatedTime));
        view.put(
                "items",
                order.items.stream()
                        .map(i -> Map.of(
                                "orderItemId",
                                i.orderItemId(),
                                "sellerSku",
                                i.sellerSku(),
                                "quantity",
                                i.quantityOrdered()))
                        .toList());
        return view;
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
