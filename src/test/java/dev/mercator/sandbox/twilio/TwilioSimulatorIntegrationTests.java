package dev.mercator.sandbox.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.notifications.ChannelIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The simulated Messages resource refuses what Twilio refuses, with Twilio's codes (shares the channels' context). */
class TwilioSimulatorIntegrationTests extends ChannelIntegrationTest {

    @Test
    void eachInvalidRequestGetsTwiliosCodeAndAValidOneTheMessageResource() {
        JsonNode account = api.post("/sandbox/twilio/sim/accounts", Map.of()).json();
        String sid = account.path("accountSid").asString();
        String token = account.path("authToken").asString();

        assertThat(send(sid, "AC" + "0".repeat(32) + ":" + token, Map.of("To", "+14155552671"))
                        .path("code")
                        .asInt())
                .isEqualTo(20003);
        assertThat(send(sid, sid + ":" + token, form("0044 20", "+15005550006", "hi", null))
                        .path("code")
                        .asInt())
                .isEqualTo(21211);
        assertThat(send(sid, sid + ":" + token, form("+14155552671", "+15005550007", "hi", null))
                        .path("code")
                        .asInt())
                .isEqualTo(21606);
        assertThat(send(sid, sid + ":" + token, form("+14155552671", "+15005550006", "x".repeat(1601), null))
                        .path("code")
                        .asInt())
                .isEqualTo(21617);
        assertThat(send(sid, sid + ":" + token, form("+14155552671", "+15005550006", "hi", "36001"))
                        .path("code")
                        .asInt())
                .isEqualTo(21624);
        JsonNode accepted = send(sid, sid + ":" + token, form("+14155552671", "+15005550006", "hi", "3600"));
        assertThat(accepted.path("sid").asString()).matches("SM[0-9a-f]{32}");
        assertThat(accepted.path("status").asString()).isEqualTo("queued");
        assertThat(accepted.path("more_info").isMissingNode()).isTrue();
        String apiKey = account.path("apiKeySid").asString() + ":"
                + account.path("apiKeySecret").asString();
        assertThat(send(sid, apiKey, form("+14155552671", "+15005550006", "hi", null))
                        .path("status")
                        .asString())
                .isEqualTo("queued");
        assertThat(send(
                                sid,
                                account.path("apiKeySid").asString() + ":" + token,
                                form("+14155552671", "+15005550006", "hi", null))
                        .path("code")
                        .asInt())
                .isEqualTo(20003);
    }

    private static Map<String, String> form(String to, String from, String body, String validity) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put("From", from);
        form.put("Body", body);
        if (validity != null) {
            form.put("ValidityPeriod", validity);
        }
        return form;
    }

    private JsonNode send(String sid, String credentials, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return api.send(
                        "POST",
                        "/sandbox/twilio/2010-04-01/Accounts/" + sid + "/Messages.json",
                        "application/x-www-form-urlencoded",
                        body.getBytes(StandardCharsets.UTF_8),
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .json();
    }
}
