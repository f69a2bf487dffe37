package dev.mercator.inventory.ledger;

import dev.mercator.platform.web.ApiProblem;
import java.util.regex.Pattern;

/** What a SKU may look like: printable, no path separators or whitespace, at most 100 characters. */
public final class Skus {

    private static final Pattern VALID = Pattern.compile("[\\p{Alnum}._\\-+#:]{1,100}");

    private Skus() {}

    public static String valid(String sku) {
        if (!VALID.matcher(sku).matches()) {
            throw new ApiProblem(
                            dev.mercator.platform.web.ProblemType.VALIDATION,
                            "A SKU is 1 to 100 letters, digits or . _ - + # :")
                    .with("errors", java.util.List.of(java.util.Map.of("field", "sku", "message", "invalid SKU")));
        }
        return sku;
    }
}
