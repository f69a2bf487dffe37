package dev.mercator.support;

/** The environment of the contract tests that run against the live vendors (README, "Contract tests ..."). */
public final class LiveEnvironment {

    private LiveEnvironment() {}

    /** A variable the live run needs: its absence fails the run with its name, rather than skipping it silently. */
    public static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " must be set to run the live contract (README)");
        }
        return value;
    }
}
