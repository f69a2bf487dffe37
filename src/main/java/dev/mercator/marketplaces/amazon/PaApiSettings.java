package dev.mercator.marketplaces.amazon;

import static dev.mercator.marketplaces.source.Settings.blankToNull;

import dev.mercator.platform.http.ProviderSettings;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Product Advertising API 5.0, for accounts that still have it ({@code mercator.catalog.amazon.api=paapi}). A
 * merchant's own account (fields {@code accessKey}, {@code secretKey}) overrides the instance keys per call.
 *
 * @param baseUrl the marketplace's host, e.g. {@code https://webservices.amazon.com} (live mode)
 * @param region the SigV4 region of that host; unset, derived from the marketplace (us-east-1 NA, eu-west-1 EU,
 *     us-west-2 FE). Merchant accounts on other marketplaces always use their own regional host and region
 * @param marketplace the marketplace domain sent in the body, e.g. {@code www.amazon.com}
 */
@ConfigurationProperties("mercator.providers.paapi")
record PaApiSettings(
        @Nullable String mode,
        @Nullable String baseUrl,
        @Nullable String region,
        @Nullable String marketplace,
        @Nullable String accessKey,
        @Nullable String secretKey,
        @Nullable String partnerTag)
        implements ProviderSettings {

    static final String NAME = "paapi";
    /** The sandbox's default account (see {@code sandbox.catalog.SandboxAccounts}); opens only the sandbox. */
    static final String SANDBOX_ACCESS_KEY = "AKIASANDBOXPAAPI0001";

    static final String SANDBOX_SECRET_KEY = "paapi-sandbox-secret-7c2f4a";
    static final String SANDBOX_TAG = "mercator-20";

    PaApiSettings {
        mode = blankToNull(mode);
        baseUrl = blankToNull(baseUrl);
        region = blankToNull(region);
        marketplace = blankToNull(marketplace);
        accessKey = blankToNull(accessKey);
        secretKey = blankToNull(secretKey);
        partnerTag = blankToNull(partnerTag);
    }

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public List<Credential> liveCredentials() {
        return List.of(
                new Credential("access-key", accessKey),
                new Credential("secret-key", secretKey),
                new Credential("partner-tag", partnerTag));
    }

    String marketplaceOrDefault() {
        return marketplace == null ? "www.amazon.com" : marketplace;
    }

    @Override
    public String toString() {
        return "PaApiSettings[mode=" + mode + ", baseUrl=" + baseUrl + ", region=" + region + ", marketplace="
                + marketplace + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? "<unset>" : "<set>")
                + ", partnerTag=" + partnerTag + "]";
    }
}
