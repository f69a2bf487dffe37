package dev.mercator.analytics.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** Each kind of rule on hand-built features: it fires on a case just over its line and stays quiet just under it. */
class ScorerTests {

    private static final Set<String> DISPOSABLE = Set.of("mailinator.com");

    /** An unremarkable order: a returning customer, billed, shipped and connected in one country. */
    private static Features quiet() {
        return new Features(
                "o-1",
                new BigDecimal("50.00"),
                "gmail.com",
                "US",
                "US",
                "US",
                3.0,
                4,
                new BigDecimal("45.00"),
                100,
                new BigDecimal("60.00"),
                1,
                0,
                Map.of("email/1h", 1, "card/24h", 1, "ip/24h", 1, "shipping_address/7d", 1),
                Map.of("card/7d", 1, "ip/24h", 1));
    }

    private static Features with(UnaryOperator<Builder> change) {
        return change.apply(new Builder(quiet())).build();
    }

    /** Copy-and-change for the record, so each case names only what it changes. */
    private static final class Builder {
        Features f;

        Builder(Features f) {
            this.f = f;
        }

        Builder amount(String amount) {
            f = new Features(
                    f.orderId(),
                    new BigDecimal(amount),
                    f.emailDomain(),
                    f.billingCountry(),
                    f.shippingCountry(),
                    f.ipCountry(),
                    f.distanceKm(),
                    f.earlierCustomerOrders(),
                    f.customerAverage(),
                    f.earlierShopOrders(),
                    f.shopAverage(),
                    f.paymentAttempts(),
                    f.returnedOrders(),
                    f.velocity(),
                    f.sharedEmails());
            return this;
        }

        Builder customer(int earlier, @Nullable String average, int returned) {
            f = new Features(
                    f.orderId(),
                    f.amount(),
                    f.emailDomain(),
                    f.billingCountry(),
                    f.shippingCountry(),
                    f.ipCountry(),
                    f.distanceKm(),
                    earlier,
                    average == null ? null : new BigDecimal(average),
                    f.earlierShopOrders(),
                    f.shopAverage(),
                    f.paymentAttempts(),
                    returned,
                    f.velocity(),
                    f.sharedEmails());
            return this;
        }

        Builder places(String billing, String shipping, String ip, @Nullable Double km) {
            f = new Features(
                    f.orderId(),
                    f.amount(),
                    f.emailDomain(),
                    billing,
                    shipping,
                    ip,
                    km,
                    f.earlierCustomerOrders(),
                    f.customerAverage(),
                    f.earlierShopOrders(),
                    f.shopAverage(),
                    f.paymentAttempts(),
                    f.returnedOrders(),
                    f.velocity(),
                    f.sharedEmails());
            return this;
        }

        Builder domain(String domain) {
            f = new Features(
                    f.orderId(),
                    f.amount(),
                    domain,
                    f.billingCountry(),
                    f.shippingCountry(),
                    f.ipCountry(),
                    f.distanceKm(),
                    f.earlierCustomerOrders(),
                    f.customerAverage(),
                    f.earlierShopOrders(),
                    f.shopAverage(),
                    f.paymentAttempts(),
                    f.returnedOrders(),
                    f.velocity(),
                    f.sharedEmails());
            return this;
        }

        Builder attempts(int attempts) {
            f = new Features(
                    f.orderId(),
                    f.amount(),
                    f.emailDomain(),
                    f.billingCountry(),
                    f.shippingCountry(),
                    f.ipCountry(),
                    f.distanceKm(),
                    f.earlierCustomerOrders(),
                    f.customerAverage(),
                    f.earlierShopOrders(),
                    f.shopAverage(),
                    attempts,
                    f.returnedOrders(),
                    f.velocity(),
                    f.sharedEmails());
            return this;
        }

        Builder velocity(String slot, int count) {
            Map<String, Integer> v = new java.util.HashMap<>(f.velocity());
            v.put(slot, count);
            f = new Features(
                    f.orderId(),
                    f.amount(),
                    f.emailDomain(),
                    f.billingCountry(),
                    f.shippingCountry(),
                    f.ipCountry(),
                    f.distanceKm(),
                    f.earlierCustomerOrders(),
                    f.customerAverage(),
                    f.earlierShopOrders(),
                    f.shopAverage(),
                    f.paymentAttempts(),
                    f.returnedOrders(),
                    v,
                    f.sharedEmails());
            return this;
        }

        Builder shared(String slot, int count) {
            Map<String, Integer> v = new java.util.HashMap<>(f.sharedEmails());
            v.put(slot, count);
            f = new Features(
                    f.orderId(),
                    f.amount(),
                    f.emailDomain(),
                    f.billingCountry(),
                    f.shippingCountry(),
                    f.ipCountry(),
                    f.distanceKm(),
                    f.earlierCustomerOrders(),
                    f.customerAverage(),
                    f.earlierShopOrders(),
                    f.shopAverage(),
                    f.paymentAttempts(),
                    f.returnedOrders(),
                    f.velocity(),
                    v);
            return this;
        }

