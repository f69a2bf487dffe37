package dev.mercator.bench;

import static org.awaitility.Awaitility.await;

import dev.mercator.catalog.support.MutableClock;
import dev.mercator.dealscout.scan.ScanFixture;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.affiliate.MarketplaceAccounts;
import dev.mercator.notifications.ledger.Dispatcher;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The Deal Scout chain on a living eBay market, in one process with one simulated clock: the merchant's own eBay app
 * gets a market in the sandbox, one scan per product of it (category and brand + model, every condition), an "any
 * deal" watch on each, and deal alerts routed by e-mail. {@link #step} moves the service's {@link Clock} (which is
 * also the market's: simulated now is that clock plus any advance, ADR 27), runs one pass of the scan worker as its
 * tick would, and waits until every event and every delivery it caused is done, so that nothing is in flight when
 * time moves again (a lease would otherwise expire under a delivery). Shared by the detection and scan-to-alert
 * benchmarks and the chain's integration test.
 */
public final class DealScoutBench {

    /** The settings a suite on this harness runs with (in its {@code @TestPropertySource}). */
    public static final String PROPERTIES = "mercator.notifications.workers-enabled=false";

    /** The test profile logs every HTTP exchange; a simulated week is tens of thousands of them. */
    public static final String QUIET = "logging.level.org.zalando.logbook=WARN";

    /**
     * Replaces the service's clock by one the harness moves; the sandbox's markets read the same clock. The notification
     * dispatcher's worker takes its time from {@code Instant.now()}, not the clock, so suites using this turn the
     * workers off ({@link #PROPERTIES}) and {@link #settle} drives its passes at simulated now.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class SimulatedClock {
        @Bean
        @Primary
        MutableClock simulatedClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.HOURS));
        }
    }

    /** A deal alert as the watch tables hold it, with its delivery's sent time when it went out. */
    public record Alert(
            UUID id,
            UUID watch,
            UUID observation,
            int episode,
            String status,
            String listingId,
            BigDecimal totalPrice,
            Instant scoredAt,
            Instant createdAt,
            @Nullable Instant sentAt,
            @Nullable BigDecimal marketValue,
            @Nullable BigDecimal intervalLow,
            @Nullable Integer comps,
            @Nullable String method) {}

    /** A listing as the market's ground truth knows it. */
    public record Truth(
            String itemId,
            String productId,
            String kind,
            BigDecimal trueValue,
            BigDecimal initialTotal,
            Instant listedAt,
            @Nullable Instant vanishedAt,
            boolean shown,
            String conditionId,
            String buyingOption,
            int priceCuts) {}

    private final Api api;
    private final IntegrationTest.Tenant shop;
    private final MutableClock clock;
    private final ScanFixture scans;
    private final JdbcClient jdbc;
    private final Dispatcher dispatcher;
    private final String app;
    private final List<String> scanIds = new ArrayList<>();
    private final Map<String, String> watchByScan = new LinkedHashMap<>();
    private final Map<String, String> scanByProduct = new LinkedHashMap<>();

    private DealScoutBench(Api api, IntegrationTest.Tenant shop, ApplicationContext context, String app) {
        this.api = api;
        this.shop = shop;
        this.clock = context.getBean(MutableClock.class);
        this.scans = new ScanFixture(context);
        this.jdbc = context.getBean(JdbcClient.class);
        this.dispatcher = context.getBean(Dispatcher.class);
        this.app = app;
    }

