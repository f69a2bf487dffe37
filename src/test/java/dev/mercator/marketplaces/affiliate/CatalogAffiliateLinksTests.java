package dev.mercator.marketplaces.affiliate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogAffiliateLinksTests {

    @Test
    void anExistingTagIsReplacedNotKept() {
        assertThat(AffiliateLinks.withParam("https://www.amazon.com/dp/B01?tag=other-20&th=1", "tag=mine-21"))
                .isEqualTo("https://www.amazon.com/dp/B01?th=1&tag=mine-21");
        assertThat(AffiliateLinks.withParam("https://www.amazon.com/dp/B01?th=1&tag=other-20", "tag=mine-21"))
                .isEqualTo("https://www.amazon.com/dp/B01?th=1&tag=mine-21");
        assertThat(AffiliateLinks.withParam("https://www.ebay.com/itm/1#desc", "campid=5"))
                .isEqualTo("https://www.ebay.com/itm/1?campid=5");
    }
}