        Features build() {
            return f;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "velocity_email_1h",
                        with(b -> b.velocity("email/1h", 3)),
                        with(b -> b.velocity("email/1h", 2))),
                Arguments.of(
                        "velocity_card_24h",
                        with(b -> b.velocity("card/24h", 3)),
                        with(b -> b.velocity("card/24h", 2))),
                Arguments.of("velocity_ip_24h", with(b -> b.velocity("ip/24h", 4)), with(b -> b.velocity("ip/24h", 3))),
                Arguments.of(
                        "velocity_shipping_address_7d",
                        with(b -> b.velocity("shipping_address/7d", 4)),
                        with(b -> b.velocity("shipping_address/7d", 3))),
                Arguments.of("card_shared_by_emails_7d", with(b -> b.shared("card/7d", 2)), quiet()),
                Arguments.of(
                        "ip_shared_by_emails_24h", with(b -> b.shared("ip/24h", 3)), with(b -> b.shared("ip/24h", 2))),
                Arguments.of(
                        "first_order_high_value",
                        with(b -> b.customer(0, null, 0).amount("500.00")),
                        with(b -> b.customer(0, null, 0).amount("499.99"))),
                Arguments.of("above_customer_usual", with(b -> b.amount("135.01")), with(b -> b.amount("135.00"))),
                Arguments.of("above_shop_usual", with(b -> b.amount("300.01")), with(b -> b.amount("300.00"))),
                Arguments.of(
                        "billing_shipping_apart",
                        with(b -> b.places("US", "NG", "US", 9000.0)),
                        with(b -> b.places("US", "US", "US", 999.0))),
                Arguments.of(
                        "billing_shipping_apart",
                        with(b -> b.places("US", "US", "US", 1000.0)),
                        with(b -> b.places("US", "US", "US", null))),
                Arguments.of(
                        "ip_country_not_billing",
                        with(b -> b.places("US", "US", "RO", null)),
                        with(b -> b.places("US", "US", "US", null))),
                Arguments.of(
                        "disposable_email", with(b -> b.domain("mailinator.com")), with(b -> b.domain("gmail.com"))),
                Arguments.of("many_payment_attempts", with(b -> b.attempts(3)), with(b -> b.attempts(2))),
                Arguments.of(
                        "high_return_rate", with(b -> b.customer(4, "45.00", 2)), with(b -> b.customer(4, "45.00", 1))),
                Arguments.of(
                        "high_return_rate",
                        with(b -> b.customer(4, "45.00", 2)),
                        with(b -> b.customer(2, "45.00", 2))));
    }

    private static RuleSet defaults() {
        List<RuleSet.Error> errors = new ArrayList<>();
        try (var in = ScorerTests.class.getResourceAsStream("/analytics/fraud/default-rules.json")) {
            RuleSet rules = RuleSet.parse(JsonMapper.builder().build().readTree(in), errors);
            assertThat(errors).isEmpty();
            return rules;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachRuleFiresJustOverItsLineAndNotJustUnderIt(String code, Features over, Features under) {
        RuleSet rules = defaults();

        Scorer.Score fired = Scorer.score(rules, over, DISPOSABLE);
        Scorer.Score quiet = Scorer.score(rules, under, DISPOSABLE);

        assertThat(fired.reasons()).extracting(Scorer.Reason::code).contains(code);
        assertThat(quiet.reasons()).extracting(Scorer.Reason::code).doesNotContain(code);
    }

    @org.junit.jupiter.api.Test
    void theQuietOrderScoresZeroAndARingOrderIsBlockedWithTheScoreCappedAt100() {
        RuleSet rules = defaults();

        Scorer.Score quiet = Scorer.score(rules, quiet(), DISPOSABLE);
        Scorer.Score ring = Scorer.score(
                rules,
                with(b -> b.customer(0, null, 0)
                        .amount("1800.00")
                        .places("US", "NG", "NG", 9000.0)
                        .domain("mailinator.com")
                        .attempts(4)
                        .shared("card/7d", 5)
                        .velocity("card/24h", 5)),
                DISPOSABLE);

        assertThat(quiet.score()).isZero();
        assertThat(quiet.decision()).isEqualTo(Scorer.Decision.ALLOW);
        assertThat(ring.score()).isEqualTo(100);
        assertThat(ring.decision()).isEqualTo(Scorer.Decision.BLOCK);
        assertThat(ring.reasons().stream().mapToInt(Scorer.Reason::points).sum())
                .isGreaterThan(100);
    }
}
