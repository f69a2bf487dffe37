package dev.mercator.dealscout.ebay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Without a verification token and endpoint URL the deletion endpoint is closed: a 404 problem, nothing recorded. */
class AccountDeletionClosedIntegrationTests extends IntegrationTest {

    @Test
    void anUnconfiguredEndpointAnswersNeitherTheChallengeNorANotification() {
        Api.Response challenge = api.get("/webhook/ebay/account-deletion?challenge_code=abc");
        Api.Response notification = api.send(
                "POST",
                "/webhook/ebay/account-deletion",
                "application/json",
                "{}".getBytes(StandardCharsets.UTF_8),
                "X-EBAY-SIGNATURE",
                "e30=");

        assertThat(challenge.status()).isEqualTo(404);
        assertThat(challenge.contentType()).startsWith("application/problem+json");
        assertThat(challenge.body()).doesNotContain("challengeResponse");
        assertThat(notification.status()).isEqualTo(404);
        assertThat(notification.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theChallengeResponseIsTheHexSha256OfCodeTokenAndUrl() {
        // eBay's own example inputs are not published with a digest; this pins the concatenation order.
        assertThat(AccountDeletionWebhook.challengeResponse("abc", "token", "https://x.example/hook"))
                .hasSize(64)
                .isEqualTo(AccountDeletions.hash("abc" + "token" + "https://x.example/hook"));
    }
}
