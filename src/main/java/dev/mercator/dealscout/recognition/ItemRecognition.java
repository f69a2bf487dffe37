package dev.mercator.dealscout.recognition;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Proposes what an item is from its photos, for the seller flow: an optional provider behind a port (an
 * OpenAI-compatible chat-completions API with image input), off by default. The merchant confirms or corrects what it
 * proposes; nothing it says is used as a fact without that.
 */
public interface ItemRecognition {

    /** Whether a provider is configured; when not, {@link #recognize} always answers empty. */
    boolean enabled();

    /**
     * The provider's proposal for the item in the photos, or empty when recognition is off, the provider could not
     * tell, or it failed (a failure is logged and counted, never thrown: the item then waits for the merchant's input).
     *
     * @param photos the stripped photos as stored, in upload order
     * @param hint the merchant's own title or description, if given
     */
    Optional<RecognizedItem> recognize(List<Photo> photos, @Nullable String hint);

    /** A photo as stored: its media type ({@code image/jpeg}, {@code image/png}, {@code image/webp}) and bytes. */
    record Photo(String mediaType, byte[] bytes) {}

    /**
     * What the provider proposed.
     *
     * @param conditionId an eBay condition id ({@code 1000} new … {@code 7000} for parts), null when not proposed
     * @param confidence the provider's own confidence, 0–1, as reported (not calibrated by Mercator)
     */
    record RecognizedItem(
            String title,
            @Nullable String brand,
            @Nullable String model,
            @Nullable String gtin,
            @Nullable String conditionId,
            double confidence) {}
}
