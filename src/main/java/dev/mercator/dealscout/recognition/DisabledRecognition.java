package dev.mercator.dealscout.recognition;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Recognition switched off (the default): no provider is called and nothing leaves this machine. */
final class DisabledRecognition implements ItemRecognition {

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public Optional<RecognizedItem> recognize(List<Photo> photos, @Nullable String hint) {
        return Optional.empty();
    }
}
