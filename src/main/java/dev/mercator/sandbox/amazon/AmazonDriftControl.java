package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Changes a listing's quantity behind Mercator's back, as a seller does in Seller Central or another tool does through
 * its own SP-API app: at once, through no Mercator call, and with nothing sent to Mercator (Amazon notifies no app of
 * another's listing edits). Reconciliation has to find it by reading (ADR 24).
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + AmazonSimulator.NAME + "/_sim", produces = MediaType.APPLICATION_JSON_VALUE)
class AmazonDriftControl {

    private final SimSellers sellers;

    AmazonDriftControl(SimSellers sellers) {
        this.sellers = sellers;
    }

    record QuantityEdit(@Nullable Integer quantity) {}

    @PutMapping(path = "/sellers/{sellerId}/listings/{sku}/quantity", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> editQuantity(
            @PathVariable String sellerId, @PathVariable String sku, @RequestBody QuantityEdit edit) {
        Integer quantity = edit.quantity();
        if (quantity == null || quantity < 0) {
            return SpApiResponses.invalidInput("quantity is required and must not be negative");
        }
        SimSeller seller = sellers.find(sellerId)
                .orElseThrow(
                        () -> new SpApiResponses.Refusal(SpApiResponses.notFound("No simulated seller " + sellerId)));
        sellers.advance(seller);
        synchronized (seller) {
            SimListing listing = seller.listings.get(sku);
            if (listing == null) {
                return SpApiResponses.notFound("No listing " + sku);
            }
            Map<String, Object> entry = listing.entry("DEFAULT");
            if (entry == null) {
                listing.availability.add(SimListing.defaultEntry(quantity, null));
            } else {
                entry.put("quantity", quantity);
            }
            listing.lastUpdatedAt = sellers.now();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("sku", listing.sku);
            view.put("quantity", listing.quantity());
            return ResponseEntity.ok(view);
        }
    }
}
