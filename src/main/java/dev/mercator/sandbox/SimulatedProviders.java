package dev.mercator.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The simulators present, by name. */
@Component
@ConditionalOnSandbox
class SimulatedProviders {

    private final Map<String, SimulatedProvider> byName = new TreeMap<>();

    SimulatedProviders(List<SimulatedProvider> providers) {
        for (SimulatedProvider provider : providers) {
            SimulatedProvider clash = byName.put(provider.name(), provider);
            if (clash != null) {
                throw new IllegalStateException("Two simulators claim /sandbox/" + provider.name() + ": "
                        + clash.getClass().getName() + " and "
                        + provider.getClass().getName());
            }
        }
    }

    Optional<SimulatedProvider> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Set<String> names() {
        return byName.keySet();
    }
}
