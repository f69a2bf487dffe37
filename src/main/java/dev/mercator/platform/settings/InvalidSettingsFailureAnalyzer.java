package dev.mercator.platform.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/** Reports {@link InvalidSettingsException} as Boot's "APPLICATION FAILED TO START" block instead of a stack trace. */
class InvalidSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingsException> implements Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingsException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set the environment variables named above (or the settings before them) to valid values and start"
                        + " Mercator again.",
                cause);
    }
}
