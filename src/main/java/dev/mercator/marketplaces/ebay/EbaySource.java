package dev.mercator.marketplaces.ebay;

import static dev.mercator.marketplaces.source.VendorCalls.text;

import dev.mercator.marketplaces.BuyingFormat;
import dev.mercator.marketplaces.Listing;
import dev.mercator.marketplaces.ListingPage;
import dev.mercator.marketplaces.ListingQuery;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceFailure.Kind;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.marketplaces.source.CachedTokens;
import dev.mercator.marketplaces.source.ProductSource;
import dev.mercator.marketplaces.source.Settings;
import dev.mercator.marketplaces.source.VendorCalls;
import dev.mercator.marketplaces.source.VendorCalls.Reply;
import dev.mercator.platform.http.OutboundHttp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * eBay through the Browse API: an application token from the client-credentials grant (cached per app, re-minted five
 * minutes before its two hours are up, once for concurrent callers; eBay allows 1 000 mints a day), {@code
 * item_summary/search} with {@code offset} a multiple of {@code limit} (at most 200), and {@code item/{id}}. The
 * account's campaign id goes into {@code X-EBAY-C-ENDUSERCTX}, which makes eBay return {@code itemAffiliateWebUrl}.
 */
@Component
class EbaySource implements ProductSource {

    static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
    static final String SCOPE = "https://api.ebay.com/oauth/api_scope";
    static final int MAX_LIMIT = 200;
    /** Warnings with which eBay says it searched without (part of) the filter: 12002 a field's value, 12012 price. */
    static final Set<String> FILTER_WARNINGS = Set.of("12002", "12012");

    private static final Logger log = LoggerFactory.getLogger(EbaySource.class);

    private final RestClient rest;
    private final EbaySettings settings;
    private final CachedTokens tokens;
    private final Clock clock;

    @Autowired
    EbaySource(OutboundHttp outbound, EbaySettings settings) {
        this(outbound, settings, Clock.systemUTC());
    }

    EbaySource(OutboundHttp outbound, EbaySettings settings, Clock clock) {
        this.rest = outbound.client(settings);
        this.settings = settings;
        this.tokens = new CachedTokens(REFRESH_BEFORE, clock);
        this.clock = clock;
    }

    @Override
    public Marketplace marketplace() {
        return Marketplace.EBAY;
    }

    @Override
    public SourcePage search(SourceQuery query, SourceAccount account) throws SourceFailure {
        App app = app(account);
        int limit = Math.clamp(query.pageSize(), 1, MAX_LIMIT);
        // eBay refuses an offset that is not a multiple of the limit; pages make it one by construction.
        long offset = (long) (Math.max(1, query.page()) - 1) * limit;
        if (emptyRange(query)) {
            // Bounds closer than a cent: nothing can be priced inside them, and eBay would ignore such a range.
            return new SourcePage(List.of(), 0, false);
        }
        String filter = filter(query, app.marketplaceId());
        Reply reply = call(app, token -> {
            RestClient.RequestHeadersSpec<?> request = filter == null
                    ? rest.get()
                            .uri(
                                    "/buy/browse/v1/item_summary/search?q={q}&limit={limit}&offset={offset}",
                                    query.keywords(),
                                    limit,
                                    offset)
                    : rest.get()
                            .uri(
                                    "/buy/browse/v1/item_summary/search?q={q}&limit={limit}&offset={offset}&filter={filter}",
                                    query.keywords(),
                                    limit,
                                    offset,
                                    filter);
            return headers(request, app, token);
        });
        if (!reply.ok()) {
            throw failure(reply);
        }
        JsonNode json = reply.json();
        SourceFailure ignoredFilter = ignoredFilter(json, filter);
        if (ignoredFilter != null) {
            throw ignoredFilter;
        }
        List<RawProduct> products = new ArrayList<>();
        json.path("itemSummaries").forEach(summary -> products.add(toRaw(summary)));
        return new SourcePage(products, json.path("total").asLong(products.size()), json.has("next"));
    }

