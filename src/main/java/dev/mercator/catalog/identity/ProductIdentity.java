package dev.mercator.catalog.identity;

import dev.mercator.catalog.product.Gtin;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The catalog's rules for which product a listing is, shared by the catalog's merging and Deal Scout's comparable pools
 * so that "the same product" means one thing in Mercator:
 *
 * <ul>
 *   <li>a GTIN in its canonical 14-digit form (every GTIN-8, UPC, EAN form of one number is one value);
 *   <li>model codes found in a title: a hyphenated code with a letter in its first part and a digit somewhere
 *       ({@code WH-1000XM5}, {@code SM-G991B}), lower-cased without hyphens; "2-Pack" and "3-in-1" do not qualify;
 *   <li>brand and model fields lower-cased with everything but letters and digits removed;
 *   <li>title tokens: lower-cased, diacritics folded, split on anything that is not a letter or digit, filler and
 *       sellers' marketing words ("free shipping", "genuine") dropped, since they say nothing about the product;
 *   <li>variant tokens: the title tokens that tell variants apart (anything with a digit, colours, sizes), so "128GB"
 *       and "256GB" or "red" and "blue" are never the same product.
 * </ul>
 */
public final class ProductIdentity {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Set<String> COLOURS = Set.of(
            "black", "white", "red", "blue", "green", "yellow", "pink", "purple", "orange", "grey", "gray", "silver",
            "gold", "brown", "beige", "navy", "rose");
    private static final Set<String> SIZES =
            Set.of("xs", "s", "m", "l", "xl", "xxl", "xxxl", "small", "medium", "large");
    /** Filler and sellers' marketing words, which say nothing about which product a listing is. */
    private static final Set<String> NOISE = Set.of(
            "the",
            "a",
            "an",
            "and",
            "with",
            "for",
            "of",
            "new",
            "free",
            "shipping",
            "more",
            "hot",
            "sale",
            "original",
            "genuine",
            "authentic",
            "official",
            "fast",
            "delivery",
            "best",
            "price",
            "top",
            "quality");
    /**
     * A hyphenated code with a letter in its first part and a digit somewhere ({@code KI-279R}, {@code SM-G991B});
     * "2-Pack" or "3-in-1" do not qualify.
     */
    private static final Pattern MODEL_CODE =
            Pattern.compile("(?<![\\p{L}\\p{N}-])\\p{L}[\\p{L}\\p{N}]*(?:-[\\p{L}\\p{N}]+)+(?![\\p{L}\\p{N}])");

    private ProductIdentity() {}

    /** The canonical 14-digit GTIN of a raw value as a marketplace gave it, or empty if it is not a valid GTIN. */
    public static Optional<String> gtin(@Nullable String raw) {
        return Gtin.parse(raw).map(Gtin::value);
    }

    /** The model codes a title names, lower-cased without hyphens ({@code WH-1000XM5} → {@code wh1000xm5}). */
    public static Set<String> modelCodes(String title) {
        Set<String> codes = new HashSet<>();
        var matcher = MODEL_CODE.matcher(title);
        while (matcher.find()) {
            String code = matcher.group();
            if (code.chars().anyMatch(Character::isDigit)) {
                codes.add(code.replace("-", "").toLowerCase(Locale.ROOT));
            }
        }
        return codes;
    }

    /** A brand or model field lower-cased, letters and digits only; null when nothing is left. */
    public static @Nullable String normalise(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String normalised = NON_WORD.matcher(value.toLowerCase(Locale.ROOT)).replaceAll("");
        return normalised.isEmpty() ? null : normalised;
    }

    /** The title's tokens: folded, split on non-letters, filler and marketing words dropped. */
    public static Set<String> titleTokens(String title) {
        String lower = title.toLowerCase(Locale.ROOT);
        // Most titles are plain ASCII, which has nothing to fold: skip the Unicode decomposition and its regex, paid
        // for every listing Deal Scout keys.
        String folded = ascii(lower)
                ? lower
                : DIACRITICS
                        .matcher(Normalizer.normalize(lower, Normalizer.Form.NFD))
                        .replaceAll("");
        Set<String> tokens = new HashSet<>();
        for (String token : NON_WORD.split(folded)) {
            if (!token.isEmpty() && !NOISE.contains(token)) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Tokens that tell variants apart: anything with a digit (sizes, capacities, model numbers), colours, sizes. */
    public static Set<String> variantTokens(Set<String> tokens) {
        Set<String> variants = new HashSet<>();
        for (String token : tokens) {
            if (token.chars().anyMatch(Character::isDigit) || COLOURS.contains(token) || SIZES.contains(token)) {
                variants.add(token);
            }
        }
        return variants;
    }
}
