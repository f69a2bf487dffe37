package dev.mercator.platform.security;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which credential Mercator's own paths require, in the order the filter chain tries them. {@link
 * SecurityConfiguration} enforces these rules and {@link SecurityDocumentation} declares them in the OpenAPI
 * description, so what the description says and what the chain does come from one list. A path none of them matches
 * is open to anyone: the endpoint checks for itself (webhook signatures, simulator tokens) or it does not exist.
 */
enum PathAccess {
    PUBLIC("/actuator/health", "/actuator/health/**", "/actuator/prometheus"),
    ADMIN("/api/admin/**", "/api/monitoring/**", "/health/detailed", "/actuator/**"),
    MERCHANT("/api/**");

    // Both lists are unmodifiable (List.of, Stream.toList); Error Prone cannot see that through the List type.
    @SuppressWarnings("ImmutableEnumChecker")
    private final List<String> patterns;

    @SuppressWarnings("ImmutableEnumChecker")
    private final List<PathPattern> parsed;

    PathAccess(String... patterns) {
        this.patterns = List.of(patterns);
        this.parsed = this.patterns.stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
    }

    /** The patterns, as Spring Security's request matchers take them (the same {@link PathPattern} syntax). */
    String[] patterns() {
        return patterns.toArray(String[]::new);
    }

    /** The first rule that covers the path (a request path, or an OpenAPI path template), or null if none does. */
    static @Nullable PathAccess of(String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (PathAccess access : values()) {
            if (access.parsed.stream().anyMatch(pattern -> pattern.matches(container))) {
                return access;
            }
        }
        return null;
    }
}
