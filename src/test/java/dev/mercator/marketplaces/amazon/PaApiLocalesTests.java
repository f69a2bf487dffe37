package dev.mercator.marketplaces.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaApiLocalesTests {

    @ParameterizedTest
    @CsvSource({
        "www.amazon.com, webservices.amazon.com, us-east-1",
        "www.amazon.com.br, webservices.amazon.com.br, us-east-1",
        "www.amazon.co.uk, webservices.amazon.co.uk, eu-west-1",
        "www.amazon.ie, webservices.amazon.ie, eu-west-1",
        "www.amazon.de, webservices.amazon.de, eu-west-1",
        "www.amazon.in, webservices.amazon.in, eu-west-1",
        "www.amazon.co.jp, webservices.amazon.co.jp, us-west-2",
        "www.amazon.com.au, webservices.amazon.com.au, us-west-2",
    })
    void regionalHostsAndRegions(String marketplace, String host, String region) {
        assertThat(PaApiLocales.of(marketplace)).contains(new PaApiLocales.Locale(host, region));
    }

    @ParameterizedTest
    @CsvSource({"www.amazon.cn", "amazon.com", "www.example.com"})
    void unknownMarketplacesHaveNone(String marketplace) {
        assertThat(PaApiLocales.of(marketplace)).isEmpty();
    }
}
