package dev.mercator.dealscout.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.dealscout.recognition.ChatCompletionsWire.Answer;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChatCompletionsWireTests {

    @Test
    void aProposalMapsItsConditionNameToEbaysIdAndDropsWhatIsNotAGtin() {
        Answer answer = ChatCompletionsWire.proposal("""
                {"title":"Sony WH-1000XM4","brand":"Sony","model":"WH-1000XM4","gtin":"not legible",
                 "condition":"for_parts","confidence":0.6}""");

        assertThat(answer)
                .isEqualTo(new Answer.Proposed(new ItemRecognition.RecognizedItem(
                        "Sony WH-1000XM4", "Sony", "WH-1000XM4", null, "7000", 0.6)));
    }

    @Test
    void anUnknownTitleAConfidenceOutsideZeroToOneAndContentThatIsNotTheSchemaAreNoProposal() {
        assertThat(ChatCompletionsWire.proposal("{\"title\":\"unknown\",\"confidence\":0}"))
                .isInstanceOfSatisfying(
                        Answer.NoProposal.class,
                        none -> assertThat(none.outcome()).isEqualTo("unrecognized"));
        assertThat(ChatCompletionsWire.proposal("{\"title\":\"Lamp\",\"confidence\":7}"))
                .isInstanceOfSatisfying(
                        Answer.NoProposal.class,
                        none -> assertThat(none.outcome()).isEqualTo("malformed"));
        assertThat(ChatCompletionsWire.proposal("[1,2]"))
                .isInstanceOfSatisfying(
                        Answer.NoProposal.class,
                        none -> assertThat(none.outcome()).isEqualTo("malformed"));
        assertThat(ChatCompletionsWire.answer("{\"choices\":[]}"))
                .isInstanceOfSatisfying(
                        Answer.NoProposal.class,
                        none -> assertThat(none.outcome()).isEqualTo("malformed"));
    }

    @Test
    void theStrictSchemaRequiresEveryPropertyAndAllowsNoOthers() {
        JsonNode schema = ChatCompletionsWire.schema();

        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.path("required").size())
                .isEqualTo(schema.path("properties").size());
        assertThat(schema.path("properties").path("condition").path("enum").toString())
                .contains("\"used\"", "\"for_parts\"", "null");
    }

    @Test
    void theSellersNoteIsCutAndFramedAsAClaim() {
        RecognitionSettings settings = new RecognitionSettings(
                true,
                "gpt-4o-mini",
                4,
                8_000_000,
                400,
                "low",
                java.time.Duration.ofSeconds(60),
                3,
                60,
                5,
                java.time.Duration.ofSeconds(60));
        String body = ChatCompletionsWire.request(
                List.of(new ItemRecognition.Photo("image/png", new byte[] {1, 2, 3})), "x".repeat(900), settings);
        JsonNode request = ChatCompletionsWire.JSON.readTree(body);

        JsonNode parts = request.path("messages").get(1).path("content");
        assertThat(parts.get(0).path("text").asString()).startsWith("What is this item? The seller's note: ");
        assertThat(parts.get(0).path("text").asString()).hasSizeLessThan(600);
        assertThat(parts.get(1).path("image_url").path("url").asString()).isEqualTo("data:image/png;base64,AQID");
        assertThat(request.path("response_format")
                        .path("json_schema")
                        .path("strict")
                        .asBoolean())
                .isTrue();
        assertThat(request.path("max_completion_tokens").asInt()).isEqualTo(400);
    }

    @Test
    void theKeyIsRequiredLiveNeverShownAndTheSandboxKeyStandsInOnlyInSandboxMode() {
        VisionProviderSettings none = new VisionProviderSettings("live", "https://api.openai.com", null);
        VisionProviderSettings set = new VisionProviderSettings("live", "https://api.openai.com", "sk-live-secret-1");

        assertThat(none.liveCredentials())
                .singleElement()
                .satisfies(key -> assertThat(key.present()).isFalse());
        assertThat(set.toString()).doesNotContain("sk-live-secret-1").contains("apiKey=<set>");
        assertThat(none.keyFor(false)).isEqualTo(VisionProviderSettings.SANDBOX_KEY);
        assertThat(none.keyFor(true)).isEmpty();
        assertThat(set.keyFor(false)).isEqualTo("sk-live-secret-1");
    }
}
