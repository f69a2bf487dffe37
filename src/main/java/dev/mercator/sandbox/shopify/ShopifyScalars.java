package dev.mercator.sandbox.shopify;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The Admin API's own scalars, shaped as Shopify writes them. */
final class ShopifyScalars {

    private ShopifyScalars() {}

    /**
     * ISO-8601 in UTC with whole seconds ({@code 2026-12-03T10:15:30Z}), never fractions: Shopify stores its times to
     * the second, and a client that compares them with its own clock must meet the same precision here.
     */
    static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("ISO-8601 in UTC with whole seconds")
            .coercing(new Coercing<Instant, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Instant instant) {
                        return format(instant);
                    }
                    throw new CoercingSerializeException("Expected an Instant, got " + value.getClass());
                }

                @Override
                public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String text) {
                        @Nullable Instant parsed = parse(text);
                        if (parsed != null) {
                            return parsed;
                        }
                    }
                    throw new CoercingParseValueException("Invalid DateTime: " + input);
                }

                @Override
                public Instant parseLiteral(
                        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue text && text.getValue() != null) {
                        @Nullable Instant parsed = parse(text.getValue());
                        if (parsed != null) {
                            return parsed;
                        }
                    }
                    throw new CoercingParseLiteralException("Invalid DateTime: " + input);
                }
            })
            .build();

    /** Serialised as a string, as Shopify does: JSON numbers lose precision above 2^53. */
    static final GraphQLScalarType UNSIGNED_INT_64 = GraphQLScalarType.newScalar()
            .name("UnsignedInt64")
            .description("An unsigned 64-bit integer, as a string")
            .coercing(new Coercing<Long, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Long || value instanceof Integer) {
                        return Long.toUnsignedString(((Number) value).longValue());
                    }
                    throw new CoercingSerializeException("Expected a long, got " + value.getClass());
                }

                @Override
                public Long parseValue(Object input, GraphQLContext context, Locale locale) {
                    try {
                        return Long.parseUnsignedLong(String.valueOf(input));
                    } catch (NumberFormatException e) {
                        throw new CoercingParseValueException("Invalid UnsignedInt64: " + input);
                    }
                }

                @Override
                public Long parseLiteral(
                        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue text && text.getValue() != null) {
                        try {
                            return Long.parseUnsignedLong(text.getValue());
                        } catch (NumberFormatException e) {
                            // refused below
                        }
                    }
                    throw new CoercingParseLiteralException("Invalid UnsignedInt64: " + input);
                }
            })
            .build();

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** An ISO-8601 instant, with {@code Z} or an offset; null when it is not one. */
    static @Nullable Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
