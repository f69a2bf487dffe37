package dev.mercator.dealscout.recognition;

import dev.mercator.platform.http.ProviderSettings;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The item-recognition provider: any OpenAI-compatible chat-completions API that reads images. Sandbox mode (the
 * default) calls this server's simulator under {@code /sandbox/vision}; live mode calls {@code base-url}, which then
 * needs an API key. Whether recognition is used at all is {@link RecognitionSettings#enabled()}.
 *
 * @param mode {@code sandbox} (default) or {@code live}
 * @param baseUrl the live API's base, default {@code https://api.openai.com} (the client adds {@code /v1/...})
 * @param apiKey the bearer key; a secret, never logged (the {@code Authorization} header is masked) and never shown by
 *     {@link #toString()}. In sandbox mode it may be left out: the simulator's own key is then sent.
 */
@ConfigurationProperties("mercator.providers.vision")
record VisionProviderSettings(
        @Nullable String mode,
        @DefaultValue("https://api.openai.com") String baseUrl,
        @Nullable String apiKey) implements ProviderSettings {

    static final String NAME = "vision";

    /**
     * The key the simulator accepts out of the box, so a fresh checkout with recognition enabled works in sandbox mode.
     * Not a secret: it opens nothing but the simulator.
     */
    static final String SANDBOX_KEY = "sk-mercator-sandbox";

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public List<Credential> liveCredentials() {
        return List.of(new Credential("api-key", apiKey));
    }

    /** The key to send: the configured one, or in sandbox mode with none configured the simulator's. */
    String keyFor(boolean live) {
        String configured = apiKey == null ? "" : apiKey.strip();
        return configured.isEmpty() && !live ? SANDBOX_KEY : configured;
    }

    @Override
    public String toString() {
        return "VisionProviderSettings[mode=" + mode + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null || apiKey.isBlank() ? "<missing>" : "<set>") + "]";
    }
}
