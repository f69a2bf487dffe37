package dev.mercator.catalog.search;

import java.util.List;
import org.springframework.test.context.TestPropertySource;

/**
 * The marketplace failures of {@link CatalogSearchSimulatedFailuresIntegrationTests} with Amazon through PA-API 5.0
 * instead of the Creators API: outage served stale or named, wrong secret and refused request permanent and shown in
 * health, a throttle that lifts waited out, an empty answer negative-cached. Only PA-API's cases run here; the other
 * marketplaces' are the parent's.
 */
@TestPropertySource(properties = "mercator.catalog.amazon.api=paapi")
class CatalogSearchPaApiFailuresIntegrationTests extends CatalogSearchSimulatedFailuresIntegrationTests {

    @Override
    List<Simulator> simulators() {
        return List.of(Simulator.PAAPI, Simulator.ALIEXPRESS, Simulator.EBAY);
    }

    @Override
    List<Simulator> underTest() {
        return List.of(Simulator.PAAPI);
    }
}
