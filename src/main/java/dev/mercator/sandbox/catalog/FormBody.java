package dev.mercator.sandbox.catalog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * An {@code application/x-www-form-urlencoded} body parsed by the simulator itself, merged over the query parameters.
 * The servlet's own parameter parsing cannot be relied on here: request logging reads the body first.
 */
public final class FormBody {

    private FormBody() {}

    public static MultiValueMap<String, String> parse(MultiValueMap<String, String> query, @Nullable String body) {
        MultiValueMap<String, String> merged = new LinkedMultiValueMap<>(query);
        if (body == null || body.isBlank()) {
            return merged;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!merged.containsKey(name) || !merged.get(name).contains(value)) {
                merged.add(name, value);
            }
        }
        return merged;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
