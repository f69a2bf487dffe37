package dev.mercator.bench;

import dev.mercator.sandbox.catalog.GeneratedCatalog;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import dev.mercator.support.PostgresSchema;
import dev.mercator.support.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/**
 * What the catalog benchmarks share: a Mercator process on PostgreSQL with its marketplace simulators, merchants, the
 * search request, a query list, and the simulators' own call counters. Only the HTTP API and settings are used, so the
 * benchmarks survive changes to the breaker and the adapters behind them.
 */
final class CatalogBench {

    /** The simulators' default accounts, which Mercator uses in sandbox mode for a merchant without its own. */
    static final Map<String, String> DEFAULT_ACCOUNTS = Map.of(
            "amazon", SandboxAccounts.DEFAULTS.get("amazon-creators")[0],
            "aliexpress", SandboxAccounts.DEFAULTS.get("aliexpress")[0],
            "ebay", SandboxAccounts.DEFAULTS.get("ebay")[0]);

    /** Where each marketplace's simulator serves (Amazon: the Creators API, the default Amazon provider). */
    static final Map<String, String> SIMULATOR = Map.of(
            "amazon", "amazon-creators",
            "aliexpress", "aliexpress",
            "ebay", "ebay");

    static final List<String> PROVIDERS = List.of("amazon", "aliexpress", "ebay");

    // The simulated catalogue's vocabulary: titles are brand, kind and colour.
    private static final List<String> BRANDS = GeneratedCatalog.BRANDS;
    private static final List<String> KINDS = GeneratedCatalog.KINDS;
    private static final List<String> COLOURS = GeneratedCatalog.COLOURS;

    private CatalogBench() {}

    /**
     * A process on PostgreSQL with Mercator's own limits (API keys, provider buckets, daily quotas) and the Amazon
     * simulator's rate raised out of the way, background work off and exchange logging off, plus {@code extra}.
     */
    static ServiceProcess start(String name, Map<String, String> extra) throws IOException, InterruptedException {
        Map<String, String> environment =
                new HashMap<>(PostgresSchema.processEnvironment(name + "_" + System.currentTimeMillis()));
        environment.put("MERCATOR_ADMIN_TOKEN", IntegrationTest.ADMIN_TOKEN);
        environment.put("MERCATOR_ENCRYPTION_KEY", IntegrationTest.ENCRYPTION_KEY);
        environment.put("MERCATOR_RATE_LIMIT_PER_KEY", "100000000");
        environment.put("MERCATOR_RATE_LIMIT_PER_IP", "100000000");
        environment.put("MERCATOR_INVENTORY_WORKERS_ENABLED", "false");
        environment.put("MERCATOR_CATALOG_REFRESH_ENABLED", "false");
        // The test server's connection limit is shared by everyone building on this machine.
        environment.put("MERCATOR_DB_POOL_SIZE", "10");
        environment.put("LOGGING_LEVEL_ROOT", "WARN");
        // Every HTTP exchange with a provider is logged at TRACE by default; the measurement leaves that out.
        environment.put("LOGGING_LEVEL_ORG_ZALANDO_LOGBOOK", "INFO");
        for (String provider : PROVIDERS) {
            String prefix = "MERCATOR_CATALOG_" + provider.toUpperCase(java.util.Locale.ROOT) + "_";
            environment.put(prefix + "RATE_PER_SECOND", "100000");
            environment.put(prefix + "BURST", "100000");
            environment.put(prefix + "DAILY_QUOTA", "100000000");
        }
        environment.put("MERCATOR_SANDBOX_CATALOG_AMAZON_TPS", "100000");
        environment.putAll(extra);
        return ServiceProcess.start(environment);
    }

    /** A new merchant; returns its API key. */
    static String merchant(ServiceProcess mercator, String name) {
        JsonNode created = expect(
                mercator.api().asAdmin(IntegrationTest.ADMIN_TOKEN).post("/api/admin/merchants", Map.of("name", name)));
        return created.get("apiKey").asString();
    }

