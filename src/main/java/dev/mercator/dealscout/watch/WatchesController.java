package dev.mercator.dealscout.watch;

import dev.mercator.audit.AuditedChange;
import dev.mercator.dealscout.valuation.ValuationSettings;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A merchant's deal watches: only the merchant's own; another merchant's watch (or scan) is not found. */
@RestController
@RequestMapping(path = "/api/deals/watches", produces = "application/json")
@Tag(name = "Deal Scout")
class WatchesController {

    private static final Set<String> FIELDS = Arrays.stream(WatchRequest.class.getRecordComponents())
            .map(component -> component.getName())
            .collect(Collectors.toUnmodifiableSet());

    private final Watches watches;
    private final DealAlerts alerts;
    private final WatchSettings settings;
    private final ValuationSettings valuation;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WatchesController(
            Watches watches,
            DealAlerts alerts,
            WatchSettings settings,
            ValuationSettings valuation,
            JdbcClient jdbc,
            JsonMapper json,
            ApplicationEventPublisher events,
            Clock clock) {
        this.watches = watches;
        this.alerts = alerts;
        this.settings = settings;
        this.valuation = valuation;
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /** The product a watch is on, as given and as normalised for matching. */
    record ProductView(
            String kind,
            String key,
            @Nullable String gtin,
            @Nullable String brand,
            @Nullable String model,
            @Nullable String keywords) {}

    /** What the watch's alerts came to, and the merchant's feedback on them. */
    record StatsView(
            long alertsSent,
            long heldByCap,
            Map<String, Long> feedback,
            long rated,
            @Nullable Double precision) {}

    record WatchView(
            UUID id,
            String name,
            @Nullable UUID scanId,
            @Nullable ProductView product,
            String mode,
            @Nullable BigDecimal targetPrice,
            @Nullable String currency,
            @Nullable Double minDiscount,
            int dailyCap,
            String timeZone,
            boolean active,
            Instant createdAt,
            Instant updatedAt,
            StatsView stats) {}

    /** A listing the watch matched that scored too good to be a deal. */
    record TooGoodView(
            UUID observationId,
            String marketplace,
            String listingId,
            String title,
            @Nullable String url,
            BigDecimal totalPrice,
            String currency,
            @Nullable BigDecimal marketValue,
            double robustZ,
            double discount,
            Instant scoredAt,
            String evidence) {}

    @Operation(
            operationId = "createDealWatch",
            summary = "Watch a scan or a product for deals: a target price or any deal with a minimum discount",
            description = """
                    Body: `{"scanId": "…"}` or a product (`{"gtin": "…"}`, `{"brand": "Sony", "model": "WH-1000XM5"}` \
                    or `{"keywords": "thinkpad x1 carbon"}`), and `{"targetPrice": 250, "currency": "EUR"}` (a deal is \
                    a total at or below it) or nothing / `{"minDiscount": 0.2}` for any deal (a total below the \
                    interval's low end and at least this far below the market value, valued on the listing's own pool; default the valuation's \
                    `default-min-discount`). Optional `name`, `dailyCap`, `timeZone` (IANA, default UTC: the days the cap and the digest count), `active`. Alerts are `dealscout.deal` alerts \
                    in the alert centre, delivered by the merchant's notification rules. Another merchant's or an \
                    unknown scan: 404. Both or neither of scan and product, a target not above 0, a discount outside \
                    (0, 1): 400 with `errors[]`, nothing stored. A merchant at its watch limit: 409.""")
    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    WatchView create(@RequestBody JsonNode body) {
        MerchantId merchant = CurrentMerchant.require();
        WatchSpec spec = read(body).validate(settings, valuation.defaultMinDiscount());
        checkScan(merchant, spec);
        if (watches.countLocked(merchant) >= settings.maxPerMerchant()) {
            throw ApiProblem.conflict("A merchant may keep at most " + settings.maxPerMerchant() + " watches")
                    .with("limit", settings.maxPerMerchant());
        }
        Watch watch = watches.insert(merchant, spec, clock.instant());
        audit(merchant, watch.id(), "deal_watch.created", null, spec);
        return view(watch);
    }

    @Operation(operationId = "listDealWatches", summary = "The merchant's watches, oldest first, with their stats")
    @GetMapping
    List<WatchView> list() {
        return watches.list(CurrentMerchant.require()).stream().map(this::view).toList();
    }

    @Operation(
            operationId = "getDealWatch",
            summary = "One watch: what it looks for, alerts sent, held by its cap, feedback per verdict and precision")
    @GetMapping("/{id}")
    WatchView get(@PathVariable UUID id) {
        return view(find(CurrentMerchant.require(), id));
    }

    @Operation(
            operationId = "listDealWatchAlerts",
            summary = "A watch's alerts, oldest first, each with its evidence, cap status and feedback")
    @GetMapping("/{id}/alerts")
    List<DealAlerts.DealAlert> alerts(@PathVariable UUID id) {
        MerchantId merchant = CurrentMerchant.require();
        return alerts.ofWatch(merchant, find(merchant, id).id());
    }

    @Operation(
            operationId = "listDealWatchTooGood",
            summary = "Listings the watch matched that scored too good to be true: never alerted, check them yourself")
    @GetMapping("/{id}/too-good")
    List<TooGoodView> tooGood(@PathVariable UUID id) {
        Watch watch = find(CurrentMerchant.require(), id);
        return jdbc.sql("select * from dealscout_watch_too_good where watch_id = :watch order by scored_at desc")
                .param("watch", watch.id())
                .query((rs, n) -> {
                    UUID observation = rs.getObject("observation_id", UUID.class);
                    return new TooGoodView(
                            observation,
                            rs.getString("marketplace"),
                            rs.getString("listing_id"),
                            rs.getString("title"),
                            rs.getString("url"),
                            rs.getBigDecimal("total_price"),
                            rs.getString("currency"),
                            rs.getBigDecimal("market_value"),
                            rs.getDouble("robust_z"),
                            rs.getDouble("discount"),
                            rs.getTimestamp("scored_at").toInstant(),
                            DealAlerts.evidenceLink(observation));
                })
                .list();
    }

    @Operation(
            operationId = "updateDealWatch",
            summary = "Change a watch (JSON merge patch: fields given replace, null clears)",
            description = """
                    The watch after the patch is validated as a whole, like a new one. Listings it already alerted on \
                    stay disarmed until they leave its (new) band.""")
    @PatchMapping(
            path = "/{id}",
            consumes = {"application/json", "application/merge-patch+json"})
    @Transactional
    WatchView update(
            @PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @io.swagger.v3.oas.annotations.media.Content(
                                            schema =
                                                    @io.swagger.v3.oas.annotations.media.Schema(
                                                            implementation = WatchRequest.class)))
                    @RequestBody
                    JsonNode patch) {
        MerchantId merchant = CurrentMerchant.require();
        Watch before = find(merchant, id);
        if (!patch.isObject()) {
            throw WatchRequest.invalid(List.of(Map.of("field", "body", "message", "must be a JSON object")));
        }
        unknownFields(patch);
        ObjectNode merged = json.valueToTree(WatchRequest.of(before.spec()));
        if (patch.has("targetPrice") && !patch.get("targetPrice").isNull() && !patch.has("minDiscount")) {
            merged.putNull("minDiscount");
        }
        merged.setAll((ObjectNode) patch);
        WatchSpec spec = read(merged).validate(settings, valuation.defaultMinDiscount());
        checkScan(merchant, spec);
        watches.update(merchant, id, spec, clock.instant());
        audit(merchant, id, "deal_watch.updated", before.spec(), spec);
        return view(find(merchant, id));
    }