    /**
     * The merchant's eBay app (sandbox credentials of its own) with a market of {@code shape}, a scan every
     * {@code intervalMinutes} per product, an any-deal watch at {@code minDiscount} on each, deals routed by e-mail.
     */
    public static DealScoutBench start(
            Api api,
            IntegrationTest.Tenant shop,
            ApplicationContext context,
            Map<String, Object> shape,
            int intervalMinutes,
            double minDiscount) {
        String app = "bench-" + UUID.randomUUID();
        Api.Response stored = shop.api()
                .put(
                        "/api/credentials/" + MarketplaceAccounts.credentialName(Marketplace.EBAY),
                        Map.of("clientId", app, "clientSecret", SandboxAccounts.secretFor("ebay", app)));
        expect(stored, 204);
        DealScoutBench bench = new DealScoutBench(api, shop, context, app);
        expect(api.put(bench.market(), new HashMap<>(shape)), 201);
        String destination = expect(
                        shop.api()
                                .post(
                                        "/api/notifications/destinations",
                                        Map.of(
                                                "kind",
                                                "email",
                                                "name",
                                                "deals inbox",
                                                "settings",
                                                Map.of("to", "deals@example.com"))),
                        201)
                .path("id")
                .asString();
        expect(
                shop.api()
                        .post(
                                "/api/notifications/rules",
                                Map.of(
                                        "name",
                                        "Deals",
                                        "alertTypes",
                                        List.of("dealscout.deal"),
                                        "destinations",
                                        List.of(destination))),
                201);
        for (JsonNode product : bench.products()) {
            String scan = expect(
                            shop.api()
                                    .post(
                                            "/api/deals/scans",
                                            Map.of(
                                                    "keywords",
                                                    product.path("brand").asString() + " "
                                                            + product.path("model")
                                                                    .asString(),
                                                    "categoryId",
                                                    product.path("categoryId").asString(),
                                                    "marketplaces",
                                                    List.of("ebay"),
                                                    "intervalMinutes",
                                                    intervalMinutes)),
                            201)
                    .path("id")
                    .asString();
            String watch = expect(
                            shop.api()
                                    .post(
                                            "/api/deals/watches",
                                            Map.of("scanId", scan, "minDiscount", minDiscount, "dailyCap", 1000)),
                            201)
                    .path("id")
                    .asString();
            bench.scanIds.add(scan);
            bench.watchByScan.put(scan, watch);
            bench.scanByProduct.put(product.path("id").asString(), scan);
        }
        return bench;
    }

    String market() {
        return "/sandbox/ebay/_sim/markets/" + app;
    }

    public List<JsonNode> products() {
        return expect(api.get(market()), 200).path("products").valueStream().toList();
    }

    public Instant now() {
        return clock.instant();
    }

    public int scans() {
        return scanIds.size();
    }

    /** Moves simulated time by {@code by}, runs one scan-worker pass and waits for the chain; how many scans ran. */
    public int step(Duration by) {
        clock.advance(by);
        int ran = scans.runDue();
        settle();
        return ran;
    }

    /** Lists a planted deal or scam of the product now; its truth. */
    public Truth plant(String kind, String productId) {
        return truth(expect(api.post(market() + "/plant", Map.of("kind", kind, "productId", productId)), 201));
    }

    /** Every listing the market ever had. */
    public List<Truth> truth() {
        return expect(api.get(market() + "/truth"), 200)
                .path("listings")
                .valueStream()
                .map(DealScoutBench::truth)
                .toList();
    }

    private static Truth truth(JsonNode l) {
        return new Truth(
                l.path("itemId").asString(),
                l.path("productId").asString(),
                l.path("kind").asString(),
                new BigDecimal(l.path("trueValue").asString()),
                new BigDecimal(l.path("initialPrice").asString())
                        .add(new BigDecimal(l.path("shipping").asString())),
                Instant.parse(l.path("listedAt").asString()),
                l.path("vanishedAt").isNull()
                        ? null
                        : Instant.parse(l.path("vanishedAt").asString()),
                l.path("shown").asBoolean(),
                l.path("conditionId").asString(),
                l.path("buyingOption").asString(),
                l.path("priceCuts").asInt());
    }

