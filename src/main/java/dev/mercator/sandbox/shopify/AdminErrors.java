package dev.mercator.sandbox.shopify;

import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Errors in Shopify's shape and wording: graphql-java's, read back as graphql-ruby words and codes them. */
final class AdminErrors {

    private static final String DOCS = "https://shopify.dev/api/usage/rate-limits";
    // graphql-java's English wording (the locale is fixed), read back for Shopify's.
    private static final Pattern UNDEFINED_FIELD = Pattern.compile("Field '(.+)' in type '(.+)' is undefined");
    private static final Pattern MISSING_ARGUMENT = Pattern.compile("Missing field argument '(.+)'");

    private AdminErrors() {}

    /** A query dearer than any bucket may pay for, refused whatever the bucket holds. */
    static Map<String, @Nullable Object> tooDear(int requested, int maxCost) {
        Map<String, @Nullable Object> extensions = new LinkedHashMap<>();
        extensions.put("code", "MAX_COST_EXCEEDED");
        extensions.put("cost", requested);
        extensions.put("maxCost", maxCost);
        extensions.put("documentation", DOCS);
        Map<String, @Nullable Object> tooDear = new LinkedHashMap<>();
        tooDear.put(
                "message",
                "Query cost is " + requested + ", which exceeds the single query max cost limit (" + maxCost + ").");
        tooDear.put("extensions", extensions);
        return tooDear;
    }

    /** A request the shop's bucket cannot pay for now: refused whole, nothing run. */
    static Map<String, @Nullable Object> throttled() {
        Map<String, @Nullable Object> extensions = new LinkedHashMap<>();
        extensions.put("code", "THROTTLED");
        extensions.put("documentation", DOCS);
        Map<String, @Nullable Object> throttled = new LinkedHashMap<>();
        throttled.put("message", "Throttled");
        throttled.put("extensions", extensions);
        return throttled;
    }

    /**
     * A validation error as Shopify (graphql-ruby) words and codes it; graphql-java's classification where Shopify's
     * wording is not known.
     */
    static Map<String, @Nullable Object> validationError(ValidationError invalid, String operationType) {
        String classification = String.valueOf(invalid.getValidationErrorType());
        // graphql-java prefixes "Validation error (Classification@[path]) : "; Shopify's messages have no prefix.
        String message = invalid.getMessage();
        int detail = message.indexOf(')');
        if (message.startsWith("Validation error (") && detail > 0) {
            message = message.substring(detail + 1).replaceFirst("^\\s*:\\s*", "");
        }
        List<Object> path = new ArrayList<>();
        path.add(operationType);
        path.addAll(invalid.getQueryPath() == null ? List.of() : invalid.getQueryPath());
        String code = switch (classification) {
            case "FieldUndefined" -> "undefinedField";
            case "MissingFieldArgument" -> "missingRequiredArguments";
            case "SubselectionRequired", "SubselectionNotAllowed" -> "selectionMismatch";
            case "WrongType" -> "argumentLiteralsIncompatible";
            case "UnknownArgument" -> "argumentNotAccepted";
            case "UnknownDirective" -> "undefinedDirective";
            case "MisplacedDirective" -> "directiveCannotBeApplied";
            case "UnusedVariable" -> "variableNotUsed";
            case "UndefinedVariable" -> "variableNotDefined";
            case "UnknownType" -> "undefinedType";
            case "VariableTypeMismatch" -> "variableMismatch";
            default -> classification;
        };
        Matcher undefined = UNDEFINED_FIELD.matcher(message);
        if (code.equals("undefinedField") && undefined.find()) {
            Map<String, @Nullable Object> error = error(
                    "Field '" + undefined.group(1) + "' doesn't exist on type '" + undefined.group(2) + "'",
                    first(invalid.getLocations()),
                    path,
                    code);
            extensions(error).put("typeName", undefined.group(2));
            extensions(error).put("fieldName", undefined.group(1));
            return error;
        }
        Matcher missing = MISSING_ARGUMENT.matcher(message);
        if (code.equals("missingRequiredArguments") && missing.find() && path.size() > 1) {
            message = "Field '" + path.getLast() + "' is missing required arguments: " + missing.group(1);
        }
        return error(message, first(invalid.getLocations()), path, code);
    }

    /** An error met while running: Shopify's shape, with the code every Shopify error carries. */
    static Map<String, @Nullable Object> executionError(GraphQLError failed) {
        Map<String, @Nullable Object> error = new LinkedHashMap<>();
        error.put("message", failed.getMessage());
        if (failed.getLocations() != null && !failed.getLocations().isEmpty()) {
            error.put(
                    "locations",
                    failed.getLocations().stream().map(AdminErrors::location).toList());
        }
        if (failed.getPath() != null) {
            error.put("path", failed.getPath());
        }
        Map<String, @Nullable Object> extensions = new LinkedHashMap<>();
        if (failed.getExtensions() != null) {
            extensions.putAll(failed.getExtensions());
        }
        extensions.remove("classification");
        extensions.putIfAbsent("code", String.valueOf(failed.getErrorType()));
        error.put("extensions", extensions);
        return error;
    }

    static Map<String, @Nullable Object> error(
            String message, @Nullable SourceLocation location, @Nullable List<?> path, String code) {
        Map<String, @Nullable Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (location != null) {
            error.put("locations", List.of(location(location)));
        }
        if (path != null) {
            error.put("path", path);
        }
        Map<String, @Nullable Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        error.put("extensions", extensions);
        return error;
    }

    private static Map<String, Object> location(SourceLocation location) {
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("line", location.getLine());
        at.put("column", location.getColumn());
        return at;
    }

    static @Nullable SourceLocation first(@Nullable List<SourceLocation> locations) {
        return locations == null || locations.isEmpty() ? null : locations.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> extensions(Map<String, @Nullable Object> error) {
        return (Map<String, @Nullable Object>) Objects.requireNonNull(error.get("extensions"));
    }

    /** The type of the operation that would run, for error paths (Shopify starts them with it). */
    static String operationType(Document document, @Nullable String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        return operations.stream()
                .filter(op -> operationName == null || operationName.equals(op.getName()))
                .findFirst()
                .map(op -> op.getOperation().name().toLowerCase(Locale.ROOT))
                .orElse("query");
    }
}
