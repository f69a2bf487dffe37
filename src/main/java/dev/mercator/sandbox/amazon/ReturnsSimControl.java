package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code _sim} controls for returns: a customer return of any disposition for an FBA or a merchant-fulfilled order, a
 * seller's FBA inventory, and a raw document to serve as a seller's next report (bad reports for tests).
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + AmazonSimulator.NAME + "/_sim", produces = MediaType.APPLICATION_JSON_VALUE)
class ReturnsSimControl {

    private final SimSellers sellers;
    private final SimReturns returns;

    ReturnsSimControl(SimSellers sellers, SimReturns returns) {
        this.sellers = sellers;
        this.returns = returns;
    }

    /**
     * @param fulfilledBy {@code AMAZON} (an FBA return, in the FBA customer returns report) or {@code MERCHANT} (in the
     *     flat-file returns report, without a disposition)
     */
    record ReturnSeed(
            @Nullable String fulfilledBy,
            @Nullable String orderId,
            @Nullable String sku,
            @Nullable Integer quantity,
            @Nullable String disposition,
            @Nullable String reason,
            @Nullable Instant returnDate,
            @Nullable String licensePlateNumber) {}

    @PostMapping(path = "/sellers/{sellerId}/returns", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> addReturn(@PathVariable String sellerId, @RequestBody ReturnSeed seed) {
        if (sellers.find(sellerId).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no seller " + sellerId));
        }
        if (seed.orderId() == null || seed.sku() == null || seed.quantity() == null || seed.quantity() < 1) {
            return ResponseEntity.badRequest().body(Map.of("error", "orderId, sku and quantity (>= 1) are required"));
        }
        boolean fba = !"MERCHANT".equals(seed.fulfilledBy());
        String lpn = seed.licensePlateNumber() != null
                ? seed.licensePlateNumber()
                : "LPN"
                        + UUID.randomUUID()
                                .toString()
                                .replace("-", "")
                                .substring(0, 10)
                                .toUpperCase(java.util.Locale.ROOT);
        SimReturns.SimReturn returned = new SimReturns.SimReturn(
                fba,
                seed.returnDate() != null ? seed.returnDate() : sellers.now(),
                seed.orderId(),
                seed.sku(),
                seed.quantity(),
                seed.disposition() != null ? seed.disposition() : "SELLABLE",
                seed.reason() != null ? seed.reason() : "UNWANTED_ITEM",
                lpn,
                "D" + sellers.randomDigits(8));
        returns.add(sellerId, returned);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("licensePlateNumber", lpn));
    }

    record PoolSeed(int fulfillable, int unfulfillable) {}

    @PutMapping(path = "/sellers/{sellerId}/fba-inventory/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> setPool(
            @PathVariable String sellerId, @PathVariable String sku, @RequestBody PoolSeed seed) {
        if (sellers.find(sellerId).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no seller " + sellerId));
        }
        returns.setPool(sellerId, sku, new SimReturns.Pool(seed.fulfillable(), seed.unfulfillable()));
        return ResponseEntity.noContent().build();
    }

    record RawReport(@Nullable String reportType, @Nullable String content) {}

    @PostMapping(path = "/sellers/{sellerId}/next-report", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> nextReport(@PathVariable String sellerId, @RequestBody RawReport raw) {
        if (sellers.find(sellerId).isEmpty() || raw.reportType() == null || raw.content() == null) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "a known seller, reportType and content are required"));
        }
        returns.override(sellerId, raw.reportType(), raw.content());
        return ResponseEntity.noContent().build();
    }
}
