package dev.mercator.analytics.metrics;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's analytics settings: the time zone its figures are cut into days in. */
@RestController
@RequestMapping(path = "/api/analytics/settings", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Analytics")
class AnalyticsSettingsController {

    private final MerchantTimeZones zones;

    AnalyticsSettingsController(MerchantTimeZones zones) {
        this.zones = zones;
    }

    record AnalyticsSettings(
            @Schema(
                    description = "An IANA time zone such as Europe/Berlin; UTC until set",
                    example = "America/New_York")
            @Nullable
            String timeZone) {}

    @Operation(operationId = "getAnalyticsSettings", summary = "The merchant's analytics settings")
    @GetMapping
    AnalyticsSettings get() {
        return new AnalyticsSettings(zones.of(CurrentMerchant.require()).getId());
    }

    @Operation(
            operationId = "putAnalyticsSettings",
            summary = "Set the time zone daily, weekly and monthly figures are cut in (IANA id)")
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    AnalyticsSettings put(@RequestBody AnalyticsSettings settings) {
        MerchantId merchant = CurrentMerchant.require();
        String id = settings.timeZone();
        // Region ids only (as DuckDB's ICU knows them): a fixed offset would be wrong half the year.
        if (id == null || !(id.equals("UTC") || ZoneId.getAvailableZoneIds().contains(id))) {
            throw new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields")
                    .with(
                            "errors",
                            List.of(Map.of(
                                    "field",
                                    "timeZone",
                                    "message",
                                    "must be an IANA time zone such as Europe/Berlin")));
        }
        zones.set(merchant, ZoneId.of(id));
        return new AnalyticsSettings(id);
    }
}
