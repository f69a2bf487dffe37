package dev.mercator.dealscout.pricing;

import dev.mercator.dealscout.recognition.ItemRecognition.RecognizedItem;
import dev.mercator.platform.work.PeriodicWorker;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processes queued items in the background: {@code received} → {@code identifying} → {@code pricing} → {@code priced}
 * or {@code needs_input}. Each step is a compare-and-set on the item's version ({@link PricingItems#transition}), so
 * of two instances that read the same queued item only one claims it, and a merchant's PATCH in the middle wins over
 * the stale run (whose next step then fails its check and is dropped). A claim holds a lease: an instance that dies
 * mid-item leaves it to be claimed again once the lease is over. Off with {@code
 * mercator.dealscout.pricing.worker-enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "mercator.dealscout.pricing.worker-enabled", havingValue = "true", matchIfMissing = true)
class PricingWorker extends PeriodicWorker {

    private final PricingPass pass;

    PricingWorker(PricingPass pass, PricingSettings settings) {
        super("dealscout-pricing", settings.tick());
        this.pass = pass;
    }

    @Override
    protected void runOnce() {
        pass.run();
    }

    /** One pass over the queue; separate from the worker so tests can drive passes themselves. */
    @Component
    static class PricingPass {

        private static final Logger log = LoggerFactory.getLogger(PricingPass.class);

        private final PricingItems items;
        private final Appraiser appraiser;
        private final PricingSettings settings;
        private final JsonMapper json;
        private final Clock clock;

        PricingPass(PricingItems items, Appraiser appraiser, PricingSettings settings, JsonMapper json, Clock clock) {
            this.items = items;
            this.appraiser = appraiser;
            this.settings = settings;
            this.json = json;
            this.clock = clock;
        }

        /** Processes the items due now; returns how many this instance claimed. */
        int run() {
            int claimed = 0;
            for (PricingItem item : items.due(clock.instant(), settings.batchSize())) {
                if (process(item)) {
                    claimed++;
                }
            }
            return claimed;
        }

        private boolean process(PricingItem item) {
            Instant now = clock.instant();
            Optional<Integer> claim = items.transition(
                    item, PricingStatus.IDENTIFYING, now.plus(settings.lease()), null, null, null, now);
            if (claim.isEmpty()) {
                return false;
            }
            PricingItem current = at(item, claim.get());
            List<PricingItem.Photo> photos = items.photos(item.id());
            RecognizedItem proposal = appraiser.propose(current, photos);
            String proposalJson = proposal == null ? null : json.writeValueAsString(proposal);
            // A marketplace call under the item's lease: a slow or failing lookup is answered, never retried here.
            GtinLookup.Result found = appraiser.lookUp(current, proposal);
            Appraiser.Identification identification = appraiser.identify(current, proposal, found);
            if (identification instanceof Appraiser.Unidentified(String reason)) {
                finish(current, PricingStatus.NEEDS_INPUT, reason, proposalJson, null);
                return true;
            }
            Appraiser.Identified identified = (Appraiser.Identified) identification;
            Instant later = clock.instant();
            Optional<Integer> pricing = items.transition(
                    current, PricingStatus.PRICING, later.plus(settings.lease()), null, proposalJson, null, later);
            if (pricing.isEmpty()) {
                return true; // the merchant changed it meanwhile: it is queued again with the new facts
            }
            current = at(current, pricing.get());
            switch (appraiser.price(identified, proposal)) {
                case Appraiser.Outcome.Priced priced ->
                    finish(
                            current,
                            PricingStatus.PRICED,
                            null,
                            proposalJson,
                            json.writeValueAsString(priced.appraisal()));
                case Appraiser.Outcome.NeedsInput needs ->
                    finish(current, PricingStatus.NEEDS_INPUT, needs.reason(), proposalJson, null);
            }
            return true;
        }

        private void finish(
                PricingItem item,
                PricingStatus status,
                @Nullable String reason,
                @Nullable String proposal,
                @Nullable String answer) {
            if (items.transition(item, status, null, reason, proposal, answer, clock.instant())
                    .isEmpty()) {
                log.info("Pricing item {} changed while it was processed; its new version is queued", item.id());
            }
        }

        private static PricingItem at(PricingItem item, int version) {
            return new PricingItem(
                    item.id(),
                    item.merchant(),
                    item.status(),
                    item.inputs(),
                    item.currency(),
                    item.reason(),
                    item.proposal(),
                    item.answer(),
                    version,
                    item.createdAt(),
                    item.updatedAt());
        }
    }
}
