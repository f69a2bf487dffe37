package dev.mercator.marketplaces.amazon;

import static dev.mercator.marketplaces.SandboxFixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceFailure.Kind;
import dev.mercator.marketplaces.source.ProductSource;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Creators API adapter through its real HTTP client against the Creators API simulator, with 2.x (Cognito)
 * credentials; {@link CreatorsApiLwaSourceIntegrationTests} runs the same tests with 3.x (Login with Amazon) ones.
 */
class CreatorsApiSourceIntegrationTests extends AmazonSourceContract {

    static final String PROVIDER = "amazon-creators";

    CreatorsApiSourceIntegrationTests() {
        super(new Vendor(
                PROVIDER,
                "credentialId",
                "searchItems",
                "invalid_client",
                "ThrottlingException",
                CreatorsApiSettings.SANDBOX_TAG));
    }

    @Autowired
    ProductSource[] sources;

    @Autowired
    CreatorsApiSource source;

    /** The credential version the accounts of this class name. */
    String version() {
        return "2.1";
    }

    /** A client id of the version's kind: LWA's carry its prefix, Cognito's are plain. */
    String newClientId() {
        return "test-" + UUID.randomUUID();
    }

    @Override
    AmazonSource<?> source() {
        return source;
    }

    @Override
    SourceAccount fresh(String tag) {
        String id = newClientId();
        return new SourceAccount(
                "merchant-" + id,
                tag,
                Map.of(
                        "credentialId", id,
                        "credentialSecret", SandboxAccounts.secretFor(PROVIDER, id),
                        "version", version()));
    }

    @Override
    SourceAccount withWrongSecret(SourceAccount account) {
        Map<String, String> fields = new HashMap<>(account.fields());
        fields.put("credentialSecret", "not-the-secret");
        return new SourceAccount(account.owner(), account.affiliateTag(), fields);
    }

    @Test
    void isTheDefaultAmazonSource() {
        assertThat(List.of(sources))
                .filteredOn(candidate -> candidate.marketplace() == Marketplace.AMAZON)
                .singleElement()
                .isInstanceOf(CreatorsApiSource.class);
    }

    @Test
    void theSandboxDefaultsAreTheSimulatorsDefaultAccounts() {
        assertThat(SandboxAccounts.DEFAULTS.get(PROVIDER))
                .containsExactly(CreatorsApiSettings.SANDBOX_ID, CreatorsApiSettings.SANDBOX_SECRET);
        assertThat(SandboxAccounts.secretFor(PROVIDER, CreatorsApiSettings.SANDBOX_LWA_ID))
                .isEqualTo(CreatorsApiSettings.SANDBOX_LWA_SECRET);
    }

    @Test
    void cachesTheTokenAcrossCallsAndMintsItOnceForConcurrentCallers() throws Exception {
        SourceAccount account = fresh("shop-one-20");
        String id = account.field("credentialId");
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Callable<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> {
                    try {
                        return source.search(query("usb cable", 1, 3), account);
                    } catch (SourceFailure throttled) {
                        // The simulator allows one call a second; a throttled call has still used the token.
                        return throttled.kind();
                    }
                });
            }
            for (Future<Object> done : pool.invokeAll(calls)) {
                assertThat(done.get()).isNotEqualTo(Kind.PERMANENT);
            }
        }

        assertThat(stat(api, PROVIDER, id, "tokens")).isEqualTo(1);
        assertThat(stat(api, PROVIDER, id, "searchItems") + stat(api, PROVIDER, id, "throttled"))
                .isEqualTo(4);
    }

    @Test
    void anExpiredTokenIsReplacedAndTheCallRetriedOnce() throws Exception {
        SourceAccount account = fresh("shop-one-20");
        String id = account.field("credentialId");
        String asin = firstAsin();
        source.lookup(List.of(asin), account);
        assertThat(api.post("/sandbox/" + PROVIDER + "/_sandbox/accounts/" + id + "/expire-tokens", Map.of())
                        .status())
                .isEqualTo(204);

        pauseForRateLimit();
        assertThat(source.lookup(List.of(asin), account)).hasSize(1);

        assertThat(stat(api, PROVIDER, id, "tokens")).isEqualTo(2);
    }

    @Test
    void anUnknownCredentialVersionIsPermanentAndCallsNothing() {
        SourceAccount account = fresh("shop-one-20");
        Map<String, String> fields = new HashMap<>(account.fields());
        fields.put("version", "4.1");
        SourceAccount unknown = new SourceAccount(account.owner(), account.affiliateTag(), fields);

        assertThatThrownBy(() -> source.search(query("usb cable", 1, 10), unknown))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).contains("'4.1'");
                });
        assertThat(stat(api, PROVIDER, account.field("credentialId"), "tokens")).isZero();
    }

    /** Waits out the simulator's one-call-a-second limit of an account (not an assertion on timing). */
    static void pauseForRateLimit() throws InterruptedException {
        // A real wait: the simulator's limit runs on the shared application context's clock, which a test cannot move.
        Thread.sleep(1100);
    }
}
