package dev.mercator.analytics.intake;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema (draft 2020-12) of each event type's payload, by version: {@code analytics/schemas/<type>.v<n>.json}
 * on the classpath. A new version of a type is a new file beside the old one; the old one stays, so senders move when
 * they are ready.
 */
@Component
class EventSchemas {

    private static final Pattern NAME = Pattern.compile("([a-z_]+)\\.v([1-9][0-9]*)\\.json");

    private final Map<String, SortedMap<Integer, Schema>> schemas;

    EventSchemas() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Map<String, SortedMap<Integer, Schema>> found = new TreeMap<>();
        try {
            for (Resource resource :
                    new PathMatchingResourcePatternResolver().getResources("classpath*:analytics/schemas/*.json")) {
                String name = resource.getFilename();
                Matcher matcher = NAME.matcher(name == null ? "" : name);
                if (!matcher.matches()) {
                    throw new IllegalStateException("analytics schema " + name + " is not named <type>.v<n>.json");
                }
                try (InputStream in = resource.getInputStream()) {
                    found.computeIfAbsent(matcher.group(1), t -> new TreeMap<>())
                            .put(Integer.parseInt(matcher.group(2)), registry.getSchema(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the analytics event schemas", e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no analytics event schemas on the classpath");
        }
        this.schemas = found;
    }

    /** The types known, in name order. */
    List<String> types() {
        return List.copyOf(schemas.keySet());
    }

    /** The versions of a type known, ascending; empty for an unknown type. */
    List<Integer> versions(String type) {
        SortedMap<Integer, Schema> versions = schemas.get(type);
        return versions == null ? List.of() : List.copyOf(versions.keySet());
    }

    Optional<Schema> schema(String type, int version) {
        SortedMap<Integer, Schema> versions = schemas.get(type);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    /** What is wrong with a payload under its schema, as (location, message) pairs; empty when it is valid. */
    static List<Map.Entry<String, String>> check(Schema schema, JsonNode payload) {
        return schema.validate(payload).stream()
                .map(error -> Map.entry(error.getInstanceLocation().toString(), error.getMessage()))
                .toList();
    }
}
