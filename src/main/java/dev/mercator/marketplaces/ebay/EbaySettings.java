package dev.mercator.marketplaces.ebay;

import static dev.mercator.marketplaces.source.Settings.blankToNull;

import dev.mercator.platform.http.ProviderSettings;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * eBay's Browse API. A merchant's own account (fields {@code clientId}, {@code clientSecret}) overrides the instance
 * app per call; its affiliate tag is the eBay Partner Network campaign id.
 *
 * @param baseUrl {@code https://api.ebay.com} in live mode (token and Browse API share the host)
 * @param campaignId the instance's ePN campaign id, used when the account has none
 * @param marketplaceId {@code X-EBAY-C-MARKETPLACE-ID}, e.g. {@code EBAY_US}
 */
@ConfigurationProperties("mercator.providers.ebay")
record EbaySettings(
        @Nullable String mode,
        @Nullable String baseUrl,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable String campaignId,
        @Nullable String marketplaceId)
        implements ProviderSettings {

    static final String NAME = "ebay";
    /** The sandbox's default app (see {@code sandbox.catalog.SandboxAccounts}); opens only the sandbox. */
    static final String SANDBOX_CLIENT_ID = "Mercator-Sandbox-PRD-a1b2c3d4";

    static final String SANDBOX_CLIENT_SECRET = "PRD-ebay-sandbox-secret-9e7d";
    static final String SANDBOX_CAMPAIGN_ID = "5338000001";

    EbaySettings {
        mode = blankToNull(mode);
        baseUrl = blankToNull(baseUrl);
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        campaignId = blankToNull(campaignId);
        marketplaceId = blankToNull(marketplaceId);
    }

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public List<Credential> liveCredentials() {
        return List.of(new Credential("client-id", clientId), new Credential("client-secret", clientSecret));
    }

    @Override
    public String toString() {
        return "EbaySettings[mode=" + mode + ", baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "<unset>" : "<set>") + ", campaignId=" + campaignId + ", marketplaceId="
                + marketplaceId + "]";
    }
}
