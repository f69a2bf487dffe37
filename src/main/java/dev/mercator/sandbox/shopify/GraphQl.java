package dev.mercator.sandbox.shopify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses GraphQL executable documents: operations with variable definitions, fields with aliases, arguments and
 * directives, and every kind of value. Fragments are refused: the simulator serves a fixed subset of Shopify's schema
 * and no client of it needs them. Not a general engine: validation and execution against the schema are {@link
 * AdminGraphQl}'s.
 */
final class GraphQl {

    private GraphQl() {}

    record Location(int line, int column) {}

    record Document(List<Operation> operations) {

        /** The operation to run: the only one, or the one named (GraphQL's rule for several in one document). */
        Operation select(@Nullable String operationName) {
            if (operationName == null || operationName.isBlank()) {
                if (operations.size() != 1) {
                    throw new SyntaxError(
                            "An operation name is required when a document holds several operations",
                            new Location(1, 1));
                }
                return operations.getFirst();
            }
            return operations.stream()
                    .filter(op -> operationName.equals(op.name()))
                    .findFirst()
                    .orElseThrow(
                            () -> new SyntaxError("No operation named \"" + operationName + "\"", new Location(1, 1)));
        }
    }

    /** {@code type} is {@code query} or {@code mutation}. */
    record Operation(
            String type,
            @Nullable String name,
            Map<String, Value> variableDefaults,
            List<Field> selections,
            Location location) {}

    record Field(
            @Nullable String alias,
            String name,
            Map<String, Value> arguments,
            List<Directive> directives,
            List<Field> selections,
            Location location) {

        String responseKey() {
            return alias != null ? alias : name;
        }
    }

    record Directive(String name, Map<String, Value> arguments) {}

    sealed interface Value permits Literal, Variable, ListValue, ObjectValue {}

    /** A scalar or enum literal: String, Long, Double, Boolean, null, or {@link EnumValue}. */
    record Literal(@Nullable Object value) implements Value {}

    record EnumValue(String name) {}

    record Variable(String name) implements Value {}

    record ListValue(List<Value> items) implements Value {}

    record ObjectValue(Map<String, Value> fields) implements Value {}

    static final class SyntaxError extends RuntimeException {

        private final String reason;
        private final Location location;

        SyntaxError(String reason, Location location) {
            super(reason);
            this.reason = reason;
            this.location = location;
        }

        String reason() {
            return reason;
        }

        Location location() {
            return location;
        }
    }

