package dev.mercator.platform.settings;

import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Rewrites Boot's binding failures for Mercator's own settings ({@code mercator.*}) so the report names the environment
 * variable operators actually set and the form the value must take ("a size such as 512KB or 1MB"), and never prints
 * the value of a setting that looks secret. Anything else is left to Boot's analyzers, which run after this one.
 */
class SettingsBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(:.*)?}", Pattern.DOTALL);
    // Judged by how the name ends, so "encryption-key" is hidden but "per-api-key-per-minute" is not.
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(key|keys|token|password|secret|dsn|credentials?)$", Pattern.CASE_INSENSITIVE);

    private final @Nullable Environment environment;

    SettingsBindFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        // Ahead of Boot's BindFailureAnalyzer and BindValidationFailureAnalyzer, which would otherwise answer first.
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        List<SettingProblem> problems = new ArrayList<>();
        BindValidationException invalid = findCause(cause, BindValidationException.class);
        if (invalid != null) {
            String prefix = invalid.getValidationErrors().getName().toString();
            for (ObjectError error : invalid.getValidationErrors()) {
                if (error instanceof FieldError field) {
                    String setting = prefix + "." + dashed(field.getField());
                    problems.add(problem(setting, field.getRejectedValue(), String.valueOf(field.getDefaultMessage())));
                }
            }
        } else if (findCause(cause, ConversionFailedException.class) != null && cause.getProperty() != null) {
            ConfigurationProperty property = cause.getProperty();
            String expected = expectedForm(cause.getTarget().getType().resolve());
            if (expected == null) {
                return null;
            }
            problems.add(problem(property.getName().toString(), property.getValue(), "must be " + expected));
        }
        if (problems.isEmpty() || !problems.stream().allMatch(p -> p.setting().startsWith("mercator."))) {
            return null;
        }
        InvalidSettingsException summary = new InvalidSettingsException(problems);
        return new FailureAnalysis(
                summary.getMessage(),
                "Set the environment variables named above (or the settings before them) to valid values and start"
                        + " Mercator again.",
                cause);
    }

    private SettingProblem problem(String setting, @Nullable Object value, String expectation) {
        String shown = value == null || looksSecret(setting) ? "" : "was \"" + value + "\"; ";
        return new SettingProblem(setting, environmentVariable(setting), shown + expectation);
    }

    /** The variable application.yml reads the setting from ({@code ${MERCATOR_MAX_BODY_SIZE:1MB}}), else Boot's name. */
    String environmentVariable(String setting) {
        if (environment instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                Object raw = source.getProperty(setting);
                if (raw != null) {
                    Matcher placeholder =
                            PLACEHOLDER.matcher(String.valueOf(raw).strip());
                    if (placeholder.matches()) {
                        return placeholder.group(1);
                    }
                }
            }
        }
        return setting.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
    }

    static boolean looksSecret(String setting) {
        return SECRET_NAME.matcher(setting).matches();
    }

    private static @Nullable String expectedForm(@Nullable Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == DataSize.class) {
            return "a size such as 512KB, 1MB or 10MB";
        }
        if (type == Duration.class) {
            return "a duration such as 500ms, 10s or 2m";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == URI.class || type == URL.class) {
            return "a URL";
        }
        if (type == Path.class) {
            return "a file path";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c)
                                    .name()
                                    .toLowerCase(Locale.ROOT)
                                    .replace('_', '-'))
                            .collect(Collectors.joining(", "));
        }
        return null;
    }

    private static String dashed(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
