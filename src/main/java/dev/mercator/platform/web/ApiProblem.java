package dev.mercator.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by any module to answer with a specific problem. The detail is shown to the client, so it must never carry
 * internals or secrets.
 */
public class ApiProblem extends RuntimeException {

    private final ProblemType type;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiProblem(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(ProblemType.NOT_FOUND, detail);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(ProblemType.BAD_REQUEST, detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(ProblemType.CONFLICT, detail);
    }

    public ApiProblem with(String name, @Nullable Object value) {
        if (value != null) {
            properties.put(name, value);
        }
        return this;
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        return message == null ? type.title() : message;
    }
}
