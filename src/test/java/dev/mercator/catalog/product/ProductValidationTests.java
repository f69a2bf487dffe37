package dev.mercator.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ProductValidationTests {

    static RawProduct raw(
            @Nullable String title, @Nullable String price, @Nullable String currency, List<String> gtins) {
        return new RawProduct(
                Marketplace.EBAY,
                "1234567890",
                title,
                null,
                "Acme",
                null,
                price,
                currency,
                gtins,
                "https://img.example/x.jpg",
                "https://www.ebay.com/itm/1234567890",
                null,
                "IN_STOCK",
                Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void titlesLoseMarkupScriptsInvisibleCharactersAndExtraSpace() {
        ValidProduct product = ProductValidation.validate(raw(
                        "<b>Steel</b>\u200b  Mug<script>alert('x')</script> &amp; Lid\u0007\u202e",
                        "12.50",
                        "USD",
                        List.of()))
                .product();

        assertThat(product).isNotNull();
        assertThat(product.title()).isEqualTo("Steel Mug & Lid");
    }

    @Test
    void titlesAreNfkcNormalisedAndCapped() {
        String fullWidth = "ＡＣＭＥ Mug";
        assertThat(ProductValidation.cleanText(fullWidth, 300)).isEqualTo("ACME Mug");
        String long_ = "x".repeat(1000);
        assertThat(ProductValidation.cleanText(long_, 300)).hasSize(300);
        assertThat(ProductValidation.cleanText("  <i></i> \u200b ", 300)).isNull();
    }

    @Test
    void descriptionsKeepBasicFormattingOnly() {
        String description = ProductValidation.cleanDescription(
                "<p onclick='steal()'>Great <b>mug</b><script>evil()</script><img src=x onerror=alert(1)>"
                        + "<a href='javascript:alert(1)'>link</a><style>p{}</style></p>");

        assertThat(description)
                .contains("<b>mug</b>")
                .doesNotContain("script")
                .doesNotContain("onclick")
                .doesNotContain("onerror")
                .doesNotContain("javascript:")
                .doesNotContain("<style");
    }

    @Test
    void multiMegabyteDescriptionsAreCapped() {
        String huge = "<p>" + "spam ".repeat(2_000_000) + "</p>";

        String description = ProductValidation.cleanDescription(huge);

        assertThat(description).isNotNull();
        assertThat(description.length()).isLessThanOrEqualTo(ProductValidation.MAX_DESCRIPTION + 100);
    }

    @Test
    void pricesMustBePositiveDecimalsInARealCurrency() {
        assertThat(ProductValidation.validate(raw("Mug", null, "USD", List.of()))
                        .rejection())
                .isEqualTo(ProductValidation.Rejection.MISSING_PRICE);
        assertThat(ProductValidation.validate(raw("Mug", "0", "USD", List.of())).rejection())
                .isEqualTo(ProductValidation.Rejection.NON_POSITIVE_PRICE);
        assertThat(ProductValidation.validate(raw("Mug", "-4.99", "USD", List.of()))
                        .rejection())
                .isEqualTo(ProductValidation.Rejection.NON_POSITIVE_PRICE);
        assertThat(ProductValidation.validate(raw("Mug", "12,99", "USD", List.of()))
                        .rejection())
                .isEqualTo(ProductValidation.Rejection.INVALID_PRICE);
        assertThat(ProductValidation.validate(raw("Mug", "12.99", "XYZ", List.of()))
                        .rejection())
                .isEqualTo(ProductValidation.Rejection.UNKNOWN_CURRENCY);
        assertThat(ProductValidation.validate(raw("Mug", "12.99", "dollars", List.of()))
                        .rejection())
                .isEqualTo(ProductValidation.Rejection.UNKNOWN_CURRENCY);
        assertThat(ProductValidation.validate(raw(null, "12.99", "USD", List.of()))
                        .rejection())
                .isEqualTo(ProductValidation.Rejection.MISSING_TITLE);

        Offer offer = ProductValidation.validate(raw("Mug", "12.990", "eur", List.of()))
                .product()
                .offer();
        assertThat(offer.price()).isEqualByComparingTo("12.99");
        assertThat(offer.currency()).isEqualTo("EUR");
    }

    @Test
    void invalidGtinsAreDroppedValidOnesBecomeGtin14() {
        ProductValidation.Outcome broken = ProductValidation.validate(raw("Mug", "5", "USD", List.of("4006381333932")));
        ProductValidation.Outcome upc = ProductValidation.validate(raw("Mug", "5", "USD", List.of("036000291452")));

        assertThat(broken.valid()).isTrue();
        assertThat(broken.product().gtin()).isNull();
        assertThat(broken.gtinDropped()).isTrue();
        assertThat(upc.product().gtin().value()).isEqualTo("00036000291452");
        assertThat(upc.gtinDropped()).isFalse();
    }

    @Test
    void aProductNeverLacksALink() {
        RawProduct noUrls = new RawProduct(
                Marketplace.AMAZON,
                "B071VG5N9D",
                "Carry-On",
                null,
                null,
                null,
                "99.00",
                "USD",
                List.of(),
                null,
                "javascript:alert(1)",
                null,
                null,
                Instant.now());

        Offer offer = ProductValidation.validate(noUrls).product().offer();

        assertThat(offer.url()).isEqualTo("https://www.amazon.com/dp/B071VG5N9D");
        assertThat(offer.affiliate()).isFalse();
    }
}
