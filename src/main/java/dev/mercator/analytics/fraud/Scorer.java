package dev.mercator.analytics.fraud;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Scores an order's features by a rule set: pure, so ingest and backtests give the same verdict on the same facts. */
final class Scorer {

    enum Decision {
        ALLOW,
        REVIEW,
        BLOCK;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A rule that fired: its code (the machine-readable reason), its kind, its points and what it saw. */
    record Reason(String code, String kind, int points, String detail) {}

    record Score(int score, Decision decision, List<Reason> reasons) {}

    private Scorer() {}

    static Score score(RuleSet rules, Features f, Set<String> disposableDomains) {
        List<Reason> reasons = new ArrayList<>();
        for (RuleSet.Rule rule : rules.rules()) {
            String detail = fired(rule, f, disposableDomains);
            if (detail != null) {
                reasons.add(new Reason(rule.code(), rule.kind().wire(), rule.points(), detail));
            }
        }
        int score = Math.min(100, reasons.stream().mapToInt(Reason::points).sum());
        Decision decision = score >= rules.blockAt()
                ? Decision.BLOCK
                : score >= rules.reviewAt() ? Decision.REVIEW : Decision.ALLOW;
        return new Score(score, decision, List.copyOf(reasons));
    }

    /** What the rule saw when it fires; null when it does not (or lacks the facts to judge). */
    private static @Nullable String fired(RuleSet.Rule rule, Features f, Set<String> disposable) {
        BigDecimal threshold = rule.threshold() == null ? BigDecimal.ZERO : rule.threshold();
        return switch (rule.kind()) {
            case VELOCITY, SHARED_BY_EMAILS -> {
                RuleSet.Key key = rule.key();
                String window = rule.window();
                if (key == null || window == null) {
                    yield null;
                }
                boolean velocity = rule.kind() == RuleSet.Kind.VELOCITY;
                Integer count = (velocity ? f.velocity() : f.sharedEmails()).get(Features.slot(key, window));
                yield count != null && BigDecimal.valueOf(count).compareTo(threshold) >= 0
                        ? count + (velocity ? " orders with this " : " e-mail addresses behind this ") + key.wire()
                                + " in " + window
                        : null;
            }
            case FIRST_ORDER_HIGH_VALUE ->
                f.earlierCustomerOrders() == 0 && f.amount().compareTo(threshold) >= 0
                        ? "first order of " + f.amount().stripTrailingZeros().toPlainString()
                        : null;
            case ABOVE_CUSTOMER_USUAL ->
                above(f.amount(), f.customerAverage(), f.earlierCustomerOrders(), rule, threshold, "the customer's");
            case ABOVE_SHOP_USUAL ->
                above(f.amount(), f.shopAverage(), f.earlierShopOrders(), rule, threshold, "the shop's");
            case BILLING_SHIPPING_APART -> {
                if (f.billingCountry() != null
                        && f.shippingCountry() != null
                        && !f.billingCountry().equals(f.shippingCountry())) {
                    yield "billed in " + f.billingCountry() + ", shipped to " + f.shippingCountry();
                }
                yield rule.threshold() != null
                                && f.distanceKm() != null
                                && BigDecimal.valueOf(f.distanceKm()).compareTo(threshold) >= 0
                        ? Math.round(f.distanceKm()) + " km between billing and shipping"
                        : null;
            }
            case IP_COUNTRY_NOT_BILLING ->
                f.ipCountry() != null
                                && f.billingCountry() != null
                                && !f.ipCountry().equals(f.billingCountry())
                        ? "IP in " + f.ipCountry() + ", billed in " + f.billingCountry()
                        : null;
            case DISPOSABLE_EMAIL ->
                f.emailDomain() != null && disposable.contains(f.emailDomain())
                        ? "disposable e-mail domain " + f.emailDomain()
                        : null;
            case PAYMENT_ATTEMPTS ->
                BigDecimal.valueOf(f.paymentAttempts()).compareTo(threshold) >= 0
                        ? f.paymentAttempts() + " payment attempts"
                        : null;
            case RETURN_RATE -> {
                int min = rule.minOrders() == null ? 1 : rule.minOrders();
                if (f.earlierCustomerOrders() < min || f.earlierCustomerOrders() == 0) {
                    yield null;
                }
                BigDecimal rate = BigDecimal.valueOf(f.returnedOrders())
                        .divide(BigDecimal.valueOf(f.earlierCustomerOrders()), 4, RoundingMode.HALF_UP);
                yield rate.compareTo(threshold) >= 0
                        ? f.returnedOrders() + " of " + f.earlierCustomerOrders() + " earlier orders returned"
                        : null;
            }
        };
    }

    private static @Nullable String above(
            BigDecimal amount,
            @Nullable BigDecimal average,
            int earlier,
            RuleSet.Rule rule,
            BigDecimal factor,
            String whose) {
        int min = rule.minOrders() == null ? 1 : rule.minOrders();
        if (average == null || earlier < min || average.signum() == 0) {
            return null;
        }
        return amount.compareTo(average.multiply(factor)) > 0
                ? amount.stripTrailingZeros().toPlainString() + " is over "
                        + factor.stripTrailingZeros().toPlainString() + " times " + whose + " average of "
                        + average.setScale(2, RoundingMode.HALF_UP).toPlainString()
                : null;
    }
}
