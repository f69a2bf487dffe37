package dev.mercator.catalog.search;

import dev.mercator.platform.security.CurrentMerchant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/products/search}: one search over the merchant's marketplaces. */
@RestController
@Tag(name = "Catalog")
class SearchController {

    private final ProductSearch search;

    SearchController(ProductSearch search) {
        this.search = search;
    }

    @Operation(
            operationId = "searchProducts",
            summary = "Search the merchant's marketplaces at once; answers what came back in time, per provider")
    @GetMapping(path = "/api/products/search", produces = "application/json")
    SearchResult search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String providers,
            @RequestParam(required = false) @Nullable String minPrice,
            @RequestParam(required = false) @Nullable String maxPrice,
            @RequestParam(required = false) @Nullable String currency,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size) {
        var merchant = CurrentMerchant.require();
        SearchRequest request = SearchRequest.parse(
                q,
                providers,
                minPrice,
                maxPrice,
                currency,
                sort,
                page,
                size,
                search.available(),
                search.settings().maxPageSize());
        return search.search(merchant, request);
    }
}
