package dev.mercator.inventory.amazon;

import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.platform.http.ProviderMode;
import org.springframework.stereotype.Component;

/**
 * Where a seller's calls go. SP-API has one host per region and Login with Amazon another host again, so unlike
 * single-host providers the adapter writes absolute URLs: the simulator's base in sandbox mode (its paths mirror
 * Amazon's, {@code /auth/o2/token} included), Amazon's regional hosts in live mode.
 */
@Component
class AmazonEndpoints {

    private final ProviderEndpoints endpoints;
    private final AmazonSettings settings;

    AmazonEndpoints(ProviderEndpoints endpoints, AmazonSettings settings) {
        this.endpoints = endpoints;
        this.settings = settings;
    }

    String spApi(String region) {
        return live() ? trim(settings.liveEndpoint(region)) : sandbox();
    }

    String lwa() {
        return live() ? String.valueOf(settings.lwaUrl()) : sandbox() + "/auth/o2/token";
    }

    private boolean live() {
        return endpoints.mode(settings) == ProviderMode.LIVE;
    }

    private String sandbox() {
        return trim(endpoints.baseUrl(settings).toString());
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
