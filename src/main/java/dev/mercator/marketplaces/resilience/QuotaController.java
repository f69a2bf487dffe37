package dev.mercator.marketplaces.resilience;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Each marketplace's daily budget: used, remaining, the background lane's share and any warning given today. */
@RestController
@Tag(name = "Admin: monitoring")
class QuotaController {

    private final MarketplaceCalls calls;

    QuotaController(MarketplaceCalls calls) {
        this.calls = calls;
    }

    @Operation(
            operationId = "listQuotas",
            summary = "Each marketplace's daily call budget: used, remaining, the background share and any warning")
    @GetMapping(path = "/api/monitoring/quotas", produces = "application/json")
    Map<String, List<QuotaReport>> quotas() {
        return Map.of("quotas", calls.quotas());
    }
}