    /**
     * Listings for a deal scan, as eBay's Browse API specifies the search: {@code sort=newlyListed} (auctions: {@code
     * endingSoonest}, so those ending within the window come first), {@code category_ids}, and one {@code filter} with
     * {@code conditionIds:{..}}, {@code buyingOptions:{..}} and {@code price:[a..b],priceCurrency:XXX} (eBay ignores a
     * price without its currency). The auction window is applied here to {@code itemEndDate}: an {@code itemEndDate}
     * filter field is not one every Browse implementation we test against accepts, and a filter eBay warns about would
     * fail the whole page. A filter eBay says it ignored fails the page, as for {@link #search}.
     */
    @Override
    public ListingPage listings(ListingQuery query, SourceAccount account) throws SourceFailure {
        App app = app(account);
        int limit = Math.clamp(query.pageSize(), 1, MAX_LIMIT);
        long offset = (long) (Math.max(1, query.page()) - 1) * limit;
        SourceQuery priced = new SourceQuery(
                query.keywords(), query.page(), limit, query.minPrice(), query.maxPrice(), query.currency());
        if (emptyRange(priced)) {
            return new ListingPage(List.of(), false);
        }
        String filter = listingFilter(query, app.marketplaceId());
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("q", query.keywords());
        variables.put("limit", limit);
        variables.put("offset", offset);
        variables.put("sort", query.buyingFormat() == BuyingFormat.AUCTION ? "endingSoonest" : "newlyListed");
        variables.put("filter", filter);
        String template = "/buy/browse/v1/item_summary/search?q={q}&limit={limit}&offset={offset}&sort={sort}"
                + "&filter={filter}";
        String category = query.categoryId();
        if (category != null) {
            variables.put("category", category);
            template += "&category_ids={category}";
        }
        String uri = template;
        Reply reply = call(app, token -> headers(rest.get().uri(uri, variables), app, token));
        if (!reply.ok()) {
            throw failure(reply);
        }
        JsonNode json = reply.json();
        SourceFailure ignoredFilter = ignoredFilter(json, filter);
        if (ignoredFilter != null) {
            throw ignoredFilter;
        }
        List<Listing> listings = new ArrayList<>();
        Instant endingBefore = query.endingBefore();
        for (JsonNode summary : json.path("itemSummaries")) {
            Listing listing = toListing(summary);
            if (listing == null) {
                continue;
            }
            if (endingBefore != null) {
                Instant ends = listing.endsAt();
                if (ends == null || ends.isAfter(endingBefore)) {
                    continue;
                }
            }
            listings.add(listing);
        }
        return new ListingPage(List.copyOf(listings), json.has("next"));
    }

    /** {@code conditionIds:{1000|3000},buyingOptions:{AUCTION},price:[10..50],priceCurrency:USD}. */
    static String listingFilter(ListingQuery query, String marketplaceId) {
        List<String> fields = new ArrayList<>();
        if (!query.conditionIds().isEmpty()) {
            fields.add("conditionIds:{" + String.join("|", new TreeSet<>(query.conditionIds())) + "}");
        }
        fields.add("buyingOptions:{" + query.buyingFormat().name() + "}");
        String price = filter(
                new SourceQuery(query.keywords(), 1, 1, query.minPrice(), query.maxPrice(), query.currency()),
                marketplaceId);
        if (price != null) {
            fields.add(price);
        }
        return String.join(",", fields);
    }

    /**
     * A search result as a listing: an auction's price is its current bid; shipping the cheapest quoted cost in the
     * item's currency ({@code shippingOptions[].shippingCost}), null when eBay quoted none. Null for a summary without
     * an id, title or readable price.
     */
    static @Nullable Listing toListing(JsonNode item) {
        String id = text(item.path("itemId"));
        String title = text(item.path("title"));
        List<String> options = new ArrayList<>();
        item.path("buyingOptions").forEach(option -> options.add(option.asString()));
        BuyingFormat format = options.contains("AUCTION") ? BuyingFormat.AUCTION : BuyingFormat.FIXED_PRICE;
        JsonNode money = format == BuyingFormat.AUCTION && item.has("currentBidPrice")
                ? item.path("currentBidPrice")
                : item.path("price");
        BigDecimal price = ProductSource.amount(text(money.path("value")));
        String currency = text(money.path("currency"));
        if (id == null || title == null || price == null || currency == null) {
            return null;
        }
        BigDecimal shipping = null;
        for (JsonNode option : item.path("shippingOptions")) {
            JsonNode cost = option.path("shippingCost");
            BigDecimal value = ProductSource.amount(text(cost.path("value")));
            if (value != null && currency.equals(text(cost.path("currency")))) {
                shipping = shipping == null || value.compareTo(shipping) < 0 ? value : shipping;
            }
        }
        String category = text(item.path("leafCategoryIds").path(0));
        if (category == null) {
            category = text(item.path("categories").path(0).path("categoryId"));
        }
        return new Listing(
                Marketplace.EBAY,
                id,
                title,
                text(item.path("conditionId")),
                category,
                price,
                shipping,
                currency,
                text(item.path("seller").path("username")),
                text(item.path("itemWebUrl")),
                format,
                instant(text(item.path("itemEndDate"))));
    }