    @Operation(
            operationId = "deleteDealWatch",
            summary = "Delete a watch: it alerts no more; its alerts and their feedback go with it")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void delete(@PathVariable UUID id) {
        MerchantId merchant = CurrentMerchant.require();
        Watch before = find(merchant, id);
        if (!watches.delete(merchant, id)) {
            throw ApiProblem.notFound("No watch " + id);
        }
        audit(merchant, id, "deal_watch.deleted", before.spec(), null);
    }

    private WatchRequest read(JsonNode body) {
        if (!body.isObject()) {
            throw WatchRequest.invalid(List.of(Map.of("field", "body", "message", "must be a JSON object")));
        }
        unknownFields(body);
        try {
            return json.treeToValue(body, WatchRequest.class);
        } catch (RuntimeException unreadable) {
            throw WatchRequest.invalid(List.of(Map.of("field", "body", "message", "a field has the wrong type")));
        }
    }

    private static void unknownFields(JsonNode body) {
        List<Map<String, String>> unknown = new ArrayList<>();
        body.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                WatchRequest.error(unknown, name, "unknown field");
            }
        });
        if (!unknown.isEmpty()) {
            throw WatchRequest.invalid(unknown);
        }
    }

    private void checkScan(MerchantId merchant, WatchSpec spec) {
        UUID scan = spec.scanId();
        if (scan != null && !watches.ownsScan(merchant, scan)) {
            throw ApiProblem.notFound("No scan " + scan);
        }
    }

    private Watch find(MerchantId merchant, UUID id) {
        return watches.find(merchant, id).orElseThrow(() -> ApiProblem.notFound("No watch " + id));
    }

    private void audit(
            MerchantId merchant, UUID watch, String action, @Nullable WatchSpec before, @Nullable WatchSpec after) {
        events.publishEvent(AuditedChange.of(
                merchant,
                "deal_watch:" + watch,
                action,
                before == null ? null : WatchRequest.of(before),
                after == null ? null : WatchRequest.of(after)));
    }

    private WatchView view(Watch watch) {
        WatchSpec spec = watch.spec();
        DealAlerts.Stats stats = alerts.stats(watch.id());
        Map<String, Long> feedback = new LinkedHashMap<>();
        stats.feedback().forEach((verdict, count) -> feedback.put(verdict.id(), count));
        String kind = spec.productKind();
        String key = spec.productKey();
        return new WatchView(
                watch.id(),
                spec.name(),
                spec.scanId(),
                kind == null || key == null
                        ? null
                        : new ProductView(kind, key, spec.gtin(), spec.brand(), spec.model(), spec.keywords()),
                spec.targeted() ? "target_price" : "any_deal",
                spec.targetPrice(),
                spec.currency(),
                spec.minDiscount(),
                spec.dailyCap(),
                spec.timeZone(),
                spec.active(),
                watch.createdAt(),
                watch.updatedAt(),
                new StatsView(stats.sent(), stats.heldByCap(), feedback, stats.rated(), stats.precision()));
    }
}
