package dev.mercator.analytics.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;

/**
 * Metric sets as code: each is one SQL file, {@code analytics/metrics/<name>.v<n>.sql}, read once. A change to a
 * definition's meaning is a new version beside the old, so figures already shown can be reproduced.
 */
record MetricDefinitions(String name, String sql) {

    static MetricDefinitions load(String name) {
        ClassPathResource resource = new ClassPathResource("analytics/metrics/" + name + ".sql");
        try (InputStream in = resource.getInputStream()) {
            return new MetricDefinitions(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("no metric definition " + name, e);
        }
    }
}
