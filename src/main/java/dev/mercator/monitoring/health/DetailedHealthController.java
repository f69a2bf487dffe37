package dev.mercator.monitoring.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator's view of every component (admin token required); load balancers use the actuator probes instead. */
@RestController
@Tag(name = "Admin: monitoring")
class DetailedHealthController {

    private final ComponentChecks checks;

    DetailedHealthController(ComponentChecks checks) {
        this.checks = checks;
    }

    @Operation(
            operationId = "getDetailedHealth",
            summary = "Each component's health; 503 when a critical one is down, 200 when UP or DEGRADED")
    @GetMapping(path = "/health/detailed", produces = "application/json")
    ResponseEntity<HealthReport> detailed() {
        HealthReport report = checks.checkAll();
        HttpStatus status =
                report.status() == HealthReport.Overall.DOWN ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .body(report);
    }
}
