package dev.mercator.platform.http;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows an operator the provider settings to fix instead of a stack trace of bean creation. */
class InvalidProviderSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidProviderSettings> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidProviderSettings cause) {
        return new FailureAnalysis(
                cause.problems().stream()
                        .map(problem -> "  - " + problem)
                        .collect(Collectors.joining("\n", "Provider settings are invalid:\n", "")),
                "Fix the settings named above (each with its environment variable). A provider without live "
                        + "credentials can stay in sandbox mode.",
                cause);
    }
}
