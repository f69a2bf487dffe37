package dev.mercator.monitoring.traffic;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The live traffic summary for operators (admin token required); Prometheus scrapes the full metrics instead. */
@RestController
@RequestMapping(path = "/api/monitoring/metrics", produces = "application/json")
@Tag(name = "Admin: monitoring")
class TrafficController {

    private final TrafficWindow traffic;

    TrafficController(TrafficWindow traffic) {
        this.traffic = traffic;
    }

    @Operation(
            operationId = "getTraffic",
            summary = "Requests, error rates, latency percentiles, cache hit rate and outbound calls so far")
    @GetMapping
    TrafficSummary summary() {
        return traffic.summary();
    }

    @Operation(
            operationId = "resetTraffic",
            summary = "Start a new window; answers the summary of the window that ended")
    @PostMapping("/reset")
    TrafficSummary reset() {
        return traffic.reset();
    }
}
