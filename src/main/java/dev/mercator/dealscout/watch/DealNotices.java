package dev.mercator.dealscout.watch;

import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertSeverity;
import dev.mercator.alerts.AlertType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@code dealscout.deal} alerts a watch raises into the alert centre, whose rules route them to the merchant's
 * destinations. The centre keeps one open alert per subject, so each subject names the deal alert's own id: every deal
 * alert opens exactly one centre alert, and a redelivered raise of it only counts a repeat.
 */
final class DealNotices {

    private static final int DIGEST_LINES = 20;
    private static final int DETAIL_LINES = 10;

    private DealNotices() {}

    static AlertRaised deal(Watch watch, DealAlerts.DealAlert alert, Instant at) {
        String url = alert.url();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("dealAlertId", alert.id().toString());
        details.put("watchId", watch.id().toString());
        details.put("watchName", watch.spec().name());
        details.put("observationId", alert.observationId().toString());
        details.put("marketplace", alert.marketplace());
        details.put("listingId", alert.listingId());
        // The registry stores the event in 4,000 characters on H2: long titles and URLs are cut here, in full on the
        // alert's own row and at its evidence link.
        details.put("title", shorten(alert.title(), 200));
        put(details, "url", url == null ? null : shorten(url, 500));
        details.put("totalPrice", alert.totalPrice().toPlainString());
        details.put("currency", alert.currency());
        put(details, "marketValue", alert.marketValue());
        put(details, "intervalLow", alert.intervalLow());
        put(details, "intervalHigh", alert.intervalHigh());
        put(details, "comps", alert.comps() == null ? null : alert.comps().toString());
        put(details, "method", alert.method());
        details.put("discount", String.format(Locale.ROOT, "%.4f", alert.discount()));
        details.put("robustZ", String.format(Locale.ROOT, "%.2f", alert.robustZ()));
        details.put("score", Integer.toString(alert.score()));
        details.put("evidence", alert.evidence());
        details.put("feedback", DealAlerts.feedbackLink(alert.id()));
        String message = "%s at %s %s%s, score %d. %s Evidence (comps, n, window, method): %s. Rate it: POST %s"
                .formatted(
                        shorten(alert.title(), 200),
                        alert.totalPrice().toPlainString(),
                        alert.currency(),
                        valueText(alert),
                        alert.score(),
                        url == null ? "" : "Listing: " + shorten(url, 300) + ".",
                        alert.evidence(),
                        DealAlerts.feedbackLink(alert.id()));
        return new AlertRaised(
                watch.merchant(),
                AlertType.DEALSCOUT_DEAL,
                AlertSeverity.INFO,
                subject("Deal for " + watch.spec().name() + ": " + alert.title(), alert.id()),
                shorten(message, 1000),
                details,
                at);
    }

    static AlertRaised digest(Watch watch, LocalDate day, UUID digestId, List<DealAlerts.DealAlert> held, Instant at) {
        StringBuilder message = new StringBuilder();
        message.append(held.size())
                .append(" deal(s) for ")
                .append(watch.spec().name())
                .append(" on ")
                .append(day)
                .append(" were held back by the watch's daily cap of ")
                .append(watch.spec().dailyCap())
                .append(':');
        held.stream()
                .limit(DIGEST_LINES)
                .forEach(alert -> message.append("\n- ")
                        .append(shorten(alert.title(), 80))
                        .append(" at ")
                        .append(alert.totalPrice().toPlainString())
                        .append(' ')
                        .append(alert.currency())
                        .append(" (")
                        .append(alert.evidence())
                        .append(')'));
        if (held.size() > DIGEST_LINES) {
            message.append("\n… and ").append(held.size() - DIGEST_LINES).append(" more: GET /api/deals/watches/");
            message.append(watch.id()).append("/alerts");
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("digestId", digestId.toString());
        details.put("watchId", watch.id().toString());
        details.put("watchName", watch.spec().name());
        details.put("day", day.toString());
        details.put("count", Integer.toString(held.size()));
        details.put("alerts", "/api/deals/watches/" + watch.id() + "/alerts");
        for (int i = 0; i < Math.min(held.size(), DETAIL_LINES); i++) {
            details.put("deal." + i, held.get(i).id() + " " + held.get(i).evidence());
        }
        return new AlertRaised(
                watch.merchant(),
                AlertType.DEALSCOUT_DEAL,
                AlertSeverity.INFO,
                subject("Deal digest for " + watch.spec().name() + " on " + day, digestId),
                shorten(message.toString(), 1000),
                details,
                at);
    }

    private static String valueText(DealAlerts.DealAlert alert) {
        if (alert.marketValue() == null) {
            return "";
        }
        return ", %.0f %% below the market value %s (interval %s–%s; %s comps, %s)"
                .formatted(
                        alert.discount() * 100,
                        alert.marketValue().toPlainString(),
                        plain(alert.intervalLow()),
                        plain(alert.intervalHigh()),
                        alert.comps() == null ? "?" : alert.comps().toString(),
                        alert.method() == null ? "method unknown" : methodLabel(alert.method()));
    }

    private static String methodLabel(String method) {
        return switch (method) {
            case "SALE_EVIDENCE" -> "from sold and vanished-quickly prices";
            case "ASKING_PRICES" -> "from asking prices";
            default -> method;
        };
    }

    private static String plain(@Nullable BigDecimal value) {
        return value == null ? "?" : value.toPlainString();
    }

    private static void put(Map<String, String> details, String key, @Nullable Object value) {
        if (value != null) {
            details.put(key, value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString());
        }
    }

    /** The centre's subject holds 300 characters: the id at the end must survive the cut, it is what keeps it unique. */
    private static String subject(String text, UUID id) {
        return shorten(text, 250) + " #" + id;
    }

    private static String shorten(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
