package dev.mercator.platform.settings;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Stops start-up because of settings that are missing or malformed. It carries every problem found, not just the
 * first, so an operator fixes the configuration in one round instead of one restart per mistake. Its message never
 * contains a setting's value: many of these settings are secrets and start-up failures end up in logs.
 */
public class InvalidSettingsException extends RuntimeException {

    private final List<SettingProblem> problems;

    public InvalidSettingsException(List<SettingProblem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidSettingsException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InvalidSettingsException(SettingProblem problem) {
        this(List.of(problem));
    }

    public List<SettingProblem> problems() {
        return problems;
    }

    static String describe(List<SettingProblem> problems) {
        return "Mercator cannot start: "
                + (problems.size() == 1 ? "1 setting needs" : problems.size() + " settings need")
                + " attention:"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }
}
