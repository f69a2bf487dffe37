package dev.mercator.marketplaces.amazon;

import static dev.mercator.marketplaces.source.Settings.blankToNull;

import dev.mercator.platform.http.ProviderSettings;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Amazon Creators API, Mercator's default Amazon source. Instance credentials; a merchant's own account (fields
 * {@code credentialId}, {@code credentialSecret}, {@code version}, {@code marketplace}) overrides them per call.
 *
 * @param baseUrl the API, {@code https://creatorsapi.amazon} in live mode
 * @param tokenUrl the OAuth2 token endpoint for credentials of the instance's version; unset, and for a merchant
 *     credential of another version, Amazon's endpoint of that version (Cognito for 2.x, Login with Amazon for 3.x)
 * @param version credential version of the instance credential and of merchant credentials that name none: 2.1, 2.2,
 *     2.3 (Cognito; NA, EU, FE) or 3.1, 3.2, 3.3 (Login with Amazon; NA, EU, FE); 2.1 when unset
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
    /**
     * The sandbox account for 3.x (Login with Amazon) credentials, whose client ids carry LWA's prefix; its secret is
     * the one {@code SandboxAccounts.secretFor} derives for it. Opens only the sandbox.
     */
    static final String SANDBOX_LWA_ID = "amzn1.application-oa2-client.mercatorsandbox0001";

    static final String SANDBOX_LWA_SECRET = "sbx-add6154280d7336f7919c5266cc7ac30";
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
        if (version != null && CreatorsCredentialVersion.of(version).isEmpty()) {
            throw new IllegalArgumentException("mercator.providers.amazon-creators.version must be one of "
                    + CreatorsCredentialVersion.labels() + " (was '" + version + "')");
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

    /** The instance's credential version, 2.1 when unset. */
    CreatorsCredentialVersion instanceVersion() {
        return version == null
                ? CreatorsCredentialVersion.DEFAULT
                : CreatorsCredentialVersion.of(version).orElseThrow();
    }

    @Override
    public String toString() {
        return "CreatorsApiSettings[mode=" + mode + ", baseUrl=" + baseUrl + ", tokenUrl=" + tokenUrl
                + ", credentialId=" + credentialId + ", credentialSecret="
                + (credentialSecret == null ? "<unset>" : "<set>") + ", version=" + version + ", marketplace="
                + marketplace + ", partnerTag=" + partnerTag + "]";
    }
}
