package dev.mercator.inventory.channel;

import dev.mercator.platform.web.ApiProblem;
import java.util.Locale;

/** A sales channel whose offered quantity Mercator keeps in step with the physical count. */
public enum Channel {
    SHOPIFY,
    AMAZON;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel of(String id) {
        for (Channel channel : values()) {
            if (channel.id().equalsIgnoreCase(id)) {
                return channel;
            }
        }
        throw ApiProblem.badRequest("Unknown channel '" + id + "'; expected shopify or amazon");
    }
}