    /** The merchant's deal alerts with, for those raised into the alert centre, their e-mail's sent time. */
    public List<Alert> alerts() {
        return jdbc.sql("""
                        select a.id, a.watch_id, a.observation_id, a.episode, a.status, a.listing_id, a.total_price,
                               a.scored_at, a.created_at, a.market_value, a.interval_low, a.comps, a.method,
                               (select min(d.sent_at) from notification_deliveries d join alerts c on c.id = d.alert_id
                                where d.merchant_id = a.merchant_id and c.type = 'dealscout.deal'
                                  and c.details like '%' || cast(a.id as varchar(36)) || '%') as sent_at
                        from dealscout_deal_alerts a where a.merchant_id = cast(:m as uuid)
                        order by a.created_at""")
                .param("m", shop.id())
                .query((rs, i) -> new Alert(
                        rs.getObject("id", UUID.class),
                        rs.getObject("watch_id", UUID.class),
                        rs.getObject("observation_id", UUID.class),
                        rs.getInt("episode"),
                        rs.getString("status"),
                        rs.getString("listing_id"),
                        rs.getBigDecimal("total_price"),
                        rs.getTimestamp("scored_at").toInstant(),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("sent_at") == null
                                ? null
                                : rs.getTimestamp("sent_at").toInstant(),
                        rs.getBigDecimal("market_value"),
                        rs.getBigDecimal("interval_low"),
                        (Integer) rs.getObject("comps"),
                        rs.getString("method")))
                .list();
    }

    /** The merchant's e-mail deliveries of deal alerts (one per alert centre alert and destination). */
    public long dealDeliveries() {
        return jdbc.sql("""
                        select count(*) from notification_deliveries d join alerts a on a.id = d.alert_id
                        where d.merchant_id = cast(:m as uuid) and a.type = 'dealscout.deal'""").param("m", shop.id()).query(Long.class).single();
    }

    /** Listings the watches listed as too good to check (never alerted). */
    public List<String> tooGood() {
        return jdbc.sql("""
                        select t.listing_id from dealscout_watch_too_good t join dealscout_watches w on w.id = t.watch_id
                        where w.merchant_id = cast(:m as uuid)""").param("m", shop.id()).query(String.class).list();
    }

    /** Observations the scans stored, by listing id, so a truth row can be matched to what Mercator saw. */
    public long observations() {
        return jdbc.sql("select count(*) from dealscout_observations where merchant_id = cast(:m as uuid)")
                .param("m", shop.id())
                .query(Long.class)
                .single();
    }

    /** Until no event about the merchant is outstanding and none of its deliveries is waiting to go or going. */
    public void settle() {
        try {
            awaitSettled();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException(
                    "not settled: events "
                            + jdbc.sql("select listener_id || ' ' || event_type from event_publication"
                                            + " where completion_date is null and serialized_event like :m")
                                    .param("m", "%" + shop.id() + "%")
                                    .query(String.class)
                                    .list()
                            + ", deliveries "
                            + jdbc.sql(
                                            "select status || ' next ' || cast(next_attempt_at as varchar(40)) || ' '"
                                                    + " || coalesce(last_error, '') from notification_deliveries"
                                                    + " where merchant_id = cast(:m as uuid) and status in ('pending', 'sending')")
                                    .param("m", shop.id())
                                    .query(String.class)
                                    .list()
                            + " at " + clock.instant(),
                    e);
        }
    }

    /**
     * One dispatcher pass at simulated now; deliveries still waiting for their pace (a destination's next send is
     * some milliseconds on) move the clock on by 100 ms, as time passes while a real dispatcher drains them.
     */
    private boolean dispatched() {
        dispatcher.pass(clock.instant());
        boolean paced = jdbc.sql("select count(*) from notification_deliveries where merchant_id = cast(:m as uuid)"
                                + " and status = 'pending' and next_attempt_at > :now")
                        .param("m", shop.id())
                        .param("now", java.sql.Timestamp.from(clock.instant()))
                        .query(Long.class)
                        .single()
                > 0;
        if (paced) {
            clock.advance(Duration.ofMillis(100));
        }
        return true;
    }

    private void awaitSettled() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> dispatched()
                        && jdbc.sql("select count(*) from event_publication where completion_date is null"
                                                + " and serialized_event like :m")
                                        .param("m", "%" + shop.id() + "%")
                                        .query(Long.class)
                                        .single()
                                == 0
                        && jdbc.sql("select count(*) from notification_deliveries where merchant_id = cast(:m as uuid)"
                                                + " and status in ('pending', 'sending')")
                                        .param("m", shop.id())
                                        .query(Long.class)
                                        .single()
                                == 0);
    }

    static JsonNode expect(Api.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + response);
        }
        return response.status() == 204
                ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : response.json();
    }
}
