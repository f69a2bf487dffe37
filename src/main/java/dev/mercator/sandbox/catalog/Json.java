package dev.mercator.sandbox.catalog;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON building for the simulators, whose bodies are written in each vendor's own field names. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(Object node) {
        return MAPPER.writeValueAsString(node);
    }
}