    private static @Nullable Instant instant(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    @Override
    public List<RawProduct> lookup(List<String> ids, SourceAccount account) throws SourceFailure {
        App app = app(account);
        List<RawProduct> products = new ArrayList<>();
        for (String id : ids) {
            Reply reply = call(app, token -> headers(rest.get().uri("/buy/browse/v1/item/{id}", id), app, token));
            if (reply.status() == 404) {
                continue;
            }
            if (!reply.ok()) {
                throw failure(reply);
            }
            products.add(toRaw(reply.json()));
        }
        return products;
    }

    private record App(String clientId, String clientSecret, String campaignId, String marketplaceId) {

        String cacheKey() {
            return CachedTokens.key(clientId, clientSecret);
        }
    }

    private App app(SourceAccount account) {
        String marketplace = settings.marketplaceId();
        return new App(
                Settings.field(account, "clientId", settings.clientId(), EbaySettings.SANDBOX_CLIENT_ID),
                Settings.field(account, "clientSecret", settings.clientSecret(), EbaySettings.SANDBOX_CLIENT_SECRET),
                Settings.tag(account, settings.campaignId(), EbaySettings.SANDBOX_CAMPAIGN_ID),
                marketplace != null ? marketplace : "EBAY_US");
    }

    @FunctionalInterface
    private interface Request {
        RestClient.RequestHeadersSpec<?> with(String token);
    }

    private Reply call(App app, Request request) throws SourceFailure {
        String token = tokens.get(app.cacheKey(), () -> mint(app));
        Reply reply = VendorCalls.exchange(Marketplace.EBAY, request.with(token));
        if (reply.status() == 401) {
            // errorId 1001: the token expired or was revoked early; one fresh token, one retry.
            tokens.invalidate(app.cacheKey(), token);
            reply = VendorCalls.exchange(Marketplace.EBAY, request.with(tokens.get(app.cacheKey(), () -> mint(app))));
        }
        return reply;
    }

    private static RestClient.RequestHeadersSpec<?> headers(
            RestClient.RequestHeadersSpec<?> request, App app, String token) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-EBAY-C-MARKETPLACE-ID", app.marketplaceId())
                .header("X-EBAY-C-ENDUSERCTX", "affiliateCampaignId=" + app.campaignId())
                .accept(MediaType.APPLICATION_JSON);
    }

    private CachedTokens.Token mint(App app) throws SourceFailure {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("scope", SCOPE);
        String basic = Base64.getEncoder()
                .encodeToString((app.clientId() + ":" + app.clientSecret()).getBytes(StandardCharsets.UTF_8));
        Reply reply = VendorCalls.exchange(
                Marketplace.EBAY,
                rest.post()
                        .uri("/identity/v1/oauth2/token")
                        .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .accept(MediaType.APPLICATION_JSON)
                        .body(form));
        if (!reply.ok()) {
            if (reply.status() == 400 || reply.status() == 401) {
                throw new SourceFailure(
                        Marketplace.EBAY,
                        Kind.PERMANENT,
                        "token refused: " + text(reply.json().path("error")),
                        (Duration) null);
            }
            throw VendorCalls.byStatus(Marketplace.EBAY, reply, "token endpoint");
        }
        String token = text(reply.json().path("access_token"));
        if (token == null) {
            throw new SourceFailure(Marketplace.EBAY, Kind.TRANSIENT, "token reply without a token", (Duration) null);
        }
        return new CachedTokens.Token(
                token, Duration.ofSeconds(reply.json().path("expires_in").asLong(7200)));
    }

    /**
     * eBay's error, classified by its own {@code category} before its status: a {@code REQUEST} or {@code BUSINESS}
     * refusal is a request of ours eBay will never accept (our bug, so no retry and the provider shown unhealthy with
     * the reason, not an outage counted against the breaker); {@code APPLICATION} is eBay's own failure, transient
     * whatever status carries it. 429 stays rate-limited. The message keeps errorId and the refused parameters, which
     * is what a developer needs to find the bug.
     */
    static SourceFailure failure(Reply reply) {
        JsonNode error = reply.json().path("errors").path(0);
        String id = text(error.path("errorId"));
        String message = text(error.path("message"));
        StringBuilder detail = new StringBuilder(id == null ? "error" : "errorId " + id);
        error.path("parameters")
                .forEach(parameter -> detail.append(" [")
                        .append(text(parameter.path("name")))
                        .append('=')
                        .append(text(parameter.path("value")))
                        .append(']'));
        if (message != null) {
            detail.append(": ").append(message);
        }
        String said = "HTTP " + reply.status() + ": " + detail;
        String category = text(error.path("category"));
        if (reply.status() != 429 && "APPLICATION".equals(category)) {
            return new SourceFailure(Marketplace.EBAY, Kind.TRANSIENT, said, (Duration) null);
        }
        if (reply.status() >= 400 && reply.status() < 500 && reply.status() != 429 && reply.status() != 408) {
            return new SourceFailure(Marketplace.EBAY, Kind.PERMANENT, said, (Duration) null);
        }
        return VendorCalls.byStatus(Marketplace.EBAY, reply, detail.toString());
    }

