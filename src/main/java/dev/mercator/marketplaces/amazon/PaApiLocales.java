package dev.mercator.marketplaces.amazon;

import java.util.Map;
import java.util.Optional;

/**
 * PA-API 5.0's host and SigV4 region per marketplace: a request for www.amazon.de must go to webservices.amazon.de
 * and be signed for eu-west-1, whatever the instance's own marketplace is. The list is PA-API's Locale Reference
 * (webservices.amazon.com/paapi5/documentation/locale-reference.html) as last published, with Ireland.
 */
final class PaApiLocales {

    /** A marketplace's PA-API host and the region its signatures are scoped to. */
    record Locale(String host, String region) {}

    private static final Map<String, String> REGIONS = Map.ofEntries(
            Map.entry("www.amazon.com", "us-east-1"),
            Map.entry("www.amazon.ca", "us-east-1"),
            Map.entry("www.amazon.com.mx", "us-east-1"),
            Map.entry("www.amazon.com.br", "us-east-1"),
            Map.entry("www.amazon.co.uk", "eu-west-1"),
            Map.entry("www.amazon.ie", "eu-west-1"),
            Map.entry("www.amazon.de", "eu-west-1"),
            Map.entry("www.amazon.fr", "eu-west-1"),
            Map.entry("www.amazon.it", "eu-west-1"),
            Map.entry("www.amazon.es", "eu-west-1"),
            Map.entry("www.amazon.nl", "eu-west-1"),
            Map.entry("www.amazon.se", "eu-west-1"),
            Map.entry("www.amazon.pl", "eu-west-1"),
            Map.entry("www.amazon.com.be", "eu-west-1"),
            Map.entry("www.amazon.in", "eu-west-1"),
            Map.entry("www.amazon.com.tr", "eu-west-1"),
            Map.entry("www.amazon.ae", "eu-west-1"),
            Map.entry("www.amazon.sa", "eu-west-1"),
            Map.entry("www.amazon.eg", "eu-west-1"),
            Map.entry("www.amazon.co.jp", "us-west-2"),
            Map.entry("www.amazon.sg", "us-west-2"),
            Map.entry("www.amazon.com.au", "us-west-2"));

    private PaApiLocales() {}

    /** The host and region of a marketplace domain, e.g. {@code www.amazon.co.uk}; empty if PA-API has none. */
    static Optional<Locale> of(String marketplace) {
        String region = REGIONS.get(marketplace);
        if (region == null) {
            return Optional.empty();
        }
        return Optional.of(new Locale("webservices." + marketplace.substring("www.".length()), region));
    }
}
