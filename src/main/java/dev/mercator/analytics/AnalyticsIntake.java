package dev.mercator.analytics;

import dev.mercator.platform.MerchantId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The event intake as a Java call, for senders inside Mercator (the sandbox's commerce generator): the same checks,
 * the same journal and the same answers as {@code POST /api/analytics/events}, without an API key or the HTTP batch
 * limit (a long list is journaled in batches of the intake's size, each committed before the next).
 */
public interface AnalyticsIntake {

    /** Takes a merchant's events, each an envelope ({@code id}, {@code type}, {@code version}, ...) as sent over HTTP. */
    Receipt take(MerchantId merchant, List<JsonNode> events);

    /** What became of the events: counts, and each rejected one with its reason codes. */
    record Receipt(int accepted, int duplicates, int rejected, List<Rejection> rejections) {}

    /** A rejected event: its place in the list, its id if it had one, and {@code code at path: message} reasons. */
    record Rejection(int index, @Nullable String id, List<String> reasons) {}
}
