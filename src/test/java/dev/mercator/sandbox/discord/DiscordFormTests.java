package dev.mercator.sandbox.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.sandbox.catalog.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DiscordFormTests {

    @Test
    void aBodyWithinDiscordsLimitsHasNoErrors() {
        JsonNode body = Json.MAPPER.readTree(
                "{\"content\":\"hi\",\"embeds\":[{\"title\":\"t\",\"description\":\"d\","
                        + "\"color\":15158332,\"timestamp\":\"2026-12-03T10:15:30Z\",\"fields\":[{\"name\":\"n\",\"value\":\"v\"}]}]}");

        assertThat(DiscordForm.check(body).isEmpty()).isTrue();
    }

    @Test
    void eachLimitIsReportedAtItsPathInDiscordsErrorShape() {
        String longTitle = "t".repeat(257);
        JsonNode body = Json.MAPPER.readTree("{\"content\":\"" + "c".repeat(2001) + "\",\"embeds\":[{\"title\":\""
                + longTitle + "\",\"fields\":[{\"name\":\"\",\"value\":\"v\"}],\"url\":\"ftp://x\"}]}");

        JsonNode errors = DiscordForm.check(body);

        assertThat(errors.at("/content/_errors/0/code").asString()).isEqualTo("BASE_TYPE_MAX_LENGTH");
        assertThat(errors.at("/embeds/0/title/_errors/0/message").asString())
                .isEqualTo("Must be 256 or fewer in length.");
        assertThat(errors.at("/embeds/0/fields/0/name/_errors/0/code").asString())
                .isEqualTo("BASE_TYPE_REQUIRED");
        assertThat(errors.at("/embeds/0/url/_errors/0/code").asString()).isEqualTo("URL_TYPE_INVALID_URL");
    }

    @Test
    void moreThanTenEmbedsOrMoreThan6000CharactersInAllIsRefused() {
        StringBuilder eleven = new StringBuilder("{\"embeds\":[");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("{\"title\":\"x\"}");
        }
        String big = "{\"description\":\"" + "d".repeat(4000) + "\"}";
        JsonNode tooMany = Json.MAPPER.readTree(eleven + "]}");
        JsonNode tooBig = Json.MAPPER.readTree("{\"embeds\":[" + big + "," + big + "]}");

        assertThat(DiscordForm.check(tooMany).at("/embeds/_errors/0/message").asString())
                .isEqualTo("Must be 10 or fewer in length.");
        assertThat(DiscordForm.check(tooBig).at("/embeds/_errors/0/code").asString())
                .isEqualTo("MAX_EMBED_SIZE_EXCEEDED");
    }
}
