package dev.mercator.marketplaces.ebay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceFailure.Kind;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.marketplaces.source.VendorCalls;
import dev.mercator.marketplaces.source.VendorCalls.Reply;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * The Browse {@code filter} Mercator sends (eBay ignores a {@code price} filter without a valid {@code priceCurrency})
 * and how the adapter reads what eBay answers to one.
 */
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
    void aLowerBoundAloneIsWrittenInTheFormEbayDocumentsNotWithOpenDots() {
        SourceQuery atLeastTen = new SourceQuery("lamp", 1, 10, new BigDecimal("10.00"), null, "usd");

        assertThat(EbaySource.filter(atLeastTen, "EBAY_US")).isEqualTo("price:[10],priceCurrency:USD");
    }

    @Test
    void boundsAreWholeCentsRoundedInwardsSoNothingOutsideTheRangePasses() {
        SourceQuery fine = new SourceQuery("lamp", 1, 10, new BigDecimal("10.001"), new BigDecimal("20.999"), "USD");

        assertThat(EbaySource.filter(fine, "EBAY_US")).isEqualTo("price:[10.01..20.99],priceCurrency:USD");
    }

    @Test
    void boundsCloserThanACentLeaveNothingToAskFor() {
        assertThat(EbaySource.emptyRange(
                        new SourceQuery("lamp", 1, 10, new BigDecimal("10.001"), new BigDecimal("10.009"), "USD")))
                .isTrue();
        assertThat(EbaySource.emptyRange(
                        new SourceQuery("lamp", 1, 10, new BigDecimal("10.00"), new BigDecimal("10.00"), "USD")))
                .isFalse();
        assertThat(EbaySource.emptyRange(new SourceQuery("lamp", 1, 10, new BigDecimal("10.001"), null, "USD")))
                .isFalse();
    }

    @Test
    void noPriceBoundsNoFilter() {
        assertThat(EbaySource.filter(new SourceQuery("lamp", 1, 10, null, null, "USD"), "EBAY_US"))
                .isNull();
    }

    @Test
    void aPageOnWhichEbayIgnoredOurFilterIsAPermanentFailureNotResults() {
        JsonNode page = json("{\"warnings\":[{\"errorId\":12012,\"domain\":\"API_BROWSE\",\"category\":\"REQUEST\","
                + "\"message\":\"A valid 'price' filter and a valid 'priceCurrency' filter is necessary to filter based on"
                + " price.\"}],\"total\":900,\"itemSummaries\":[]}");

        SourceFailure failure = EbaySource.ignoredFilter(page, "price:[..50]");

        assertThat(failure).isNotNull();
        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("price:[..50]").contains("errorId 12012");
    }

    @Test
    void otherWarningsAndWarningsWithoutAFilterOfOursAreNoFailure() {
        JsonNode sortWarning =
                json("{\"warnings\":[{\"errorId\":12008,\"message\":\"The 'sort' value is invalid.\"}]}");
        JsonNode filterWarning = json("{\"warnings\":[{\"errorId\":12002,\"message\":\"invalid\"}]}");

        assertThat(EbaySource.ignoredFilter(sortWarning, "price:[..50],priceCurrency:USD"))
                .isNull();
        assertThat(EbaySource.ignoredFilter(filterWarning, null)).isNull();
        assertThat(EbaySource.ignoredFilter(json("{\"total\":0}"), "price:[..50],priceCurrency:USD"))
                .isNull();
    }

    @Test
    void aRequestErrorIsOurBugPermanentAndNamesTheRefusedParameter() {
        SourceFailure failure = EbaySource.failure(
                reply(
                        400,
                        "{\"errors\":[{\"errorId\":12002,\"domain\":\"API_BROWSE\",\"category\":\"REQUEST\",\"message\":\"The"
                                + " 'filter' value is invalid.\",\"parameters\":[{\"name\":\"filter\",\"value\":\"price:[\"}]}]}"));

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage())
                .isEqualTo("HTTP 400: errorId 12002 [filter=price:[]: The 'filter' value is invalid.");
    }

    @Test
    void anApplicationErrorIsEbaysOwnFailureTransientWhateverItsStatus() {
        String internal = "{\"errors\":[{\"errorId\":12000,\"domain\":\"API_BROWSE\",\"category\":\"APPLICATION\","
                + "\"message\":\"There was a problem with an eBay internal system or process.\"}]}";

        assertThat(EbaySource.failure(reply(500, internal)).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(EbaySource.failure(reply(400, internal)).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(EbaySource.failure(reply(429, "{\"errors\":[{\"errorId\":2001,\"category\":\"REQUEST\"}]}"))
                        .kind())
                .isEqualTo(Kind.RATE_LIMITED);
    }

    private static Reply reply(int status, String body) {
        return new Reply(status, new HttpHeaders(), body);
    }

    private static JsonNode json(String text) {
        return VendorCalls.JSON.readTree(text);
    }
}
