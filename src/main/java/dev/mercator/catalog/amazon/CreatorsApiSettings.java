package dev.mercator.catalog.amazon;

import static dev.mercator.catalog.support.Settings.blankToNull;

import dev.mercator.platform.http.ProviderSettings;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Amazon Creators API, Mercator's default Amazon source. Instance credentials; a merchant's own account (fields
 * {@code credentialId}, {@code credentialSecret}, {@code version}, {@code marketplace}) overrides them per call.
 *
 * @param baseUrl the API, {@code https://creatorsapi.amazon} in live mode
 * @param tokenUrl the OAuth2 token endpoint; unset, the Cognito endpoint of the credential version's region
 * @param version credential version: 2.1 (NA), 2.2 (EU) or 2.3 (FE)
 * @param marketplace the marketplace domain sent as {@code x-marketplace}, e.g. {@code www.amazon.com}
 * @param partnerTag the instance's Associates tag, used when the account has none
 */
@ConfigurationProperties("mercator.providers.amazon-creators")
record CreatorsApiSettings(
        @Nullable String mode,
        @Nullable String baseUrl,
        @Nullable String tokenUrl,
        @Nullable String credentialId,
        @Nullable String credentialSecret,
        @Nullable String version,
        @Nullable String marketplace,
        @Nullable String partnerTag)
        implements ProviderSettings {

    static final String NAME = "amazon-creators";
    /** The sandbox's default account (see {@code sandbox.catalog.SandboxAccounts}); opens only the sandbox. */
    static final String SANDBOX_ID = "creators-sandbox-client";

    static final String SANDBOX_SECRET = "crs-sandbox-secret-5b1e9d";
    static final String SANDBOX_TAG = "mercator-20";

    CreatorsApiSettings {
        mode = blankToNull(mode);
        baseUrl = blankToNull(baseUrl);
        tokenUrl = blankToNull(tokenUrl);
        credentialId = blankToNull(credentialId);
        credentialSecret = blankToNull(credentialSecret);
        version = blankToNull(version);
        marketplace = blankToNull(marketplace);
        partnerTag = blankToNull(partnerTag);
        if (version != null && !List.of("2.1", "2.2", "2.3").contains(version)) {
            throw new IllegalArgumentException(
                    "mercator.providers.amazon-creators.version must be 2.1, 2.2 or 2.3 (was '" + version + "')");
        }
    }

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public List<Credential> liveCredentials() {
        return List.of(
                new Credential("credential-id", credentialId),
                new Credential("credential-secret", credentialSecret),
                new Credential("partner-tag", partnerTag));
    }

    /** The Cognito token endpoint of a credential version, for live mode without an explicit token URL. */
    static String liveTokenUrl(String version) {
        String region = switch (version) {
            case "2.2" -> "eu-south-2";
            case "2.3" -> "us-west-2";
            default -> "us-east-1";
        };
        return "https://creatorsapi.auth." + region + ".amazoncognito.com/oauth2/token";
    }

    @Override
    public String toString() {
        return "CreatorsApiSettings[mode=" + mode + ", baseUrl=" + baseUrl + ", tokenUrl=" + tokenUrl
                + ", credentialId=" + credentialId + ", credentialSecret="
                + (credentialSecret == null ? "<unset>" : "<set>") + ", version=" + version + ", marketplace="
                + marketplace + ", partnerTag=" + partnerTag + "]";
    }
}
