package dev.mercator.dealscout.valuation;

/**
 * Which product a comparable pool holds, from the most to the least exact evidence of identity: a GTIN, a brand and
 * model (or a single model code in the title), or the title's tokens.
 *
 * @param kind how the product was identified
 * @param value the normalised identity: a 14-digit GTIN, {@code brand/model} or a model code, or the title's sorted
 *     tokens joined by spaces
 */
public record ProductKey(Kind kind, String value) {

    public enum Kind {
        GTIN,
        MODEL,
        TITLE
    }

    public ProductKey {
        if (value.isBlank()) {
            throw new IllegalArgumentException("a product key needs a value");
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + value;
    }
}
