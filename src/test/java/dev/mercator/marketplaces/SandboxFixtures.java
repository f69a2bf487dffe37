package dev.mercator.marketplaces;

import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.support.Api;
import java.util.Map;
import java.util.UUID;

/**
 * Accounts and fault switches for adapter tests against the marketplace simulators. Each test mints its own accounts,
 * so rate limits, tokens and counters of one test never leak into another.
 */
public final class SandboxFixtures {

    private SandboxFixtures() {}

    /** A fresh sandbox account of {@code provider} with the secret its simulator expects. */
    public static SourceAccount account(String provider, String idField, String secretField, String tag) {
        String id = provider.equals("aliexpress")
                ? Long.toString(700_000 + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 9_000_000L))
                : "test-" + UUID.randomUUID();
        return new SourceAccount(
                "merchant-" + id, tag, Map.of(idField, id, secretField, SandboxAccounts.secretFor(provider, id)));
    }

    /** The same account with a secret the simulator does not know. */
    public static SourceAccount withWrongSecret(SourceAccount account, String idField, String secretField) {
        return new SourceAccount(
                account.owner(),
                account.affiliateTag(),
                Map.of(idField, account.field(idField), secretField, "not-the-secret"));
    }

    public static void faults(Api admin, String provider, Map<String, Object> faults) {
        Api.Response set = admin.post("/api/admin/sandbox/" + provider + "/faults", faults);
        if (set.status() != 200) {
            throw new IllegalStateException("could not set faults: " + set);
        }
    }

    public static void clearFaults(Api admin, String provider) {
        admin.delete("/api/admin/sandbox/" + provider + "/faults");
    }

    /** A counter of the simulator's per-account statistics, 0 if never counted. */
    public static long stat(Api api, String provider, String account, String counter) {
        Api.Response stats = api.get("/sandbox/" + provider + "/_sandbox/accounts/" + account + "/stats");
        if (stats.status() != 200) {
            throw new IllegalStateException("no stats: " + stats);
        }
        return stats.json().path(counter).asLong(0);
    }
}
