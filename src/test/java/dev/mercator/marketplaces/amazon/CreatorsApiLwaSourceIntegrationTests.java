package dev.mercator.marketplaces.amazon;

import static dev.mercator.marketplaces.SandboxFixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceFailure.Kind;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every Creators API test again with 3.x credentials (Login with Amazon: JSON token request, scope {@code
 * creatorsapi::default}, plain bearer), plus what only the choice of version decides.
 */
class CreatorsApiLwaSourceIntegrationTests extends CreatorsApiSourceIntegrationTests {

    @Autowired
    OutboundHttp outbound;

    @Autowired
    ProviderEndpoints endpoints;

    @Override
    String version() {
        return "3.1";
    }

    @Override
    String newClientId() {
        return "amzn1.application-oa2-client." + UUID.randomUUID().toString().replace("-", "");
    }

    /** No credentials of its own, only the version: the sandbox's LWA default account. */
    @Override
    SourceAccount instanceAccount() {
        return new SourceAccount("instance", null, Map.of("version", "3.3"));
    }

    @Test
    void aCredentialNamesItsOwnVersionAndRegionWhateverTheInstanceUses() throws Exception {
        SourceAccount eu = withVersion(fresh("shop-eu-21"), "3.2");
        SourceAccount cognito = withVersion(withClientId(fresh("shop-na-20"), "test-" + UUID.randomUUID()), "2.2");

        assertThat(source.lookup(List.of(firstAsin()), eu)).singleElement();
        assertThat(source.lookup(List.of(firstAsin()), cognito)).singleElement();

        assertThat(stat(api, PROVIDER, eu.field("credentialId"), "tokens")).isEqualTo(1);
        assertThat(stat(api, PROVIDER, cognito.field("credentialId"), "tokens")).isEqualTo(1);
    }

    @Test
    void aCredentialSentWithTheOtherFamilysVersionIsAnUnknownClient() {
        // An LWA client id declared as 2.x goes to Cognito, which has no such client, and the other way round.
        SourceAccount lwaAsCognito = withVersion(fresh("shop-one-20"), "2.1");
        SourceAccount cognitoAsLwa = withClientId(fresh("shop-one-20"), "test-" + UUID.randomUUID());

        for (SourceAccount wrong : List.of(lwaAsCognito, cognitoAsLwa)) {
            assertThatThrownBy(() -> source.search(query("usb cable", 1, 10), wrong))
                    .isInstanceOfSatisfying(SourceFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                        assertThat(failure.getMessage()).contains("invalid_client");
                    });
        }
    }

    @Test
    void liveModeUsesTheConfiguredTokenUrlForTheInstanceVersionAndAmazonsForOthers() throws Exception {
        String simulator = "http://localhost:" + port + "/sandbox/" + PROVIDER;
        String id = newClientId();
        CreatorsApiSettings live = new CreatorsApiSettings(
                "live",
                simulator,
                simulator + "/auth/o2/token",
                id,
                SandboxAccounts.secretFor(PROVIDER, id),
                "3.1",
                "www.amazon.com",
                "live-shop-20");
        CreatorsApiSource liveSource = new CreatorsApiSource(outbound, endpoints, live);

        assertThat(liveSource.lookup(List.of(firstAsin()), new SourceAccount("instance", null, Map.of())))
                .singleElement()
                .satisfies(product -> assertThat(product.affiliateUrl()).contains("tag=live-shop-20&"));
        assertThat(stat(api, PROVIDER, id, "tokens")).isEqualTo(1);

        assertThat(liveSource.tokenUrl(CreatorsCredentialVersion.V3_1)).isEqualTo(simulator + "/auth/o2/token");
        assertThat(liveSource.tokenUrl(CreatorsCredentialVersion.V3_2))
                .isEqualTo("https://api.amazon.co.uk/auth/o2/token");
        assertThat(liveSource.tokenUrl(CreatorsCredentialVersion.V3_3))
                .isEqualTo("https://api.amazon.co.jp/auth/o2/token");
        assertThat(liveSource.tokenUrl(CreatorsCredentialVersion.V2_2))
                .isEqualTo("https://creatorsapi.auth.eu-south-2.amazoncognito.com/oauth2/token");
    }

    private static SourceAccount withVersion(SourceAccount account, String version) {
        Map<String, String> fields = new HashMap<>(account.fields());
        fields.put("version", version);
        return new SourceAccount(account.owner(), account.affiliateTag(), fields);
    }

    private static SourceAccount withClientId(SourceAccount account, String id) {
        Map<String, String> fields = new HashMap<>(account.fields());
        fields.put("credentialId", id);
        fields.put("credentialSecret", SandboxAccounts.secretFor(PROVIDER, id));
        return new SourceAccount(account.owner(), account.affiliateTag(), fields);
    }
}
