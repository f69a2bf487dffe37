package dev.mercator.dealscout.scan;

import dev.mercator.marketplaces.BuyingFormat;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Listings a merchant saw on a site without an API (or through the browser extension), stored as observations marked
 * {@code USER_SUBMITTED}. The URL is checked for its form only and never fetched by the server: a submitted URL is the
 * merchant's word, and fetching it would let any merchant make Mercator call any address.
 */
@RestController
@RequestMapping(path = "/api/deals/observations", produces = "application/json")
@Tag(name = "Deal Scout")
class ObservationsController {

    static final int MAX_URL = 2000;

    private final Observations observations;
    private final ScanSettings settings;
    private final Clock clock;

    ObservationsController(Observations observations, ScanSettings settings, Clock clock) {
        this.observations = observations;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A submitted listing.
     *
     * @param listingId the site's own id; the URL without query or fragment when absent
     * @param shipping null when unknown (not free)
     * @param buyingFormat {@code FIXED_PRICE} (default) or {@code AUCTION}
     */
    record ObservationSubmission(
            @Nullable String url,
            @Nullable String title,
            @Nullable BigDecimal price,
            @Nullable BigDecimal shipping,
            @Nullable String currency,
            @Nullable String listingId,
            @Nullable String conditionId,
            @Nullable String categoryId,
            @Nullable String sellerUsername,
            @Nullable String buyingFormat,
            @Nullable Instant endsAt) {}

    @Operation(
            operationId = "submitDealObservation",
            summary = "Record a listing seen on a site without an API; marked as user-submitted",
            description = """
                    Body: `{"url": "https://shop.example/item/42", "title": "...", "price": 120, "shipping": 9.5, \
                    "currency": "USD"}`. The site is the URL's host. The same URL (or `listingId`) again updates the \
                    observation: a new price adds one price-history row. The URL must be absolute `http(s)` with a \
                    host and no credentials; it is never fetched.""")
    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    Observations.ObservationView submit(@RequestBody ObservationSubmission body) {
        MerchantId merchant = CurrentMerchant.require();
        return observations.submit(merchant, sighting(body), clock.instant());
    }

    @Operation(
            operationId = "getDealObservation",
            summary = "One observed listing with its price history, first and last seen, and when it vanished")
    @GetMapping("/{id}")
    Observations.ObservationView get(@PathVariable UUID id) {
        return observations
                .find(CurrentMerchant.require(), id)
                .orElseThrow(() -> ApiProblem.notFound("No observation " + id));
    }

    private Sighting sighting(ObservationSubmission body) {
        List<Map<String, String>> errors = new ArrayList<>();
        URI url = url(body.url(), errors);
        String title = ScanRequest.text(body.title());
        if (title == null) {
            ScanRequest.error(errors, "title", "must not be blank");
        } else if (title.length() > 500) {
            ScanRequest.error(errors, "title", "at most 500 characters");
        }
        if (body.price() == null) {
            ScanRequest.error(errors, "price", "required");
        }
        ScanRequest.price(errors, "price", body.price(), settings.maxPrice());
        if (body.shipping() != null && body.shipping().signum() != 0) {
            ScanRequest.price(errors, "shipping", body.shipping(), settings.maxPrice());
        } else if (body.shipping() != null && body.shipping().signum() < 0) {
            ScanRequest.error(errors, "shipping", "must not be negative");
        }
        String currency = body.currency() == null ? "USD" : body.currency().strip();
        if (!currency.matches("[A-Z]{3}") || !ScanRequest.known(currency)) {
            ScanRequest.error(errors, "currency", "not an ISO 4217 currency code");
        }
        String condition = ScanRequest.text(body.conditionId());
        if (condition != null && !EbayIds.CONDITIONS.containsKey(condition)) {
            ScanRequest.error(errors, "conditionId", "unknown eBay condition id");
        }
        String category = ScanRequest.text(body.categoryId());
        if (category != null && !EbayIds.CATEGORIES.containsKey(category)) {
            ScanRequest.error(errors, "categoryId", "unknown eBay category id");
        }
        String listingId = ScanRequest.text(body.listingId());
        if (listingId != null && listingId.length() > 200) {
            ScanRequest.error(errors, "listingId", "at most 200 characters");
        }
        String seller = ScanRequest.text(body.sellerUsername());
        if (seller != null && seller.length() > 100) {
            ScanRequest.error(errors, "sellerUsername", "at most 100 characters");
        }
        BuyingFormat format = BuyingFormat.FIXED_PRICE;
        if (body.buyingFormat() != null) {
            try {
                format = BuyingFormat.valueOf(body.buyingFormat().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                ScanRequest.error(errors, "buyingFormat", "FIXED_PRICE or AUCTION");
            }
        }
        if (!errors.isEmpty() || url == null || title == null || body.price() == null) {
            throw ScanRequest.invalid(errors);
        }
        String site = String.valueOf(url.getHost()).toLowerCase(Locale.ROOT);
        String id = listingId != null ? listingId : withoutQuery(url);
        if (id.length() > 200) {
            throw ScanRequest.invalid(List.of(Map.of(
                    "field", "listingId", "message", "required when the URL is over 200 characters without query")));
        }
        return new Sighting(
                site,
                id,
                title,
                condition,
                category,
                body.price(),
                body.shipping(),
                currency,
                seller,
                url.toString(),
                format,
                body.endsAt());
    }

    /** An absolute http(s) URL with a host and no user info, or null with the reason added to {@code errors}. */
    static @Nullable URI url(@Nullable String value, List<Map<String, String>> errors) {
        if (value == null || value.isBlank()) {
            ScanRequest.error(errors, "url", "must not be blank");
            return null;
        }
        if (value.length() > MAX_URL) {
            ScanRequest.error(errors, "url", "at most " + MAX_URL + " characters");
            return null;
        }
        try {
            URI url = new URI(value.strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            String host = url.getHost();
            if (!scheme.equals("https") && !scheme.equals("http")) {
                ScanRequest.error(errors, "url", "must be an http or https URL");
                return null;
            }
            if (host == null || host.isBlank() || IDN.toASCII(host).length() > 253) {
                ScanRequest.error(errors, "url", "must name a host");
                return null;
            }
            if (url.getRawUserInfo() != null) {
                ScanRequest.error(errors, "url", "must not carry credentials");
                return null;
            }
            return url.normalize();
        } catch (URISyntaxException | IllegalArgumentException malformed) {
            ScanRequest.error(errors, "url", "not a valid URL");
            return null;
        }
    }

    private static String withoutQuery(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getHost().toLowerCase(Locale.ROOT) + path;
    }
}
