package dev.mercator.marketplaces.amazon;

import static dev.mercator.marketplaces.SandboxFixtures.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.marketplaces.SandboxFixtures;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceFailure.Kind;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The PA-API 5.0 adapter through its real HTTP client against the PA-API simulator, which recomputes every SigV4
 * signature. The adapter is built from the running application's own outbound machinery and settings; it is a bean
 * only with {@code mercator.catalog.amazon.api=paapi}.
 */
class PaApiSourceIntegrationTests extends AmazonSourceContract {

    static final String PROVIDER = "paapi";

    PaApiSourceIntegrationTests() {
        super(new Vendor(
                PROVIDER,
                "accessKey",
                "SearchItems",
                "InvalidSignature",
                "TooManyRequests",
                PaApiSettings.SANDBOX_TAG));
    }

    @Autowired
    OutboundHttp outbound;

    @Autowired
    ProviderEndpoints endpoints;

    @Autowired
    PaApiSettings settings;

    PaApiSource source;

    @BeforeEach
    void build() {
        source = new PaApiSource(outbound, endpoints, settings);
    }

    @Override
    AmazonSource<?> source() {
        return source;
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void liveModeSaysAtStartUpThatAmazonRetiredPaApi(org.springframework.boot.test.system.CapturedOutput output) {
        new PaApiSource(
                outbound,
                endpoints,
                new PaApiSettings(
                        "live",
                        "https://webservices.amazon.com",
                        null,
                        "www.amazon.com",
                        "AKIAEXAMPLELIVE00001",
                        "live-secret",
                        "shop-live-20"));

        assertThat(output).contains("PA-API 5.0 was retired by Amazon in favour of the Creators API");
    }

    @Override
    SourceAccount fresh(String tag) {
        return account(PROVIDER, "accessKey", "secretKey", tag);
    }

    @Override
    SourceAccount withWrongSecret(SourceAccount account) {
        return SandboxFixtures.withWrongSecret(account, "accessKey", "secretKey");
    }

    @Test
    void theSandboxDefaultsAreTheSimulatorsDefaultAccount() {
        assertThat(SandboxAccounts.DEFAULTS.get(PROVIDER))
                .containsExactly(PaApiSettings.SANDBOX_ACCESS_KEY, PaApiSettings.SANDBOX_SECRET_KEY);
    }

    @Test
    void aMerchantOnAnotherMarketplaceIsSignedForThatMarketplacesRegion() throws Exception {
        SourceAccount uk = fresh("shop-uk-21");
        SourceAccount onUk = new SourceAccount(
                uk.owner(),
                uk.affiliateTag(),
                Map.of(
                        "accessKey", uk.field("accessKey"),
                        "secretKey", uk.field("secretKey"),
                        "marketplace", "www.amazon.co.uk"));

        SourcePage page = source.search(query("usb cable", 1, 2), onUk);

        assertThat(page.products())
                .isNotEmpty()
                .allSatisfy(product -> assertThat(product.affiliateUrl())
                        .startsWith("https://www.amazon.co.uk/dp/")
                        .contains("tag=shop-uk-21&"));
    }

    @Test
    void aClockOffByAnHourIsAnExpiredRequest() {
        PaApiSource skewed =
                new PaApiSource(outbound, endpoints, settings, Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));

        assertThatThrownBy(() -> skewed.search(query("usb cable", 1, 10), fresh("shop-one-20")))
                .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).contains("RequestExpired");
                });
    }
}
