package dev.mercator.dealscout.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.dealscout.recognition.ItemRecognition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The seller flow with an item-recognition provider present. The real provider (an OpenAI-compatible client with its
 * simulator) is another module's work and not on this branch, so a fixed proposal stands in for it behind the port:
 * what is tested is how the flow uses a proposal, not the provider.
 */
@Import(PricingRecognitionIntegrationTests.FixedRecognition.class)
class PricingRecognitionIntegrationTests extends PricingFlowContract {

    static final List<ItemRecognition.Photo> SEEN = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class FixedRecognition {
        @Bean
        ItemRecognition itemRecognition() {
            return new ItemRecognition() {
                @Override
                public boolean enabled() {
                    return true;
                }

                @Override
                public Optional<RecognizedItem> recognize(List<Photo> photos, @Nullable String hint) {
                    SEEN.addAll(photos);
                    return Optional.of(
                            new RecognizedItem("Apple iPad A-2602 tablet", "Apple", null, null, "3000", 0.8));
                }
            };
        }
    }

    @Test
    void aProposalFillsWhatTheMerchantLeftOutAndIsMarkedForConfirmation() {
        Tenant tenant = newMerchant("Seller proposal");
        String category = category();
        feedComps(category, "Apple iPad A-2602 tablet", 15, 300);
        SEEN.clear();

        String id = upload(tenant.api(), List.of(TestImages.jpegWithExif(32, 32, 6)), fields("categoryId", category))
                .json()
                .get("id")
                .asString();
        JsonNode item = processed(tenant, id);

        assertThat(item.get("status").asString()).as(item.toString()).isEqualTo("priced");
        assertThat(item.get("answer").get("basis").asString()).isEqualTo("proposed, confirm");
        assertThat(item.get("proposal").get("title").asString()).isEqualTo("Apple iPad A-2602 tablet");
        assertThat(item.get("inputs").get("title").isNull())
                .as("a proposal is not the merchant's input")
                .isTrue();
        assertThat(SEEN).hasSize(1);
        assertThat(TestImages.contains(SEEN.getFirst().bytes(), TestImages.SECRET))
                .as("the provider gets the stripped photo")
                .isFalse();

        tenant.api()
                .send(
                        "PATCH",
                        "/api/pricing/items/" + id,
                        "application/json",
                        "{\"title\": \"Apple iPad A-2602 tablet\", \"conditionId\": \"3000\"}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode confirmed = processed(tenant, id);
        assertThat(confirmed.get("answer").get("basis").asString()).isEqualTo("merchant");
    }
}
