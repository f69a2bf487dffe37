package dev.mercator.platform.health;

import java.util.Map;

/** What a {@link ComponentHealth} found: up or down, a human reason, and optional facts (latency, backlog...). */
public record ComponentStatus(boolean up, String detail, Map<String, Object> facts) {

    public static ComponentStatus up(String detail) {
        return new ComponentStatus(true, detail, Map.of());
    }

    public static ComponentStatus down(String detail) {
        return new ComponentStatus(false, detail, Map.of());
    }

    public ComponentStatus with(Map<String, Object> moreFacts) {
        return new ComponentStatus(up, detail, Map.copyOf(moreFacts));
    }
}
