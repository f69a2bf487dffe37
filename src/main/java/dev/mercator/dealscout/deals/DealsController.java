package dev.mercator.dealscout.deals;

import dev.mercator.dealscout.ListingScored.Verdict;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's scored listings and the evidence behind each score: only the merchant's own. */
@RestController
@RequestMapping(path = "/api/deals", produces = "application/json")
@Tag(name = "Deal Scout")
class DealsController {

    private final DealSearch search;
    private final DealSettings settings;

    DealsController(DealSearch search, DealSettings settings) {
        this.search = search;
        this.settings = settings;
    }

    @Operation(
            operationId = "searchDeals",
            summary = "The merchant's scored listings, best score first, by title text, scan, minimum score, verdict",
            description = """
                    `q` matches the title (case-insensitive), `scan` a scan id of the merchant, `minScore` 0–100, \
                    `verdict` one of `deal`, `too_good`, `not_a_deal`, `no_valuation`. `page` from 0, `size` up to \
                    the configured maximum. Each listing shows its latest score: verdict, score, discount, market \
                    value and interval. Bad parameters: 400, nothing else happens.""")
    @GetMapping("/search")
    DealViews.DealPage search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable UUID scan,
            @RequestParam(required = false) @Nullable Integer minScore,
            @RequestParam(required = false) @Nullable String verdict,
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size) {
        MerchantId merchant = CurrentMerchant.require();
        int min = minScore == null ? 0 : minScore;
        if (min < 0 || min > 100) {
            throw ApiProblem.badRequest("minScore must be from 0 to 100");
        }
        int pageNumber = page == null ? 0 : page;
        if (pageNumber < 0 || pageNumber > 100_000) {
            throw ApiProblem.badRequest("page must be from 0 to 100000");
        }
        int pageSize = size == null ? settings.pageSize() : size;
        if (pageSize < 1 || pageSize > settings.maxPageSize()) {
            throw ApiProblem.badRequest("size must be from 1 to " + settings.maxPageSize());
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 200) {
            throw ApiProblem.badRequest("q must be at most 200 characters");
        }
        return search.search(merchant, new DealSearch.Query(text, scan, min, verdict(verdict)), pageNumber, pageSize);
    }

    @Operation(
            operationId = "getDeal",
            summary = "One scored listing with its evidence: comps used, n, window, median, interval, method, history",
            description = """
                    The comps used (with links and whether each is sold, vanished quickly or an asking price), n and \
                    effective n, the window of the comps, the median and its interval with the coverage it has, the \
                    method, "thin" and "borrowed from" labels, the score's components, the net margin per \
                    marketplace, and the listing's price history. Another merchant's listing is not found.""")
    @GetMapping("/{id}")
    DealViews.DealEvidence get(@PathVariable UUID id) {
        return search.evidence(CurrentMerchant.require(), id)
                .orElseThrow(() -> ApiProblem.notFound("No scored listing " + id));
    }

    private static @Nullable Verdict verdict(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Verdict.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("verdict must be one of deal, too_good, not_a_deal, no_valuation");
        }
    }
}
