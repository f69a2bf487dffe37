package dev.mercator.dealscout.ebay;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Marketplace Account Deletion endpoint. Without both the verification token and the endpoint URL the endpoint is
 * closed (404): the challenge cannot be answered without them.
 *
 * @param verificationToken the token entered in eBay's developer portal (32 to 80 characters); a secret, never shown
 * @param endpointUrl the endpoint's public URL exactly as entered in the portal; part of the challenge hash
 * @param mode {@code sandbox} or {@code live}: where the Notification API is called (as {@code mercator.providers.ebay})
 * @param baseUrl the live Notification API's base URL
 * @param clientId the eBay app whose application token fetches public keys; blank in sandbox mode: the sandbox app
 * @param clientSecret that app's secret
 * @param publicKeyTtl how long a fetched public key is trusted before it is fetched again
 */
@ConfigurationProperties("mercator.dealscout.ebay-deletion")
record EbayDeletionSettings(
        @Nullable String verificationToken,
        @Nullable String endpointUrl,
        @Nullable String mode,
        @Nullable String baseUrl,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @DefaultValue("1h") Duration publicKeyTtl) {

    boolean configured() {
        return verificationToken != null
                && !verificationToken.isBlank()
                && endpointUrl != null
                && !endpointUrl.isBlank();
    }

    @Override
    public String toString() {
        return "EbayDeletionSettings[verificationToken=" + (verificationToken == null ? "<unset>" : "<set>")
                + ", endpointUrl=" + endpointUrl + ", mode=" + mode + ", baseUrl=" + baseUrl + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "<unset>" : "<set>") + ", publicKeyTtl=" + publicKeyTtl
                + "]";
    }
}
