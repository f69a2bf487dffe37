package dev.mercator.dealscout.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PoolKeysTests {

    static ItemFacts item(
            @Nullable String gtin, @Nullable String brand, @Nullable String model, String title, int condition) {
        return new ItemFacts("9355", gtin, brand, model, title, condition, "usd");
    }

    @Test
    void everyFormOfOneGtinIsOnePool() {
        List<PoolKey> upc = PoolKeys.chain(item("012345678905", null, null, "Sony headphones", 3000));
        List<PoolKey> ean = PoolKeys.chain(item("0012345678905", null, null, "SONY Headphones used", 3000));

        assertThat(upc.getFirst()).isEqualTo(ean.getFirst());
        assertThat(upc.getFirst().product()).isEqualTo(new ProductKey(ProductKey.Kind.GTIN, "00012345678905"));
        assertThat(upc.getFirst().toString()).isEqualTo("9355|gtin:00012345678905|3000|USD");
    }

    @Test
    void theChainGoesFromExactConditionToItsFamilyToTitleTokens() {
        // Title tokens as the catalog splits them: on anything not a letter or digit, so WH-1000XM5 is "wh", "1000xm5".
        List<PoolKey> chain =
                PoolKeys.chain(item("012345678905", null, null, "Sony WH-1000XM5 Wireless Headphones Black", 4000));

        assertThat(chain)
                .extracting(PoolKey::toString)
                .containsExactly(
                        "9355|gtin:00012345678905|4000|USD",
                        "9355|gtin:00012345678905|family:used|USD",
                        "9355|title:1000xm5 black headphones sony wh wireless|family:used|USD");
    }

    @Test
    void anInvalidGtinIsIgnoredAndBrandAndModelIdentifyTheProduct() {
        List<PoolKey> chain = PoolKeys.chain(item("012345678900", "Sony", "WH-1000XM5", "Headphones", 1000));

        assertThat(chain.getFirst().product()).isEqualTo(new ProductKey(ProductKey.Kind.MODEL, "sony/wh1000xm5"));
    }

    @Test
    void aSingleModelCodeInTheTitleIdentifiesTheProduct() {
        List<PoolKey> chain = PoolKeys.chain(item(null, null, null, "Sony WH-1000XM5 headphones, black", 3000));

        assertThat(chain.getFirst().product()).isEqualTo(new ProductKey(ProductKey.Kind.MODEL, "wh1000xm5"));
    }

    @Test
    void anAccessoryNamingAModelIsNotPooledWithThatModel() {
        List<PoolKey> pads = PoolKeys.chain(item(null, null, null, "Replacement ear pads for Sony WH-1000XM5", 1000));

        assertThat(pads.getFirst().product().kind()).isEqualTo(ProductKey.Kind.TITLE);
        assertThat(pads.getFirst().product().value()).contains("pads");
    }

    @Test
    void conditionWordsDoNotSplitOneProductIntoTwoPools() {
        PoolKey used = PoolKeys.chain(item(null, null, null, "Apple iPad 9th gen 64GB used", 3000))
                .getFirst();
        PoolKey tested = PoolKeys.chain(item(null, null, null, "Apple iPad 9th Gen 64GB - tested, working", 3000))
                .getFirst();

        assertThat(used).isEqualTo(tested);
    }

    @Test
    void variantsStayApart() {
        PoolKey small = PoolKeys.chain(item(null, null, null, "Apple iPad 9th gen 64GB", 3000))
                .getFirst();
        PoolKey large = PoolKeys.chain(item(null, null, null, "Apple iPad 9th gen 256GB", 3000))
                .getFirst();

        assertThat(small).isNotEqualTo(large);
    }

    @Test
    void aTitleThatNamesNoProductHasNoPoolAtAll() {
        // Never a category-wide pool: that is how a motherboard gets valued against whole laptops.
        assertThat(PoolKeys.chain(item(null, null, null, "NEW!! free shipping, best price", 3000)))
                .isEmpty();
    }

    @Test
    void forPartsIsAFamilyOfItsOwn() {
        PoolKey parts = PoolKeys.chain(item("012345678905", null, null, "Sony headphones", 7000))
                .get(1);

        assertThat(parts.family()).isEqualTo(ItemCondition.Family.FOR_PARTS);
        assertThat(ItemCondition.ofId(7000).orElseThrow().family()).isNotEqualTo(ItemCondition.USED.family());
    }

    @Test
    void anUnknownConditionIdIsRefused() {
        assertThatThrownBy(() -> PoolKeys.chain(item(null, null, null, "Sony headphones", 3500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3500");
    }
}
