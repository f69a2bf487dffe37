package dev.mercator.dealscout.deals;

import dev.mercator.dealscout.ListingScored.Verdict;
import dev.mercator.dealscout.valuation.DealScore;
import dev.mercator.dealscout.valuation.NetMargin;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the deal search and the evidence endpoint show. */
final class DealViews {

    private DealViews() {}

    /** The words a merchant reads for a verdict. */
    static String label(Verdict verdict) {
        return switch (verdict) {
            case DEAL -> "deal";
            case TOO_GOOD -> "too good: check title, condition, seller";
            case NOT_A_DEAL -> "not a deal";
            case NO_VALUATION -> "no valuation";
        };
    }

    static String methodLabel(@Nullable String method) {
        if (method == null) {
            return "none";
        }
        return method.equals("SALE_EVIDENCE")
                ? "sale evidence: sold and vanished-quickly prices"
                : "asking prices (no sale evidence enough; asking prices run high)";
    }

    /** One scored listing in the search. */
    record DealListing(
            UUID id,
            String marketplace,
            String listingId,
            String title,
            @Nullable String url,
            BigDecimal totalPrice,
            String currency,
            Verdict verdict,
            String verdictLabel,
            int score,
            double discount,
            @Nullable BigDecimal marketValue,
            @Nullable BigDecimal intervalLow,
            @Nullable BigDecimal intervalHigh,
            @Nullable Instant vanishedAt,
            Instant scoredAt) {}

    /** A page of the search, best score first. */
    record DealPage(List<DealListing> items, int page, int size, long total) {}

    /** A comp used, with where to see it. */
    record CompEvidence(
            UUID observationId,
            String marketplace,
            String listingId,
            @Nullable String url,
            BigDecimal totalPrice,
            String currency,
            String kind,
            Instant observedAt) {

        static String kindLabel(dev.mercator.dealscout.valuation.Comp.Kind kind) {
            return kind.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The market value a listing was scored against.
     *
     * @param window when the oldest and the newest comp used were observed
     * @param thin whether the effective sample size is below the "thin" threshold
     * @param borrowedFrom the coarser pool the value was borrowed from, null when it is the listing's own pool's
     */
    record Valuation(
            String poolKey,
            @Nullable String productKey,
            BigDecimal median,
            BigDecimal intervalLow,
            BigDecimal intervalHigh,
            double coverage,
            int n,
            double effectiveN,
            int outliers,
            Window window,
            String method,
            String methodLabel,
            @Nullable String borrowedFrom,
            boolean thin,
            List<String> labels) {}

    record Window(Instant oldest, Instant newest) {}

    record PricePoint(BigDecimal price, @Nullable BigDecimal shipping, String currency, Instant observedAt) {}

    /** One listing with everything its score rests on. */
    record DealEvidence(
            UUID id,
            String marketplace,
            String listingId,
            String title,
            @Nullable String url,
            @Nullable String conditionId,
            @Nullable String categoryId,
            BigDecimal totalPrice,
            String currency,
            Verdict verdict,
            String verdictLabel,
            int score,
            List<DealScore.Component> components,
            double discount,
            double robustZ,
            @Nullable Valuation valuation,
            List<NetMargin> netMargins,
            List<CompEvidence> comps,
            List<PricePoint> priceHistory,
            Instant firstSeenAt,
            @Nullable Instant vanishedAt,
            Instant scoredAt) {}
}
