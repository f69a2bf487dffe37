package dev.mercator.sandbox.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CommerceGeneratorTests {

    private static final CommerceGenerator.Plan PLAN = new CommerceGenerator.Plan(
            42L, 200, 1_500, 3, LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"));

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOtherOnes() {
        CommerceGenerator.Story first = CommerceGenerator.generate(PLAN);
        CommerceGenerator.Story again = CommerceGenerator.generate(PLAN);
        CommerceGenerator.Story other = CommerceGenerator.generate(new CommerceGenerator.Plan(
                43L, PLAN.customers(), PLAN.orders(), PLAN.fraudRings(), PLAN.from(), PLAN.to()));

        assertThat(again.events()).isEqualTo(first.events());
        assertThat(again.labels()).isEqualTo(first.labels());
        assertThat(other.events()).isNotEqualTo(first.events());
    }

    @Test
    void everyOrderIsLabelledAndEveryChargebackLabelHasItsChargebackEvent() {
        CommerceGenerator.Story story = CommerceGenerator.generate(PLAN);

        Set<String> orders = orderIds(story, "order_placed");
        Set<String> chargebacks = orderIds(story, "chargeback");
        assertThat(story.labels())
                .extracting(CommerceGenerator.Label::orderId)
                .containsExactlyInAnyOrderElementsOf(orders);
        assertThat(story.labels().stream()
                        .filter(CommerceGenerator.Label::chargeback)
                        .map(CommerceGenerator.Label::orderId))
                .containsExactlyInAnyOrderElementsOf(chargebacks);
        assertThat(story.counts().get("orders")).isEqualTo(PLAN.orders());
        assertThat(story.events())
                .allSatisfy(e -> assertThat(e.occurredAt())
                        .isBefore(PLAN.to()
                                .plusDays(1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()));
    }

    @Test
    void aRingSharesOneCardAndOneIpAcrossSeveralDisposableAddressesShippingAbroad() {
        CommerceGenerator.Story story = CommerceGenerator.generate(PLAN);
        Map<String, String> patternOf = story.labels().stream()
                .collect(Collectors.toMap(CommerceGenerator.Label::orderId, CommerceGenerator.Label::pattern));

        Map<String, Set<String>> emailsByRing = new HashMap<>();
        Map<String, Set<String>> cardsByRing = new HashMap<>();
        for (CommerceGenerator.Event e : story.events()) {
            if (!e.type().equals("order_placed")) {
                continue;
            }
            String pattern = patternOf.get((String) e.payload().get("orderId"));
            if (pattern == null || !pattern.startsWith("ring-")) {
                continue;
            }
            emailsByRing.computeIfAbsent(pattern, k -> new HashSet<>()).add((String)
                    e.payload().get("email"));
            cardsByRing
                    .computeIfAbsent(pattern, k -> new HashSet<>())
                    .add(e.payload().get("cardFingerprint") + "|" + e.payload().get("ip"));
            Map<?, ?> billing = (Map<?, ?>) e.payload().get("billingAddress");
            Map<?, ?> shipping = (Map<?, ?>) e.payload().get("shippingAddress");
            assertThat(shipping.get("country")).isNotEqualTo(billing.get("country"));
            assertThat((String) e.payload().get("email"))
                    .matches(".*@(mailinator|guerrillamail|10minutemail|yopmail|trashmail)\\.com");
        }
        assertThat(emailsByRing).hasSize(3);
        assertThat(emailsByRing.values())
                .allSatisfy(emails -> assertThat(emails.size()).isGreaterThanOrEqualTo(3));
        assertThat(cardsByRing.values()).allSatisfy(pairs -> assertThat(pairs).hasSize(1));
    }

    @Test
    void decemberIsBusierThanJulyAndLapsingCustomersStopHalfway() {
        CommerceGenerator.Story story = CommerceGenerator.generate(PLAN);
        List<CommerceGenerator.Event> orders = story.events().stream()
                .filter(e -> e.type().equals("order_placed"))
                .toList();

        long december = orders.stream()
                .filter(e -> e.occurredAt().atZone(ZoneOffset.UTC).getMonthValue() == 12)
                .count();
        long july = orders.stream()
                .filter(e -> e.occurredAt().atZone(ZoneOffset.UTC).getMonthValue() == 7)
                .count();
        assertThat(december).isGreaterThan(july * 3 / 2);
        // New customers only start in the last third: the first two months have no orders from them.
        assertThat(orders.stream()
                        .filter(e -> e.occurredAt().atZone(ZoneOffset.UTC).getMonthValue() <= 2)
                        .map(e -> (String) e.payload().get("customerId"))
                        .distinct()
                        .count())
                .isLessThan(PLAN.customers());
    }

    private static Set<String> orderIds(CommerceGenerator.Story story, String type) {
        return story.events().stream()
                .filter(e -> e.type().equals(type))
                .map(e -> (String) e.payload().get("orderId"))
                .collect(Collectors.toSet());
    }
}
