package dev.mercator.analytics.fraud;

import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the rules of a set look at for one order, as known at the order's time: its own facts and counts over the
 * merchant's orders that occurred before it (or at the same instant) in the windows the rules name.
 *
 * @param velocity orders with the same key in the window, this one included, by {@code key/window}
 * @param sharedEmails distinct e-mails behind orders with the same key in the window, this one's included
 * @param earlierCustomerOrders the customer's orders before this one (any currency)
 * @param customerAverage the customer's average earlier order in this currency; null without one
 * @param earlierShopOrders the shop's orders in this currency before this one
 * @param shopAverage the shop's average earlier order in this currency; null without one
 * @param returnedOrders of the customer's earlier orders, those with a return received before this order
 */
record Features(
        String orderId,
        BigDecimal amount,
        @Nullable String emailDomain,
        @Nullable String billingCountry,
        @Nullable String shippingCountry,
        @Nullable String ipCountry,
        @Nullable Double distanceKm,
        int earlierCustomerOrders,
        @Nullable BigDecimal customerAverage,
        int earlierShopOrders,
        @Nullable BigDecimal shopAverage,
        int paymentAttempts,
        int returnedOrders,
        Map<String, Integer> velocity,
        Map<String, Integer> sharedEmails) {

    static String slot(RuleSet.Key key, String window) {
        return key.wire() + "/" + window;
    }
}
