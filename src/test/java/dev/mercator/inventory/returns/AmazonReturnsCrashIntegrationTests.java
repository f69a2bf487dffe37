package dev.mercator.inventory.returns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.Eventually;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.LiveAgainstSimulators;
import dev.mercator.support.MerchantFixture;
import dev.mercator.support.MerchantFixture.AmazonSeller;
import dev.mercator.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Mercator is killed with SIGKILL while it applies a large Amazon FBA customer returns report, twice, and restarted on
 * the same database; every return must then be recorded exactly once, routed once (claim and held alerts once each,
 * nothing in physical from FBA returns, the FBA pool as Amazon reports it) and, once inspected, restocked once. The
 * simulated Amazon runs in a process of its own, so the kill cannot take it along, and its report keeps every row, so
 * each restart reads the same document again.
 *
 * <p>The kill lands mid-document on a signal read from the database, not on a timer: {@link #midDocument} is true
 * while the report's transaction has written some of its rows but not committed (H2: a dirty read counts them;
 * PostgreSQL, which has no dirty reads, in the subclass). After each kill the test checks that nothing of the document
 * was committed, so it knows the kill did land in the middle.
 */
class AmazonReturnsCrashIntegrationTests {

    static final int FBA_RETURNS = 4000;
    static final int MFN_RETURNS = 24;
    static final int START = 100;
    static final List<String> FBA_SKUS = List.of("RK-F0", "RK-F1", "RK-F2", "RK-F3", "RK-F4");
    static final List<String> MFN_SKUS = List.of("RK-M0", "RK-M1", "RK-M2");
    /** Cycled over the FBA returns: sellable, three claimable, two damaged, one written off silently, one unknown. */
    static final List<String> DISPOSITIONS = List.of(
            "SELLABLE",
            "CARRIER_DAMAGED",
            "CUSTOMER_DAMAGED",
            "WAREHOUSE_DAMAGED",
            "DEFECTIVE",
            "DISTRIBUTOR_DAMAGED",
            "EXPIRED",
            "NOT_A_DISPOSITION");

