package dev.mercator.platform.http.heartbeat;

import dev.mercator.platform.health.ComponentHealth;
import dev.mercator.platform.health.ComponentStatus;
import dev.mercator.platform.http.OutboundFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reports whether heartbeat answers. Health is polled by load balancers and dashboards, often several times a second;
 * one probe result is reused for a few seconds so that polling never becomes traffic to the provider (nor spends its
 * rate limit), and concurrent checks wait for one probe instead of each sending their own.
 */
@Component
class HeartbeatHealth implements ComponentHealth {

    static final Duration PROBE_TTL = Duration.ofSeconds(5);

    private final HeartbeatClient client;
    private final Clock clock;
    private final Duration ttl;
    private volatile @Nullable Probe last;

    @Autowired
    HeartbeatHealth(HeartbeatClient client) {
        this(client, Clock.systemUTC(), PROBE_TTL);
    }

    HeartbeatHealth(HeartbeatClient client, Clock clock, Duration ttl) {
        this.client = client;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public String name() {
        return "provider:" + HeartbeatSettings.NAME;
    }

    @Override
    public boolean critical() {
        // Mercator serves its own data without heartbeat; losing it degrades, never downs, the service.
        return false;
    }

    @Override
    public boolean enabled() {
        return client.available();
    }

    @Override
    public ComponentStatus check() {
        Probe cached = last;
        if (cached != null && fresh(cached)) {
            return cached.status();
        }
        synchronized (this) {
            cached = last;
            if (cached != null && fresh(cached)) {
                return cached.status();
            }
            Probe probe = new Probe(probe(), clock.instant());
            last = probe;
            return probe.status();
        }
    }

    private boolean fresh(Probe probe) {
        return clock.instant().isBefore(probe.at().plus(ttl));
    }

    private ComponentStatus probe() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("mode", client.mode().value());
        try {
            client.ping();
            return ComponentStatus.up("reachable").with(facts);
        } catch (RuntimeException failure) {
            // check() must never throw: every failure, expected or not, becomes a reason.
            OutboundFailure why = OutboundFailure.of(failure);
            if (why.retryAfter() != null) {
                facts.put("retryAfter", why.retryAfter());
            }
            return ComponentStatus.down(why.reason()).with(facts);
        }
    }

    private record Probe(ComponentStatus status, Instant at) {}
}
