package dev.mercator.platform.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.StandaloneApp;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Invalid settings stop start-up with a report that names the setting, the environment variable behind it and the
 * form it must take: what an operator reads in the log of a service that would not start.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupSettingsIntegrationTests {

    @Test
    void aSizeThatIsNoSizeStopsStartUp(CapturedOutput output) {
        Throwable failure = start("mercator.http.max-body-size", "banana");

        assertThat(bindFailure(failure).getName().toString()).isEqualTo("mercator.http.max-body-size");
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("mercator.http.max-body-size (MERCATOR_MAX_BODY_SIZE): was \"banana\"; must be a size such"
                        + " as 512KB, 1MB or 10MB");
        FailureAnalysis analysis = new SettingsBindFailureAnalyzer(null).analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .contains("mercator.http.max-body-size")
                .contains("must be a size such as");
    }

    @Test
    void aRateLimitOfZeroStopsStartUp(CapturedOutput output) {
        Throwable failure = start("mercator.rate-limit.per-ip-per-minute", "0");

        assertThat(bindFailure(failure).getName().toString()).isEqualTo("mercator.rate-limit");
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("mercator.rate-limit.per-ip-per-minute (MERCATOR_RATE_LIMIT_PER_IP): was \"0\"; must be"
                        + " greater than 0");
    }

    @Test
    void aRateLimitThatIsNoNumberStopsStartUp(CapturedOutput output) {
        start("mercator.rate-limit.per-api-key-per-minute", "lots");

        assertThat(output)
                .contains("mercator.rate-limit.per-api-key-per-minute (MERCATOR_RATE_LIMIT_PER_KEY): was \"lots\";"
                        + " must be a whole number");
    }

    @Test
    void aDurationThatIsNoDurationStopsStartUp(CapturedOutput output) {
        start("mercator.http.slow-request-threshold", "soon");

        assertThat(output)
                .contains("mercator.http.slow-request-threshold (MERCATOR_SLOW_REQUEST_THRESHOLD): was \"soon\";"
                        + " must be a duration such as 500ms, 10s or 2m");
    }

    @Test
    void aMalformedEncryptionKeyStopsStartUpWithoutEchoingIt(CapturedOutput output) {
        String key = "bm90LTMyLWJ5dGVz"; // base64 of "not-32-bytes"

        Throwable failure = start("mercator.crypto.encryption-key", key);

        InvalidSettingsException invalid = cause(failure, InvalidSettingsException.class);
        assertThat(invalid).isNotNull();
        assertThat(invalid.problems()).singleElement().satisfies(p -> {
            assertThat(p.setting()).isEqualTo("mercator.crypto.encryption-key");
            assertThat(p.environmentVariable()).isEqualTo("MERCATOR_ENCRYPTION_KEY");
            assertThat(p.problem())
                    .contains("decodes to 12 bytes instead of 32")
                    .contains("openssl rand -base64 32");
        });
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("mercator.crypto.encryption-key (MERCATOR_ENCRYPTION_KEY): decodes to 12 bytes")
                .doesNotContain(key);
    }

    private static Throwable start(String setting, String value) {
        Map<String, String> settings = StandaloneApp.settings();
        settings.put(setting, value);
        return StandaloneApp.failure(settings);
    }

    private static BindException bindFailure(Throwable failure) {
        BindException bind = cause(failure, BindException.class);
        assertThat(bind).as("a BindException in %s", failure).isNotNull();
        return bind;
    }

    private static <T extends Throwable> @Nullable T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