    private static final DateTimeFormatter REPORT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.UTC);

    private Path h2;

    /** Where the Mercator under test keeps its data across the kills: an H2 file here; PostgreSQL in the subclass. */
    protected Map<String, String> database() throws Exception {
        h2 = Files.createTempDirectory("mercator-returns-crash").resolve("mercator");
        // AUTO_SERVER: the Mercator process owns the file and serves it, so this test can read it while it runs.
        return Map.of("MERCATOR_DB_URL", h2Url());
    }

    private String h2Url() {
        return "jdbc:h2:file:" + h2
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;AUTO_SERVER=TRUE";
    }

    /** A connection of the test's own to the database of the Mercator under test. */
    protected Connection connect(Map<String, String> database) throws SQLException {
        return DriverManager.getConnection(h2Url() + ";IFEXISTS=TRUE", "sa", "");
    }

    /**
     * Whether the FBA report's transaction has written some but not all of its {@code total} rows and not committed.
     * H2 reads them dirty; committed, all {@code total} would show.
     */
    protected boolean midDocument(Connection connection, String merchantId, int total) throws SQLException {
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
        long written = count(
                connection,
                "select count(*) from inventory_returns where merchant_id = ? and origin = 'amazon_fba_report'",
                merchantId);
        return written > 0 && written < total;
    }

    @Test
    void killedTwiceMidReportThenRestartedAppliesEachReturnOnce() throws Exception {
        Map<String, String> simulators = new HashMap<>(LiveAgainstSimulators.simulators());
        simulators.put("MERCATOR_SANDBOX_AMAZON_FEED_PROCESSING_DELAY", "200ms");
        try (ServiceProcess outside = ServiceProcess.start(simulators)) {
            Api world = outside.api();
            Map<String, String> database = database();
            Map<String, String> environment = new HashMap<>(LiveAgainstSimulators.mercator(database, outside.port()));
            environment.put("MERCATOR_RETURNS_REPORT_INTERVAL", "2s");
            environment.put("MERCATOR_AMAZON_FEED_POLL_INTERVAL", "100ms");
            environment.put("MERCATOR_AMAZON_ORDERS_POLL_INTERVAL", "1h");
            int port = ServiceProcess.freePort();

            AmazonSeller amazon = AmazonSeller.random("amzn1.application-oa2-client.rkill", "rkill-secret");
            String sellerId = amazon.sellerId();
            List<Map<String, Object>> listings = new ArrayList<>();
            for (String sku : concat(FBA_SKUS, MFN_SKUS)) {
                listings.add(Map.of("sku", sku, "quantity", START, "productType", "PRODUCT"));
            }
            expect(world.post("/sandbox/amazon/_sim/sellers", amazon.registration(listings)));

            // Every return is in Amazon before Mercator first asks: the first report carries all of them.
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Set<String> fbaKeys = new HashSet<>();
            Map<String, Integer> claims = new HashMap<>();
            int held = 0;
            Map<String, int[]> pool = new HashMap<>();
            List<Map<String, Object>> seeds = new ArrayList<>();
            for (int i = 0; i < FBA_RETURNS; i++) {
                String order = String.format("114-%07d-%07d", i / 1000, i);
                String sku = FBA_SKUS.get(i % FBA_SKUS.size());
                String disposition = DISPOSITIONS.get(i % DISPOSITIONS.size());
                int quantity = 1 + i % 3;
                String lpn = "LPNRK" + i;
                // Spread over 20 days: far older than the 3-day overlap, so a window moved past unapplied rows loses
                // them.
                Instant at = now.minus(Duration.ofMinutes(5 + (long) i * 7));
                seeds.add(seed("AMAZON", order, sku, quantity, disposition, lpn, at));
                fbaKeys.add("amazon-fba:" + String.join("|", order, sku, lpn, REPORT_TIME.format(at)) + "|1");
                switch (disposition) {
                    case "CARRIER_DAMAGED", "WAREHOUSE_DAMAGED", "DISTRIBUTOR_DAMAGED" ->
                        claims.merge(order, 1, Integer::sum);
                    case "NOT_A_DISPOSITION" -> held++;
                    default -> {}
                }
                int[] units = pool.computeIfAbsent(sku, s -> new int[2]);
                units[disposition.equals("SELLABLE") ? 0 : 1] += quantity;
            }
            Map<String, Integer> mfnUnits = new HashMap<>();
            Set<String> mfnOrders = new HashSet<>();
            for (int i = 0; i < MFN_RETURNS; i++) {
                String order = String.format("113-%07d-%07d", 9, i);
                String sku = MFN_SKUS.get(i % MFN_SKUS.size());
                int quantity = 1 + i % 2;
                seeds.add(seed("MERCHANT", order, sku, quantity, "SELLABLE", "", now.minus(Duration.ofHours(1 + i))));
                mfnUnits.merge(sku, quantity, Integer::sum);
                mfnOrders.add(order);
            }
            try (ExecutorService seeders = Executors.newFixedThreadPool(8)) {
                List<Future<?>> created = new ArrayList<>();
                for (Map<String, Object> seed : seeds) {
                    created.add(seeders.submit(
                            () -> expect(world.post("/sandbox/amazon/_sim/sellers/" + sellerId + "/returns", seed))));
                }
                for (Future<?> done : created) {
                    done.get();
                }
            }

            String apiKey;
            String merchantId;
            try (ServiceProcess first = ServiceProcess.start(environment, port)) {
                Api admin = first.api().asAdmin(IntegrationTest.ADMIN_TOKEN);
                JsonNode merchant = expect(admin.post("/api/admin/merchants", Map.of("name", "Killed Mid-Report")));
                apiKey = merchant.get("apiKey").asString();
                merchantId = merchant.get("id").asString();
                Api seller = first.api().asMerchant(apiKey);
                for (String sku : concat(FBA_SKUS, MFN_SKUS)) {
                    expect(seller.put("/api/inventory/" + sku, Map.of("physical", START)));
                    expect(seller.post(
                            "/api/mapping", Map.of("sku", sku, "asin", "B0RKILL001", "amazonSellerSku", sku)));
                }
                MerchantFixture.connect(seller, amazon);
                killMidDocument(first, database, merchantId);
            }
            // Killed twice: the restarted process repeats the same window and dies in the same document again.
            try (ServiceProcess second = ServiceProcess.start(environment, port)) {
                killMidDocument(second, database, merchantId);
            }

            try (ServiceProcess third = ServiceProcess.start(environment, port)) {
                Api seller = third.api().asMerchant(apiKey);
                int total = FBA_RETURNS + MFN_RETURNS;
                assertThat(Eventually.holds(
                                Duration.ofMinutes(4),
                                Duration.ofMillis(500),
                                () -> seller.get("/api/returns?size=1")
                                                .json()
                                                .get("total")
                                                .asLong()
                                        >= total))
                        .as("all returns recorded after the restart")
                        .isTrue();
                // One more pass over the same window after everything was applied: a repeat adds nothing either.
                Instant applied = watermark(database, merchantId);
                assertThat(Eventually.holds(
                                Duration.ofMinutes(2),
                                Duration.ofMillis(250),
                                () -> watermark(database, merchantId).isAfter(applied)))
                        .as("a later pass re-read the window")
                        .isTrue();

                assertThat(seller.get("/api/returns?size=1").json().get("total").asLong())
                        .isEqualTo(total);
                int claimCount = claims.size();
                int heldCount = held + MFN_RETURNS;
                // Hundreds of alerts raised by asynchronous listeners of a second JVM: on two loaded cores that has
                // taken over two minutes. The wait ends as soon as they are all there.
                assertThat(Eventually.holds(
                                Duration.ofMinutes(6),
                                Duration.ofMillis(500),
                                () -> alerts(seller, "returns.reimbursement_claim") >= claimCount
                                        && alerts(seller, "returns.held") >= heldCount))
                        .as(
                                "claim and held alerts raised: %s of %s claims, %s of %s held",
                                alerts(seller, "returns.reimbursement_claim"),
                                claimCount,
                                alerts(seller, "returns.held"),
                                heldCount)
                        .isTrue();

                // FBA returns never touch physical; the pool is what Amazon holds, not Amazon's plus the returns.
                for (String sku : FBA_SKUS) {
                    assertThat(physical(seller, sku)).as("physical of %s", sku).isEqualTo(START);
                    JsonNode fba = seller.get("/api/returns/fba-pool?sku=" + sku)
                            .json()
                            .get(0);
                    assertThat(fba.get("fbaFulfillable").asInt())
                            .as("FBA fulfillable of %s", sku)
                            .isEqualTo(pool.get(sku)[0]);
                    assertThat(fba.get("fbaUnfulfillable").asInt())
                            .as("FBA unfulfillable of %s", sku)
                            .isEqualTo(pool.get(sku)[1]);
                }
                // Merchant-fulfilled returns of orders Mercator never saw wait, held; inspected sellable, each
                // restocks once.
                int inspected = 0;
                for (String sku : MFN_SKUS) {
                    for (JsonNode item : seller.get("/api/returns?size=200&status=held&sku=" + sku)
                            .json()
                            .get("items")) {
                        expect(seller.post(
                                "/api/returns/" + item.get("id").asString() + "/inspect",
                                Map.of("disposition", "SELLABLE")));
                        inspected++;
                    }
                }
                assertThat(inspected).isEqualTo(MFN_RETURNS);
                for (String sku : MFN_SKUS) {
                    assertThat(physical(seller, sku)).as("physical of %s", sku).isEqualTo(START + mfnUnits.get(sku));
                }
                assertThat(alerts(seller, "returns.reimbursement_claim")).isEqualTo(claimCount);
                assertThat(alerts(seller, "returns.held")).isEqualTo(heldCount);
            }

            // Row by row, from the database the three processes shared.
            try (Connection db = connect(database)) {
                db.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                assertThat(strings(
                                db,
                                "select dedup_key from inventory_returns where merchant_id = ? group by dedup_key"
                                        + " having count(*) > 1",
                                merchantId))
                        .as("keys recorded twice")
                        .isEmpty();
                assertThat(new HashSet<>(strings(
                                db,
                                "select dedup_key from inventory_returns where merchant_id = ?"
                                        + " and origin = 'amazon_fba_report'",
                                merchantId)))
                        .as("FBA returns by their key")
                        .isEqualTo(fbaKeys);
                assertThat(strings(
                                db,
                                "select order_id from inventory_returns where merchant_id = ?"
                                        + " and origin = 'amazon_mfn_report'",
                                merchantId))
                        .as("merchant-fulfilled returns, one per order")
                        .hasSize(MFN_RETURNS)
                        .containsExactlyInAnyOrderElementsOf(mfnOrders);
                assertThat(count(
                                db,
                                "select count(*) from inventory_ledger where merchant_id = ?"
                                        + " and source_event_id like 'return:%'",
                                merchantId))
                        .as("restock ledger entries: one per inspected merchant-fulfilled return, none for FBA")
                        .isEqualTo(MFN_RETURNS);
                assertThat(count(
                                db,
                                "select count(distinct source_event_id) from inventory_ledger where merchant_id = ?"
                                        + " and source_event_id like 'return:%'",
                                merchantId))
                        .isEqualTo(MFN_RETURNS);
                assertThat(count(
                                db,
                                "select count(*) from alerts where merchant_id = ? and type = 'returns.reimbursement_claim'"
                                        + " and occurrences <> 1",
                                merchantId))
                        .as("claim alerts raised more than once")
                        .isZero();
                assertThat(count(
                                db,
                                "select count(*) from alerts a where a.merchant_id = ?"
                                        + " and a.type = 'returns.reimbursement_claim' and not exists (select 1 from"
                                        + " inventory_returns r where r.merchant_id = a.merchant_id"
                                        + " and a.subject = concat('return ', cast(r.id as varchar(36))))",
                                merchantId))
                        .as("claim alerts of returns that were rolled back")
                        .isZero();
            }
        }
    }

    /** Waits until the report's transaction is in the middle of its rows, kills, and checks none of them committed. */
    private void killMidDocument(ServiceProcess process, Map<String, String> database, String merchantId)
            throws Exception {
        boolean caught = Eventually.holds(Duration.ofMinutes(3), Duration.ofMillis(20), () -> {
            try (Connection db = connect(database)) {
                return midDocument(db, merchantId, FBA_RETURNS);
            }
        });
        assertThat(caught).as("the FBA report's rows were seen in flight").isTrue();
        process.kill();
        try (Connection db = connect(database)) {
            db.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(count(
                            db,
                            "select count(*) from inventory_returns where merchant_id = ?"
                                    + " and origin = 'amazon_fba_report'",
                            merchantId))
                    .as("FBA rows committed by the killed process: the kill must land mid-document")
                    .isZero();
        }
    }

    private Instant watermark(Map<String, String> database, String merchantId) throws SQLException {
        try (Connection db = connect(database);
                PreparedStatement query = db.prepareStatement("select data_end from amazon_return_watermarks"
                        + " where merchant_id = ? and report_type = 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA'")) {
            query.setObject(1, java.util.UUID.fromString(merchantId));
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : Instant.EPOCH;
            }
        }
    }

    static long count(Connection db, String sql, String merchantId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, java.util.UUID.fromString(merchantId));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> strings(Connection db, String sql, String merchantId) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, java.util.UUID.fromString(merchantId));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private static long alerts(Api seller, String type) {
        return seller.get("/api/alerts?size=1&type=" + type).json().get("total").asLong();
    }

    private static int physical(Api seller, String sku) {
        return seller.get("/api/inventory/" + sku).json().get("physical").asInt();
    }

    private static Map<String, Object> seed(
            String fulfilledBy, String order, String sku, int quantity, String disposition, String lpn, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fulfilledBy", fulfilledBy);
        body.put("orderId", order);
        body.put("sku", sku);
        body.put("quantity", quantity);
        body.put("disposition", disposition);
        body.put("reason", "DEFECTIVE_OR_DAMAGED");
        if (!lpn.isEmpty()) {
            body.put("licensePlateNumber", lpn);
        }
        body.put("returnDate", at.toString());
        return body;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static JsonNode expect(Api.Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException("unexpected answer: " + response);
        }
        return response.raw().length == 0 ? tools.jackson.databind.node.NullNode.getInstance() : response.json();
    }
}