    /**
     * eBay does not refuse a filter it cannot use: it answers HTTP 200 with a {@code warnings} entry and searches
     * without it, so the items are not the ones asked for (a price range ignored returns every price). Such a page is a
     * failure of ours, permanent, never shown as results. Other warnings are logged, since nothing else shows them.
     */
    static @Nullable SourceFailure ignoredFilter(JsonNode json, @Nullable String filter) {
        for (JsonNode warning : json.path("warnings")) {
            String id = text(warning.path("errorId"));
            String message = text(warning.path("message"));
            if (filter != null && FILTER_WARNINGS.contains(id)) {
                return new SourceFailure(
                        Marketplace.EBAY,
                        Kind.PERMANENT,
                        "eBay ignored filter " + filter + ": warning errorId " + id + ": " + message,
                        (Duration) null);
            }
            log.warn("eBay answered a search with a warning: errorId {}: {}", id, message);
        }
        return null;
    }

    private RawProduct toRaw(JsonNode item) {
        JsonNode price = item.path("price");
        List<String> gtins = new ArrayList<>();
        String gtin = text(item.path("gtin"));
        if (gtin != null) {
            gtins.add(gtin);
        }
        item.path("product").path("gtins").forEach(value -> {
            String more = text(value);
            if (more != null && !gtins.contains(more)) {
                gtins.add(more);
            }
        });
        String description = text(item.path("description"));
        return new RawProduct(
                Marketplace.EBAY,
                String.valueOf(text(item.path("itemId"))),
                text(item.path("title")),
                description != null ? description : text(item.path("shortDescription")),
                text(item.path("brand")),
                text(item.path("mpn")),
                text(price.path("value")),
                text(price.path("currency")),
                List.copyOf(gtins),
                text(item.path("image").path("imageUrl")),
                text(item.path("itemWebUrl")),
                text(item.path("itemAffiliateWebUrl")),
                text(item.path("estimatedAvailabilities").path(0).path("estimatedAvailabilityStatus")),
                clock.instant());
    }

    /**
     * {@code price:[10..50],priceCurrency:USD}, or null without price bounds. eBay requires {@code priceCurrency} with
     * every {@code price} filter; a query without a currency is in the marketplace's own. Only the range forms eBay
     * documents are sent: {@code [10..50]}, {@code [..50]} and, for a lower bound alone, {@code [10]} (not {@code
     * [10..]}). Bounds come validated from the catalog (non-negative, min not above max, ISO 4217 currency).
     */
    static @Nullable String filter(SourceQuery query, String marketplaceId) {
        BigDecimal min = query.minPrice();
        BigDecimal max = query.maxPrice();
        if (min == null && max == null) {
            return null;
        }
        // Whole cents, rounded inwards so that no item outside the asked range can pass.
        String low = min == null ? "" : amount(min.setScale(2, RoundingMode.CEILING));
        String range =
                max == null ? "[" + low + "]" : "[" + low + ".." + amount(max.setScale(2, RoundingMode.FLOOR)) + "]";
        String currency = query.currency();
        return "price:" + range + ",priceCurrency:"
                + (currency != null ? currency.strip().toUpperCase(Locale.ROOT) : currencyOf(marketplaceId));
    }

    /** Whether the bounds, rounded inwards to whole cents, leave no price between them. */
    static boolean emptyRange(SourceQuery query) {
        BigDecimal min = query.minPrice();
        BigDecimal max = query.maxPrice();
        return min != null
                && max != null
                && min.setScale(2, RoundingMode.CEILING).compareTo(max.setScale(2, RoundingMode.FLOOR)) > 0;
    }

    private static String amount(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** The currency eBay prices a marketplace's listings in (its marketplace ids, as sent in X-EBAY-C-MARKETPLACE-ID). */
    static String currencyOf(String marketplaceId) {
        return switch (marketplaceId) {
            case "EBAY_GB" -> "GBP";
            case "EBAY_AT", "EBAY_BE", "EBAY_DE", "EBAY_ES", "EBAY_FR", "EBAY_IE", "EBAY_IT", "EBAY_NL" -> "EUR";
            case "EBAY_CA" -> "CAD";
            case "EBAY_AU" -> "AUD";
            case "EBAY_CH" -> "CHF";
            case "EBAY_PL" -> "PLN";
            case "EBAY_HK" -> "HKD";
            case "EBAY_SG" -> "SGD";
            case "EBAY_MY" -> "MYR";
            case "EBAY_PH" -> "PHP";
            default -> "USD";
        };
    }
}
