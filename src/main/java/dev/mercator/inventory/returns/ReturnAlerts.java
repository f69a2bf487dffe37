package dev.mercator.inventory.returns;

import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertType;
import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What a routed return tells the alert centre. Published in the transaction that recorded the return (ADR 17), so a
 * return is never routed without its alert, nor alerted twice: a duplicate of a return routes nothing and raises nothing.
 */
@Component
class ReturnAlerts {

    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReturnAlerts(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Carrier-, distributor- or warehouse-damaged units: money someone owes, to be claimed by a date. */
    void claim(MerchantId merchant, ReturnView r) {
        Map<String, String> details = common(r);
        String value = "value not reported";
        if (r.unitValue() != null) {
            BigDecimal total = r.unitValue().multiply(BigDecimal.valueOf(r.quantity()));
            details.put("value", total.toPlainString());
            value = "value " + total.toPlainString() + (r.currency() == null ? "" : " " + r.currency());
        }
        if (r.currency() != null) {
            details.put("currency", r.currency());
        }
        String claimBy = r.claimBy() == null
                ? "unknown"
                : r.claimBy().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        details.put("claimBy", claimBy);
        raise(
                merchant,
                AlertType.RETURNS_REIMBURSEMENT_CLAIM,
                "return " + r.id(),
                "Reimbursement claim: " + r.quantity() + " unit(s) of " + r.sku() + " from order " + r.orderId()
                        + " came back " + label(r) + " (" + value + "); claim by " + claimBy,
                details);
    }

    /** Customer-damaged or defective units: a loss, and a signal about the SKU. */
    void damaged(MerchantId merchant, ReturnView r) {
        raise(
                merchant,
                AlertType.RETURNS_DAMAGED,
                "sku " + r.sku(),
                r.quantity() + " unit(s) of " + r.sku() + " from order " + r.orderId() + " came back " + label(r)
                        + (r.reason() == null ? "" : " (reason: " + r.reason() + ")")
                        + "; see GET /api/returns/stats?sku=" + r.sku(),
                common(r));
    }

    /** A return Mercator will not route on its own. */
    void held(MerchantId merchant, ReturnView r) {
        raise(
                merchant,
                AlertType.RETURNS_HELD,
                "return " + r.id(),
                "Return of " + r.quantity() + " unit(s) of " + r.sku() + " from order " + r.orderId() + " is held: "
                        + r.heldReason() + "; inspect it to route it",
                common(r));
    }

    /** A report Mercator could not read: held, nothing of it applied. */
    void badRow(MerchantId merchant, String report, String problem) {
        raise(
                merchant,
                AlertType.RETURNS_HELD,
                "report " + report,
                "A returns report was not applied: " + problem + "; it is read again on the next pass",
                Map.of("report", report, "problem", problem));
    }

    private static String label(ReturnView r) {
        return r.disposition() == null ? "unknown" : r.disposition().replace('_', ' ');
    }

    private static Map<String, String> common(ReturnView r) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("returnId", r.id().toString());
        details.put("orderId", r.orderId());
        details.put("sku", r.sku());
        details.put("units", Integer.toString(r.quantity()));
        details.put("fulfilledBy", r.fulfilledBy());
        details.put("disposition", r.disposition() == null ? "" : r.disposition());
        if (r.reportedDisposition() != null) {
            details.put("reportedDisposition", r.reportedDisposition());
        }
        return details;
    }

    private void raise(
            MerchantId merchant, AlertType type, String subject, String message, Map<String, String> details) {
        events.publishEvent(
                new AlertRaised(merchant, type, type.severity(), subject, message, details, clock.instant()));
    }
}
