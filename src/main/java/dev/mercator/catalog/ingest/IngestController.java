package dev.mercator.catalog.ingest;

import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.Marketplaces;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/catalog/ingest}: imports products by keywords ({@code {"keywords": "...", "providers": [...]}}) or
 * by marketplace ids ({@code {"marketplace": "amazon", "ids": [...]}}). Imported products are tracked and refreshed.
 */
@RestController
@Tag(name = "Catalog")
class IngestController {

    static final int MAX_IDS = 50;

    private final CatalogIngest ingest;
    private final Marketplaces marketplaces;

    IngestController(CatalogIngest ingest, Marketplaces marketplaces) {
        this.ingest = ingest;
        this.marketplaces = marketplaces;
    }

    record IngestRequest(
            @Nullable String keywords,
            @Nullable List<String> providers,
            @Nullable String marketplace,
            @Nullable List<String> ids,
            @Nullable Integer limit) {}

    @Operation(
            operationId = "ingestProducts",
            summary = "Import products by keywords or by marketplace ids; imported products are tracked and refreshed")
    @PostMapping(path = "/api/catalog/ingest", consumes = "application/json", produces = "application/json")
    CatalogIngest.Report ingest(@RequestBody IngestRequest request) {
        MerchantId merchant = CurrentMerchant.require();
        List<Map<String, String>> errors = new ArrayList<>();
        String keywords = request.keywords() == null ? null : request.keywords().strip();
        List<String> ids = request.ids();
        if ((keywords == null || keywords.isEmpty()) == (ids == null || ids.isEmpty())) {
            errors.add(error("keywords", "give either keywords or ids"));
        }
        int limit = request.limit() == null ? 20 : request.limit();
        if (limit < 1 || limit > 50) {
            errors.add(error("limit", "must be between 1 and 50"));
        }
        if (keywords != null && keywords.length() > 200) {
            errors.add(error("keywords", "must be at most 200 characters"));
        }
        List<Marketplace> chosen = new ArrayList<>();
        if (request.providers() == null || request.providers().isEmpty()) {
            chosen.addAll(marketplaces.available());
        } else {
            for (String id : request.providers()) {
                Marketplace marketplace = marketplace(id);
                if (marketplace == null) {
                    errors.add(error("providers", "unknown provider '" + id + "'"));
                } else {
                    chosen.add(marketplace);
                }
            }
        }
        Marketplace target = null;
        if (ids != null && !ids.isEmpty()) {
            target = request.marketplace() == null ? null : marketplace(request.marketplace());
            if (target == null) {
                errors.add(error("marketplace", "must be one of amazon, aliexpress, ebay"));
            }
            if (ids.size() > MAX_IDS) {
                errors.add(error("ids", "at most " + MAX_IDS + " ids"));
            }
            if (ids.stream().anyMatch(id -> id == null || id.isBlank() || id.length() > 100)) {
                errors.add(error("ids", "ids must be non-blank and at most 100 characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields").with("errors", errors);
        }
        if (target != null && ids != null) {
            return ingest.byIds(
                    merchant, target, ids.stream().map(String::strip).toList(), Lane.INTERACTIVE);
        }
        return ingest.byKeywords(merchant, keywords == null ? "" : keywords, chosen, limit);
    }

    private static @Nullable Marketplace marketplace(String id) {
        try {
            return Marketplace.valueOf(id.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
