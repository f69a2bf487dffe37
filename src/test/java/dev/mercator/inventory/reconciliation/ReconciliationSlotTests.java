package dev.mercator.inventory.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.platform.MerchantId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each merchant's scheduled slot: fixed by its id, once per interval, spread over the interval across merchants. */
class ReconciliationSlotTests {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aMerchantsSlotIsTheLatestStartAtOrBeforeNowAndComesOncePerInterval() {
        MerchantId merchant = new MerchantId(UUID.randomUUID());
        Instant now = Instant.parse("2026-12-03T22:17:42.123Z");

        Instant slot = ReconciliationWorker.slot(merchant, now, HOUR);

        assertThat(slot).isBeforeOrEqualTo(now).isAfter(now.minus(HOUR));
        assertThat(ReconciliationWorker.slot(merchant, slot, HOUR)).isEqualTo(slot);
        assertThat(ReconciliationWorker.slot(merchant, slot.minusMillis(1), HOUR))
                .isEqualTo(slot.minus(HOUR));
        assertThat(ReconciliationWorker.slot(merchant, slot.plus(HOUR).minusMillis(1), HOUR))
                .isEqualTo(slot);
        assertThat(ReconciliationWorker.slot(merchant, slot.plus(HOUR), HOUR)).isEqualTo(slot.plus(HOUR));
    }

    @Test
    void merchantsSlotsAreSpreadOverTheInterval() {
        Instant now = Instant.parse("2026-12-03T22:00:00Z");
        Set<Long> minutes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Instant slot = ReconciliationWorker.slot(new MerchantId(UUID.randomUUID()), now, HOUR);
            minutes.add(Duration.between(slot, now).toMinutes());
        }
        // 200 merchants over 60 minutes: all starting in the same few minutes would defeat the staggering.
        assertThat(minutes).hasSizeGreaterThan(40);
    }
}
