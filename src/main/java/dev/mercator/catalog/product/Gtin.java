package dev.mercator.catalog.product;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A GS1 trade item number in its canonical 14-digit form, the key that joins the same product across marketplaces.
 * GTIN-8, UPC-A (12), EAN-13 and GTIN-14 are accepted with spaces or hyphens; zero-padding to 14 digits never changes
 * the check digit, so every form of one number normalises to the same value. Anything else, including a wrong check
 * digit or eBay's "Does not apply", is rejected.
 */
public record Gtin(String value) {

    public Gtin {
        if (value.length() != 14 || !digits(value) || checkDigit(value) != value.charAt(13) - '0') {
            throw new IllegalArgumentException("not a valid GTIN-14: " + value);
        }
    }

    /** The GTIN-14 for a raw value as a marketplace gave it, or empty if it is not a valid GTIN. */
    public static Optional<Gtin> parse(@Nullable String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String compact = raw.strip().replace(" ", "").replace("-", "");
        int length = compact.length();
        if ((length != 8 && length != 12 && length != 13 && length != 14) || !digits(compact)) {
            return Optional.empty();
        }
        String padded = "0".repeat(14 - length) + compact;
        if (checkDigit(padded) != padded.charAt(13) - '0') {
            return Optional.empty();
        }
        return Optional.of(new Gtin(padded));
    }

    public static boolean isValid(@Nullable String raw) {
        return parse(raw).isPresent();
    }

    /**
     * The GS1 check digit of the first 13 digits of a 14-digit string: weights 3, 1, 3, ... from the rightmost data
     * digit leftwards.
     */
    static int checkDigit(String fourteen) {
        int sum = 0;
        for (int i = 12, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (fourteen.charAt(i) - '0') * weight;
        }
        return (10 - sum % 10) % 10;
    }

    /** The same number completed with its check digit: {@code data} holds 7, 11, 12 or 13 digits. */
    public static Gtin withCheckDigit(String data) {
        if (!digits(data) || data.length() < 7 || data.length() > 13) {
            throw new IllegalArgumentException("GTIN data must be 7 to 13 digits");
        }
        String padded = "0".repeat(13 - data.length()) + data + "0";
        return new Gtin(padded.substring(0, 13) + checkDigit(padded));
    }

    /** The 13-digit EAN form when the number has one (a leading zero), else the full 14 digits. */
    public String ean13() {
        return value.charAt(0) == '0' ? value.substring(1) : value;
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
