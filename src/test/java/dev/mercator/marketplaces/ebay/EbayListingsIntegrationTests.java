package dev.mercator.marketplaces.ebay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.marketplaces.BuyingFormat;
import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Listing;
import dev.mercator.marketplaces.ListingPage;
import dev.mercator.marketplaces.ListingQuery;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.Marketplaces;
import dev.mercator.marketplaces.source.VendorCalls;
import dev.mercator.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Listings for deal scans: the Browse request eBay specifies (newest first, category, condition, buying format and a
 * price range with its currency in one filter) and what is read from each item summary (shipping into the total, the
 * seller, an auction's current bid), first against eBay's documented shapes, then through the facade against the
 * Browse simulator over HTTP.
 */
class EbayListingsIntegrationTests extends IntegrationTest {

    @Autowired
    Marketplaces marketplaces;

    static ListingQuery query(Set<String> conditions, BuyingFormat format) {
        return new ListingQuery(
                "cable", "58058", conditions, new BigDecimal("1"), new BigDecimal("5000"), "USD", format, null, 1, 50);
    }

    @Test
    void theFilterNamesConditionsBuyingOptionsAndAPriceRangeWithItsCurrency() {
        ListingQuery query = new ListingQuery(
                "lamp",
                "11700",
                Set.of("3000", "1000"),
                new BigDecimal("10"),
                new BigDecimal("50.5"),
                "USD",
                BuyingFormat.FIXED_PRICE,
                null,
                1,
                50);

        assertThat(EbaySource.listingFilter(query, "EBAY_US"))
                .isEqualTo("conditionIds:{1000|3000},buyingOptions:{FIXED_PRICE},price:[10..50.5],priceCurrency:USD");
    }

    @Test
    void anItemSummaryBecomesAListingWithTheCheapestShippingInItsTotalAndItsSeller() {
        Listing listing = EbaySource.toListing(VendorCalls.JSON.readTree("""
                {"itemId": "v1|1234|0", "title": "ThinkPad X1", "conditionId": "3000", "leafCategoryIds": ["177"],
                 "price": {"value": "120.00", "currency": "USD"},
                 "shippingOptions": [{"shippingCostType": "FIXED", "shippingCost": {"value": "12.50", "currency": "USD"}},
                                     {"shippingCostType": "FIXED", "shippingCost": {"value": "9.99", "currency": "USD"}}],
                 "seller": {"username": "pc-parts-99", "feedbackPercentage": "99.1"},
                 "buyingOptions": ["FIXED_PRICE", "BEST_OFFER"], "itemWebUrl": "https://www.ebay.com/itm/1234",
                 "itemEndDate": "2026-12-24T10:00:00.000Z"}
                """));

        assertThat(listing).isNotNull();
        assertThat(listing.total()).isEqualByComparingTo("129.99");
        assertThat(listing.shipping()).isEqualByComparingTo("9.99");
        assertThat(listing.sellerUsername()).isEqualTo("pc-parts-99");
        assertThat(listing.conditionId()).isEqualTo("3000");
        assertThat(listing.categoryId()).isEqualTo("177");
        assertThat(listing.buyingFormat()).isEqualTo(BuyingFormat.FIXED_PRICE);
        assertThat(listing.endsAt()).isEqualTo(Instant.parse("2026-12-24T10:00:00Z"));
    }

    @Test
    void anAuctionIsPricedAtItsCurrentBidAndShippingUnquotedIsUnknownNotFree() {
        Listing auction = EbaySource.toListing(VendorCalls.JSON.readTree("""
                {"itemId": "v1|77|0", "title": "Camera", "buyingOptions": ["AUCTION"],
                 "price": {"value": "10.00", "currency": "USD"}, "currentBidPrice": {"value": "41.00", "currency": "USD"}}
                """));

        assertThat(auction).isNotNull();
        assertThat(auction.price()).isEqualByComparingTo("41.00");
        assertThat(auction.shipping()).isNull();
        assertThat(auction.buyingFormat()).isEqualTo(BuyingFormat.AUCTION);
    }

    @Test
    void theSimulatorAcceptsTheFilterAndHonoursItsConditionsAndBuyingOptions() throws Exception {
        var account = marketplaces.account(null, Marketplace.EBAY);

        ListingPage newOnes = marketplaces.listings(
                Marketplace.EBAY, query(Set.of("1000"), BuyingFormat.FIXED_PRICE), account, Lane.BACKGROUND);
        ListingPage usedOnes = marketplaces.listings(
                Marketplace.EBAY, query(Set.of("3000"), BuyingFormat.FIXED_PRICE), account, Lane.BACKGROUND);
        ListingPage auctions = marketplaces.listings(
                Marketplace.EBAY, query(Set.of(), BuyingFormat.AUCTION), account, Lane.BACKGROUND);

        // Every simulated listing is new and fixed-price: the filter reached it and was applied, not warned about.
        assertThat(newOnes.listings()).isNotEmpty().allSatisfy(listing -> {
            assertThat(listing.conditionId()).isEqualTo("1000");
            assertThat(listing.buyingFormat()).isEqualTo(BuyingFormat.FIXED_PRICE);
            assertThat(listing.price()).isBetween(new BigDecimal("1"), new BigDecimal("5000"));
            assertThat(listing.url()).startsWith("https://www.ebay.com/itm/");
        });
        assertThat(usedOnes.listings()).isEmpty();
        assertThat(auctions.listings()).isEmpty();
    }
}
