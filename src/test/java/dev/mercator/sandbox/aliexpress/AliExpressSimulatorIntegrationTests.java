package dev.mercator.sandbox.aliexpress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.support.Api;
import dev.mercator.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The AliExpress {@code /sync} gateway simulator over raw HTTP: the signature covers the query string and the form body
 * together, wherever the SDKs put each parameter; the timestamp must be recent; an unknown method is an invalid API
 * path; every refusal an {@code error_response} in an HTTP 200, as the gateway answers.
 */
class AliExpressSimulatorIntegrationTests extends IntegrationTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String QUERY = "aliexpress.affiliate.product.query";

    @Test
    void theJavaSdksLayoutSystemParametersInTheQueryBusinessInTheBodyIsServed() {
        String appKey = appKey();
        Map<String, String> system = system(appKey, QUERY, System.currentTimeMillis());
        Map<String, String> business = business();
        system.put("sign", sign(appKey, system, business));

        JsonNode answer = call(system, business);

        assertThat(answer.has("error_response")).as(answer.toString()).isFalse();
        assertThat(answer.path("aliexpress_affiliate_product_query_response")
                        .path("resp_result")
                        .path("resp_code")
                        .asInt())
                .isEqualTo(200);
    }

    @Test
    void thePythonSdksLayoutEverythingInTheBodyIsServedToo() {
        String appKey = appKey();
        Map<String, String> all = system(appKey, QUERY, System.currentTimeMillis());
        all.putAll(business());
        all.put("sign", sign(appKey, all, Map.of()));

        JsonNode answer = call(Map.of(), all);

        assertThat(answer.has("error_response")).as(answer.toString()).isFalse();
    }

    @Test
    void aSignatureOverTheQueryStringAloneIsRefusedAsIncomplete() {
        String appKey = appKey();
        Map<String, String> system = system(appKey, QUERY, System.currentTimeMillis());
        system.put("sign", sign(appKey, system, Map.of()));

        JsonNode error = call(system, business()).path("error_response");

        assertThat(error.path("type").asString()).isEqualTo("ISV");
        assertThat(error.path("code").asString()).isEqualTo("IncompleteSignature");
        assertThat(error.path("msg").asString())
                .isEqualTo("The request signature does not conform to platform standards");
        assertThat(error.path("request_id").asString()).isNotBlank();
    }

    @Test
    void aTimestampOutsideTheWindowIsRefusedEvenWhenSigned() {
        String appKey = appKey();
        Map<String, String> system = system(appKey, QUERY, System.currentTimeMillis() - 3 * 3_600_000L);
        Map<String, String> business = business();
        system.put("sign", sign(appKey, system, business));

        assertThat(call(system, business).path("error_response").path("code").asString())
                .isEqualTo("InvalidTimestamp");
    }

    @Test
    void anUnknownMethodIsAnInvalidApiPath() {
        String appKey = appKey();
        Map<String, String> system =
                system(appKey, "aliexpress.affiliate.product.nonsense", System.currentTimeMillis());
        system.put("sign", sign(appKey, system, Map.of()));

        JsonNode error = call(system, Map.of()).path("error_response");

        assertThat(error.path("code").asString()).isEqualTo("InvalidApiPath");
        assertThat(error.path("msg").asString()).isEqualTo("The specified API Path is invalid");
    }

    @Test
    void aMissingSystemParameterIsNamed() {
        Map<String, String> system = system(appKey(), QUERY, System.currentTimeMillis());
        system.remove("timestamp");

        JsonNode error = call(system, business()).path("error_response");

        assertThat(error.path("code").asString()).isEqualTo("MissingParameter");
        assertThat(error.path("msg").asString()).contains("timestamp");
    }

    private JsonNode call(Map<String, String> query, Map<String, String> body) {
        String path = "/sandbox/aliexpress/sync" + (query.isEmpty() ? "" : "?" + encode(query));
        Api.Response response = api.send("POST", path, FORM, encode(body).getBytes(StandardCharsets.UTF_8));
        assertThat(response.status())
                .as("the gateway answers every refusal with HTTP 200")
                .isEqualTo(200);
        return response.json();
    }

    /** A key of its own per test, so the gateway's two calls a second per app never throttle one test for another. */
    private static String appKey() {
        return Long.toString(800_000 + ThreadLocalRandom.current().nextLong(9_000_000L));
    }

    private static Map<String, String> system(String appKey, String method, long timestamp) {
        Map<String, String> system = new LinkedHashMap<>();
        system.put("app_key", appKey);
        system.put("method", method);
        system.put("sign_method", "sha256");
        system.put("timestamp", Long.toString(timestamp));
        system.put("v", "2.0");
        system.put("format", "json");
        return system;
    }

    private static Map<String, String> business() {
        Map<String, String> business = new LinkedHashMap<>();
        business.put("keywords", "power bank");
        business.put("page_no", "1");
        business.put("page_size", "5");
        business.put("tracking_id", "raw_test");
        return business;
    }

    /** The open platform's sha256 signature: HMAC over the sorted names and raw values, upper-case hex. */
    private static String sign(String appKey, Map<String, String> query, Map<String, String> body) {
        Map<String, String> all = new TreeMap<>(query);
        all.putAll(body);
        all.remove("sign");
        String text = all.entrySet().stream()
                .map(entry -> entry.getKey() + entry.getValue())
                .collect(Collectors.joining());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(
                    SandboxAccounts.secretFor("aliexpress", appKey).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().withUpperCase().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
