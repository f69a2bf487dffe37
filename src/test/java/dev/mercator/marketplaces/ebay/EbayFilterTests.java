package dev.mercator.marketplaces.ebay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.marketplaces.SourceQuery;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The Browse {@code filter} Mercator sends: eBay refuses a {@code price} filter without {@code priceCurrency}. */
class EbayFilterTests {

    @Test
    void aPriceRangeAlwaysCarriesItsCurrencyTheQuerysOrElseTheMarketplaces() {
        SourceQuery inEuros = new SourceQuery("lamp", 1, 10, new BigDecimal("10"), new BigDecimal("50.5"), "EUR");
        SourceQuery noCurrency = new SourceQuery("lamp", 1, 10, null, new BigDecimal("50"), null);

        assertThat(EbaySource.filter(inEuros, "EBAY_US")).isEqualTo("price:[10..50.5],priceCurrency:EUR");
        assertThat(EbaySource.filter(noCurrency, "EBAY_GB")).isEqualTo("price:[..50],priceCurrency:GBP");
        assertThat(EbaySource.filter(noCurrency, "EBAY_DE")).isEqualTo("price:[..50],priceCurrency:EUR");
        assertThat(EbaySource.filter(noCurrency, "EBAY_US")).isEqualTo("price:[..50],priceCurrency:USD");
    }

    @Test
    void noPriceBoundsNoFilter() {
        assertThat(EbaySource.filter(new SourceQuery("lamp", 1, 10, null, null, "USD"), "EBAY_US"))
                .isNull();
    }
}
