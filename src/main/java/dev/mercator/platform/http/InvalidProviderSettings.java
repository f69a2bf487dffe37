package dev.mercator.platform.http;

import java.util.List;

/** Start-up found providers that could not work; each problem names a setting and its environment variable. */
class InvalidProviderSettings extends IllegalStateException {

    private final List<String> problems;

    InvalidProviderSettings(List<String> problems) {
        super("Provider settings are invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