    /**
     * A merchant with an AliExpress app key of its own. The AliExpress simulator allows each app key two calls a
     * second, as AliExpress does, and that setting is not configurable; spreading searches over merchants with their own
     * keys keeps that bucket from dominating a benchmark about something else.
     */
    static String merchantWithOwnAliExpressKey(ServiceProcess mercator, String name, int number) {
        String apiKey = merchant(mercator, name);
        String appKey = Long.toString(800_000 + number);
        Api.Response stored = mercator.api()
                .asMerchant(apiKey)
                .put(
                        "/api/credentials/catalog-aliexpress",
                        Map.of("appKey", appKey, "appSecret", SandboxAccounts.secretFor("aliexpress", appKey)));
        if (stored.status() != 204) {
            throw new IllegalStateException("could not store AliExpress credentials: " + stored);
        }
        return apiKey;
    }

    static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static HttpRequest search(int port, String apiKey, String keywords) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/products/search?q="
                        + URLEncoder.encode(keywords, StandardCharsets.UTF_8)))
                .header("X-Api-Key", apiKey)
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
    }

    /**
     * Distinct queries that the simulated catalogue answers (brand and kind, then brand, kind and colour), in a fixed
     * shuffled order so runs are comparable.
     */
    static List<String> queries() {
        List<String> pairs = new ArrayList<>();
        List<String> triples = new ArrayList<>();
        for (String brand : BRANDS) {
            for (String kind : KINDS) {
                pairs.add(brand + " " + kind);
                for (String colour : COLOURS) {
                    triples.add(brand + " " + kind + " " + colour);
                }
            }
        }
        Collections.shuffle(pairs, new Random(4));
        Collections.shuffle(triples, new Random(4));
        List<String> all = new ArrayList<>(pairs);
        all.addAll(triples);
        return all;
    }

    /**
     * Requests each simulator has received from the given accounts (search calls, detail calls, throttled ones),
     * without token requests; provider name to count.
     */
    static Map<String, Long> upstreamCalls(ServiceProcess mercator, Map<String, List<String>> accounts) {
        Map<String, Long> calls = new LinkedHashMap<>();
        for (String provider : PROVIDERS) {
            long total = 0;
            for (String account : accounts.getOrDefault(provider, List.of())) {
                JsonNode stats = expect(mercator.api()
                        .get("/sandbox/" + SIMULATOR.get(provider) + "/_sandbox/accounts/" + account + "/stats"));
                for (var entry : stats.properties()) {
                    if (!entry.getKey().equals("tokens")) {
                        total += entry.getValue().asLong();
                    }
                }
            }
            calls.put(provider, total);
        }
        return calls;
    }

    static Map<String, List<String>> defaultAccounts() {
        Map<String, List<String>> accounts = new LinkedHashMap<>();
        DEFAULT_ACCOUNTS.forEach((provider, account) -> accounts.put(provider, List.of(account)));
        return accounts;
    }

    static void faults(ServiceProcess mercator, String provider, Map<String, Object> faults) {
        expect(mercator.api()
                .asAdmin(IntegrationTest.ADMIN_TOKEN)
                .post("/api/admin/sandbox/" + SIMULATOR.get(provider) + "/faults", faults));
    }

    static void clearFaults(ServiceProcess mercator, String provider) {
        mercator.api()
                .asAdmin(IntegrationTest.ADMIN_TOKEN)
                .delete("/api/admin/sandbox/" + SIMULATOR.get(provider) + "/faults");
    }

    static void write(String file, String title, String report) throws IOException {
        System.out.println("\n=== " + title + " ===\n" + report);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve(file), report);
    }

    static JsonNode expect(Api.Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException("unexpected answer: " + response);
        }
        return response.raw().length == 0 ? tools.jackson.databind.node.NullNode.getInstance() : response.json();
    }
}
