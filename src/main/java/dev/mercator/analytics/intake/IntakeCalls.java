package dev.mercator.analytics.intake;

import dev.mercator.analytics.AnalyticsIntake;
import dev.mercator.platform.MerchantId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@link AnalyticsIntake} over the same {@link EventIntake} the HTTP endpoint uses, in batches of its size. */
@Component
class IntakeCalls implements AnalyticsIntake {

    private final EventIntake intake;
    private final IntakeSettings settings;

    IntakeCalls(EventIntake intake, IntakeSettings settings) {
        this.intake = intake;
        this.settings = settings;
    }

    @Override
    public Receipt take(MerchantId merchant, List<JsonNode> events) {
        int accepted = 0;
        int duplicates = 0;
        List<Rejection> rejections = new ArrayList<>();
        for (int from = 0; from < events.size(); from += settings.maxBatchSize()) {
            List<JsonNode> batch = events.subList(from, Math.min(events.size(), from + settings.maxBatchSize()));
            for (EventIntake.Outcome outcome : intake.take(merchant, batch)) {
                switch (outcome.status()) {
                    case ACCEPTED -> accepted++;
                    case DUPLICATE -> duplicates++;
                    case REJECTED ->
                        rejections.add(new Rejection(
                                from + outcome.index(),
                                outcome.id(),
                                outcome.reasons().stream()
                                        .map(r -> r.code() + " at " + r.field() + ": " + r.message())
                                        .toList()));
                }
            }
        }
        return new Receipt(accepted, duplicates, rejections.size(), List.copyOf(rejections));
    }
}
