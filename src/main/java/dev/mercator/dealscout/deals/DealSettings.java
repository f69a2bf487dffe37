package dev.mercator.dealscout.deals;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How observations become comps and scores, and how the deal search pages ({@code mercator.dealscout.deals.*};
 * environment variables {@code MERCATOR_DEALSCOUT_DEALS_*}, named in application.yml). ADR 30.
 *
 * @param vanishedQuickly a listing that vanishes within this long of being first seen counts as sale evidence at its
 *     last price (a vanished-quickly comp); one that lasted longer stays an asking price
 * @param rescoreThreshold a listing is rescored and republished when its pool's market value moves by more than this
 *     share (0.02 = 2 %), or its verdict or score changes
 * @param outboundShipping what a reseller pays to ship an item on, for the net margin (in the listing's currency)
 * @param maxEvidenceComps at most this many comp ids are stored as a score's evidence (n says how many were used)
 * @param pageSize the search's default page size
 * @param maxPageSize the largest page size the search accepts
 * @param poolsRefresh how old a merchant's in-memory pools may grow before the next use rebuilds them from the store:
 *     the bound on how long another instance's observations and erasures take to reach this one's pools
 */
@Validated
@ConfigurationProperties("mercator.dealscout.deals")
record DealSettings(
        @DefaultValue("7d") Duration vanishedQuickly,

        @DefaultValue("0.02") @DecimalMin("0") @DecimalMax("1")
        double rescoreThreshold,

        @DefaultValue("0") @DecimalMin("0") double outboundShipping,
        @DefaultValue("200") @Min(1) @Max(20000) int maxEvidenceComps,
        @DefaultValue("20") @Min(1) @Max(500) int pageSize,
        @DefaultValue("100") @Min(1) @Max(500) int maxPageSize,
        @DefaultValue("15m") Duration poolsRefresh) {}
