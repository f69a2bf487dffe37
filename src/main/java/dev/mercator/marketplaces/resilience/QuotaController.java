package dev.mercator.marketplaces.resilience;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Each marketplace's daily budget: used, remaining, the background lane's share and any warning given today. */
@RestController
class QuotaController {

    private final MarketplaceCalls calls;

    QuotaController(MarketplaceCalls calls) {
        this.calls = calls;
    }

    @GetMapping(path = "/api/monitoring/quotas", produces = "application/json")
    Map<String, List<QuotaReport>> quotas() {
        return Map.of("quotas", calls.quotas());
    }
}