    /** Stands for a variable that was not provided: an input field bound to it is omitted, not null. */
    static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "<absent>";
        }
    };

    /**
     * The value with variables substituted: Strings, Longs, Doubles, Booleans, nulls, Lists and Maps. Enum literals
     * become their names. An object field whose variable is absent is left out of its map.
     */
    static @Nullable Object resolve(Value value, Map<String, @Nullable Object> variables, Map<String, Value> defaults) {
        return switch (value) {
            case Literal literal -> literal.value() instanceof EnumValue e ? e.name() : literal.value();
            case Variable variable -> {
                if (variables.containsKey(variable.name())) {
                    yield variables.get(variable.name());
                }
                Value fallback = defaults.get(variable.name());
                yield fallback == null ? ABSENT : resolve(fallback, variables, defaults);
            }
            case ListValue list -> {
                List<@Nullable Object> items = new ArrayList<>();
                for (Value item : list.items()) {
                    Object resolved = resolve(item, variables, defaults);
                    items.add(resolved == ABSENT ? null : resolved);
                }
                yield items;
            }
            case ObjectValue object -> {
                Map<String, @Nullable Object> fields = new LinkedHashMap<>();
                object.fields().forEach((name, field) -> {
                    Object resolved = resolve(field, variables, defaults);
                    if (resolved != ABSENT) {
                        fields.put(name, resolved);
                    }
                });
                yield fields;
            }
        };
    }

    static Document parse(String source) {
        return new Parser(source).document();
    }

    private static final class Parser {

        private final String src;
        private int pos;
        private int line = 1;
        private int lineStart;

        Parser(String src) {
            this.src = src;
        }

        Document document() {
            List<Operation> operations = new ArrayList<>();
            skipIgnored();
            while (!atEnd()) {
                operations.add(operation());
                skipIgnored();
            }
            if (operations.isEmpty()) {
                throw error("The document holds no operation");
            }
            return new Document(List.copyOf(operations));
        }

        private Operation operation() {
            Location at = location();
            if (peek() == '{') {
                return new Operation("query", null, Map.of(), selectionSet(), at);
            }
            String keyword = name();
            if (keyword.equals("fragment")) {
                throw error("Fragments are not supported by the simulator", at);
            }
            if (!keyword.equals("query") && !keyword.equals("mutation")) {
                throw error("Expected query or mutation, found \"" + keyword + "\"", at);
            }
            @Nullable String name = isNameStart(peek()) ? name() : null;
            Map<String, Value> defaults = new LinkedHashMap<>();
            if (peek() == '(') {
                expect('(');
                while (peek() != ')') {
                    expect('$');
                    String variable = name();
                    expect(':');
                    type();
                    if (peek() == '=') {
                        expect('=');
                        defaults.put(variable, value(true));
                    }
                    directives(true);
                }
                expect(')');
            }
            directives(false);
            return new Operation(keyword, name, Map.copyOf(defaults), selectionSet(), at);
        }

        private void type() {
            if (peek() == '[') {
                expect('[');
                type();
                expect(']');
            } else {
                name();
            }
            if (peek() == '!') {
                expect('!');
            }
        }

        private List<Field> selectionSet() {
            expect('{');
            List<Field> fields = new ArrayList<>();
            while (peek() != '}') {
                if (peek() == '.') {
                    throw error("Fragments are not supported by the simulator");
                }
                fields.add(field());
            }
            expect('}');
            if (fields.isEmpty()) {
                throw error("A selection set cannot be empty");
            }
            return List.copyOf(fields);
        }

        private Field field() {
            Location at = location();
            String first = name();
            @Nullable String alias = null;
            String name = first;
            if (peek() == ':') {
                expect(':');
                alias = first;
                name = name();
            }
            Map<String, Value> arguments = peek() == '(' ? arguments(false) : Map.of();
            List<Directive> directives = directives(false);
            List<Field> selections = peek() == '{' ? selectionSet() : List.of();
            return new Field(alias, name, arguments, directives, selections, at);
        }

        private Map<String, Value> arguments(boolean constant) {
            expect('(');
            Map<String, Value> arguments = new LinkedHashMap<>();
            while (peek() != ')') {
                String name = name();
                expect(':');
                if (arguments.put(name, value(constant)) != null) {
                    throw error("Argument \"" + name + "\" is given twice");
                }
            }
            expect(')');
            return arguments;
        }

        private List<Directive> directives(boolean constant) {
            List<Directive> directives = new ArrayList<>();
            while (peek() == '@') {
                expect('@');
                String name = name();
                directives.add(new Directive(name, peek() == '(' ? arguments(constant) : Map.of()));
            }
            return List.copyOf(directives);
        }

        private Value value(boolean constant) {
            char c = peek();
            switch (c) {
                case '$' -> {
                    if (constant) {
                        throw error("Variables are not allowed here");
                    }
                    expect('$');
                    return new Variable(name());
                }
                case '[' -> {
                    expect('[');
                    List<Value> items = new ArrayList<>();
                    while (peek() != ']') {
                        items.add(value(constant));
                    }
                    expect(']');
                    return new ListValue(items);
                }
                case '{' -> {
                    expect('{');
                    Map<String, Value> fields = new LinkedHashMap<>();
                    while (peek() != '}') {
                        String name = name();
                        expect(':');
                        if (fields.put(name, value(constant)) != null) {
                            throw error("Input field \"" + name + "\" is given twice");
                        }
                    }
                    expect('}');
                    return new ObjectValue(fields);
                }
                case '"' -> {
                    return new Literal(string());
                }
                default -> {
                    if (c == '-' || Character.isDigit(c)) {
                        return new Literal(number());
                    }
                    if (isNameStart(c)) {
                        String name = name();
                        return switch (name) {
                            case "true" -> new Literal(Boolean.TRUE);
                            case "false" -> new Literal(Boolean.FALSE);
                            case "null" -> new Literal(null);
                            default -> new Literal(new EnumValue(name));
                        };
                    }
                    throw error("Unexpected " + describe(c));
                }
            }
        }

        private Object number() {
            int start = pos;
            if (src.charAt(pos) == '-') {
                pos++;
            }
            digits();
            boolean fractional = false;
            if (pos < src.length() && src.charAt(pos) == '.') {
                fractional = true;
                pos++;
                digits();
            }
            if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
                fractional = true;
                pos++;
                if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                    pos++;
                }
                digits();
            }
            String text = src.substring(start, pos);
            skipIgnored();
            try {
                return fractional ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw error("Invalid number " + text);
            }
        }

        private void digits() {
            int start = pos;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw error("Expected a digit");
            }
        }

        private String string() {
            if (src.startsWith("\"\"\"", pos)) {
                int end = src.indexOf("\"\"\"", pos + 3);
                if (end < 0) {
                    throw error("Unterminated block string");
                }
                String text = src.substring(pos + 3, end);
                advanceTo(end + 3);
                skipIgnored();
                return text.strip();
            }
            pos++;
            StringBuilder text = new StringBuilder();
            while (true) {
                if (pos >= src.length() || src.charAt(pos) == '\n') {
                    throw error("Unterminated string");
                }
                char c = src.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c != '\\') {
                    text.append(c);
                    continue;
                }
                if (pos >= src.length()) {
                    throw error("Unterminated string");
                }
                char escaped = src.charAt(pos++);
                switch (escaped) {
                    case '"', '\\', '/' -> text.append(escaped);
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        if (pos + 4 > src.length()) {
                            throw error("Invalid unicode escape");
                        }
                        try {
                            text.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException e) {
                            throw error("Invalid unicode escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("Invalid escape \\" + escaped);
                }
            }
            skipIgnored();
            return text.toString();
        }

        private String name() {
            if (atEnd() || !isNameStart(src.charAt(pos))) {
                throw error("Expected a name, found " + (atEnd() ? "the end of the document" : describe(peek())));
            }
            int start = pos;
            while (pos < src.length() && isNamePart(src.charAt(pos))) {
                pos++;
            }
            String name = src.substring(start, pos);
            skipIgnored();
            return name;
        }

        private void expect(char c) {
            if (atEnd() || src.charAt(pos) != c) {
                throw error("Expected \"" + c + "\", found "
                        + (atEnd() ? "the end of the document" : describe(src.charAt(pos))));
            }
            pos++;
            skipIgnored();
        }

        private char peek() {
            return atEnd() ? '\0' : src.charAt(pos);
        }

        private boolean atEnd() {
            return pos >= src.length();
        }

        private void skipIgnored() {
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == '\n') {
                    pos++;
                    line++;
                    lineStart = pos;
                } else if (c == ' ' || c == '\t' || c == '\r' || c == ',' || c == '\uFEFF') {
                    pos++;
                } else if (c == '#') {
                    while (pos < src.length() && src.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    return;
                }
            }
        }

        private void advanceTo(int end) {
            for (int i = pos; i < end; i++) {
                if (src.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            pos = end;
        }

        private Location location() {
            return new Location(line, pos - lineStart + 1);
        }

        private SyntaxError error(String message) {
            return error(message, location());
        }

        private static SyntaxError error(String message, Location at) {
            return new SyntaxError(message, at);
        }

        private static String describe(char c) {
            return c == '\0' ? "the end of the document" : "\"" + c + "\"";
        }

        private static boolean isNameStart(char c) {
            return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        }

        private static boolean isNamePart(char c) {
            return isNameStart(c) || (c >= '0' && c <= '9');
        }
    }
}
