package dev.mercator.platform.settings;

/**
 * One setting that prevents start-up.
 *
 * @param setting the property name, e.g. {@code mercator.crypto.encryption-key}
 * @param environmentVariable the environment variable operators actually set, e.g. {@code MERCATOR_ENCRYPTION_KEY}
 * @param problem what is wrong and the expected form; never the value, which may be a secret
 */
public record SettingProblem(String setting, String environmentVariable, String problem) {

    @Override
    public String toString() {
        return setting + " (" + environmentVariable + "): " + problem;
    }
}
