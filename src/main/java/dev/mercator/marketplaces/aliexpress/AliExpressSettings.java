package dev.mercator.marketplaces.aliexpress;

import static dev.mercator.marketplaces.source.Settings.blankToNull;

import dev.mercator.platform.http.ProviderSettings;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The AliExpress affiliate API. A merchant's own account (fields {@code appKey}, {@code appSecret}) overrides the
 * instance app per call; its affiliate tag is the tracking id.
 *
 * @param baseUrl the gateway, {@code https://api-sg.aliexpress.com} in live mode
 * @param signMethod {@code sha256} (default) or the legacy {@code md5}
 * @param targetCurrency the currency prices are returned in, e.g. {@code USD}
 * @param targetLanguage the language of titles, e.g. {@code EN}
 */
@ConfigurationProperties("mercator.providers.aliexpress")
record AliExpressSettings(
        @Nullable String mode,
        @Nullable String baseUrl,
        @Nullable String appKey,
        @Nullable String appSecret,
        @Nullable String trackingId,
        @Nullable String signMethod,
        @Nullable String targetCurrency,
        @Nullable String targetLanguage)
        implements ProviderSettings {

    static final String NAME = "aliexpress";
    /** The sandbox's default app (see {@code sandbox.catalog.SandboxAccounts}); opens only the sandbox. */
    static final String SANDBOX_APP_KEY = "501234";

    static final String SANDBOX_APP_SECRET = "ae-sandbox-secret-3d8b6e";
    static final String SANDBOX_TRACKING_ID = "mercator";

    AliExpressSettings {
        mode = blankToNull(mode);
        baseUrl = blankToNull(baseUrl);
        appKey = blankToNull(appKey);
        appSecret = blankToNull(appSecret);
        trackingId = blankToNull(trackingId);
        signMethod = blankToNull(signMethod);
        targetCurrency = blankToNull(targetCurrency);
        targetLanguage = blankToNull(targetLanguage);
        if (signMethod != null) {
            // Fails start-up on a typo rather than on the first call.
            AliExpressSigner.SignMethod.of(signMethod);
        }
    }

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public List<Credential> liveCredentials() {
        return List.of(
                new Credential("app-key", appKey),
                new Credential("app-secret", appSecret),
                new Credential("tracking-id", trackingId));
    }

    AliExpressSigner.SignMethod signing() {
        return signMethod == null ? AliExpressSigner.SignMethod.SHA256 : AliExpressSigner.SignMethod.of(signMethod);
    }

    @Override
    public String toString() {
        return "AliExpressSettings[mode=" + mode + ", baseUrl=" + baseUrl + ", appKey=" + appKey + ", appSecret="
                + (appSecret == null ? "<unset>" : "<set>") + ", trackingId=" + trackingId + ", signMethod="
                + signMethod + ", targetCurrency=" + targetCurrency + ", targetLanguage=" + targetLanguage + "]";
    }
}
