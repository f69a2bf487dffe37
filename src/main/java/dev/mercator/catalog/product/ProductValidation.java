package dev.mercator.catalog.product;

import dev.mercator.marketplaces.RawProduct;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;
import org.jspecify.annotations.Nullable;

/**
 * Validates and sanitises what marketplaces send. Titles are NFKC-normalised, stripped of HTML, control and zero-width
 * characters, whitespace-collapsed and capped; descriptions keep only basic formatting HTML (no scripts, handlers or
 * styles) and are capped before parsing so a multi-megabyte description costs nothing; prices must be positive decimals
 * in a real ISO-4217 currency. An invalid GTIN is dropped (and counted), not a reason to reject the product.
 */
public final class ProductValidation {

    public static final int MAX_TITLE = 300;
    public static final int MAX_DESCRIPTION_INPUT = 200_000;
    public static final int MAX_DESCRIPTION = 20_000;

    /** Why a product was kept out of results. Metric tag values, so they never change once released. */
    public enum Rejection {
        MISSING_TITLE,
        MISSING_PRICE,
        INVALID_PRICE,
        NON_POSITIVE_PRICE,
        UNKNOWN_CURRENCY,
        MISSING_ID;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The outcome: a valid product, or the reason it was rejected; {@code gtinDropped} flags a discarded GTIN. */
    public record Outcome(
            @Nullable ValidProduct product, @Nullable Rejection rejection, boolean gtinDropped) {

        public boolean valid() {
            return product != null;
        }
    }

    // Control characters except none; format characters cover zero-width spaces and joiners, bidi overrides, BOM.
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Safelist DESCRIPTION_TAGS = Safelist.basic();

    private ProductValidation() {}

    public static Outcome validate(RawProduct raw) {
        if (raw.marketplaceId().isBlank()) {
            return rejected(Rejection.MISSING_ID);
        }
        String title = cleanText(raw.title(), MAX_TITLE);
        if (title == null) {
            return rejected(Rejection.MISSING_TITLE);
        }
        if (raw.price() == null || raw.price().isBlank()) {
            return rejected(Rejection.MISSING_PRICE);
        }
        BigDecimal price;
        try {
            price = new BigDecimal(raw.price().strip());
        } catch (NumberFormatException e) {
            return rejected(Rejection.INVALID_PRICE);
        }
        if (price.signum() <= 0) {
            return rejected(Rejection.NON_POSITIVE_PRICE);
        }
        if (price.scale() > 4 || price.precision() - price.scale() > 12) {
            return rejected(Rejection.INVALID_PRICE);
        }
        Optional<String> currency = currency(raw.currency());
        if (currency.isEmpty()) {
            return rejected(Rejection.UNKNOWN_CURRENCY);
        }
        Gtin gtin = null;
        boolean gtinDropped = false;
        for (String candidate : raw.gtins()) {
            Optional<Gtin> parsed = Gtin.parse(candidate);
            if (parsed.isPresent()) {
                gtin = parsed.get();
                break;
            }
            gtinDropped = true;
        }
        String affiliate = url(raw.affiliateUrl());
        String plain = url(raw.productUrl());
        String link = affiliate != null ? affiliate : plain;
        if (link == null) {
            link = fallbackUrl(raw);
        }
        Offer offer = new Offer(
                raw.marketplace(),
                raw.marketplaceId(),
                price.stripTrailingZeros().scale() < 0 ? price.setScale(0) : price.stripTrailingZeros(),
                currency.get(),
                link,
                affiliate != null,
                cleanText(raw.availability(), 100),
                raw.fetchedAt());
        return new Outcome(
                new ValidProduct(
                        title,
                        cleanDescription(raw.description()),
                        cleanText(raw.brand(), 100),
                        cleanText(raw.model(), 100),
                        gtin,
                        url(raw.imageUrl()),
                        offer),
                null,
                gtinDropped && gtin == null);
    }

    /** NFKC, no markup, no invisible characters, single spaces, capped on a character boundary; null if nothing is left. */
    public static @Nullable String cleanText(@Nullable String raw, int max) {
        if (raw == null) {
            return null;
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        if (text.indexOf('<') >= 0 || text.indexOf('&') >= 0) {
            // Parsing as HTML drops tags (and script contents) and decodes entities.
            text = Jsoup.parse(text).text();
        }
        text = INVISIBLE.matcher(text).replaceAll(" ");
        text = SPACES.matcher(text).replaceAll(" ").strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > max) {
            text = text.substring(0, text.offsetByCodePoints(0, max)).strip();
        }
        return text;
    }

    /** Basic formatting HTML only: no scripts, styles, event handlers or javascript: links. */
    public static @Nullable String cleanDescription(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String input = raw.length() > MAX_DESCRIPTION_INPUT ? raw.substring(0, MAX_DESCRIPTION_INPUT) : raw;
        String safe = Jsoup.clean(Normalizer.normalize(input, Normalizer.Form.NFKC), DESCRIPTION_TAGS);
        safe = INVISIBLE.matcher(safe).replaceAll(" ").strip();
        if (safe.isEmpty()) {
            return null;
        }
        return safe.length() > MAX_DESCRIPTION
                ? Jsoup.clean(safe.substring(0, MAX_DESCRIPTION), DESCRIPTION_TAGS)
                : safe;
    }

    private static Optional<String> currency(@Nullable String code) {
        if (code == null || !code.strip().matches("[A-Za-z]{3}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    Currency.getInstance(code.strip().toUpperCase(Locale.ROOT)).getCurrencyCode());
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static @Nullable String url(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String url = raw.strip();
        return url.startsWith("https://") || url.startsWith("http://") ? url : null;
    }

    /** The marketplace's canonical page for an id, so a result never lacks a link. */
    private static String fallbackUrl(RawProduct raw) {
        return switch (raw.marketplace()) {
            case AMAZON -> "https://www.amazon.com/dp/" + raw.marketplaceId();
            case ALIEXPRESS -> "https://www.aliexpress.com/item/" + raw.marketplaceId() + ".html";
            case EBAY -> "https://www.ebay.com/itm/" + raw.marketplaceId();
        };
    }

    private static Outcome rejected(Rejection rejection) {
        return new Outcome(null, rejection, false);
    }
}
