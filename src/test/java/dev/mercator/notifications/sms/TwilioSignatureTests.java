package dev.mercator.notifications.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTests {

    /** The example in Twilio's "Webhooks security" page: its URL, parameters, auth token and signature. */
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static final Map<String, String> PARAMS = Map.of(
            "CallSid", "CA1234567890ABCDE",
            "Caller", "+12349013030",
            "Digits", "1234",
            "From", "+12349013030",
            "To", "+18005551212");
    private static final String TOKEN = "12345";
    private static final String SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    @Test
    void signsTwiliossDocumentedExampleAsTwilioDoes() {
        assertThat(TwilioSignature.sign(TOKEN, URL, PARAMS)).isEqualTo(SIGNATURE);
        assertThat(TwilioSignature.valid(TOKEN, URL, PARAMS, SIGNATURE)).isTrue();
    }

    @Test
    void aWrongTokenAnotherUrlAChangedParameterOrNoSignatureFail() {
        assertThat(TwilioSignature.valid("54321", URL, PARAMS, SIGNATURE)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, "https://mycompany.com/myapp.php?foo=1&bar=3", PARAMS, SIGNATURE))
                .isFalse();
        assertThat(TwilioSignature.valid(TOKEN, "http://mycompany.com/myapp.php?foo=1&bar=2", PARAMS, SIGNATURE))
                .isFalse();
        java.util.Map<String, String> changed = new java.util.HashMap<>(PARAMS);
        changed.put("Digits", "1235");
        assertThat(TwilioSignature.valid(TOKEN, URL, changed, SIGNATURE)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, PARAMS, null)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, PARAMS, "")).isFalse();
    }
}
