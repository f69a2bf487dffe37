package dev.mercator.marketplaces.resilience;

import dev.mercator.alerts.AlertCleared;
import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertType;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.merchants.Merchant;
import dev.mercator.merchants.Merchants;
import dev.mercator.platform.MerchantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the alert centre about a marketplace's state that every merchant's searches share: its daily quota 80 % or
 * wholly spent, and a permanent refusal that marks it unhealthy. Quotas and health are the instance's, not one
 * merchant's, so the news goes to every merchant (their searches are served from cache, or without that marketplace,
 * until it passes), except a refusal of a merchant's own credentials, which goes to that merchant alone. {@code
 * mercator.catalog.alerts.instance-wide=false} keeps instance-wide news from merchants (the tests do: thousands of
 * merchants share their database). Called only on a change of state, on a virtual thread of its own, so a search never waits for the
 * fan-out; each merchant's event is published in a transaction, so the registry keeps it.
 */
@Component
class MarketplaceAlerts implements MarketplaceHealthListener {

    private static final Logger log = LoggerFactory.getLogger(MarketplaceAlerts.class);

    private final Merchants merchants;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean instanceWide;

    MarketplaceAlerts(
            Merchants merchants,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${mercator.catalog.alerts.instance-wide:true}") boolean instanceWide) {
        this.merchants = merchants;
        this.instanceWide = instanceWide;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public void quotaWarning(Marketplace marketplace, int percent, long dailyQuota) {
        AlertType type = percent >= 100 ? AlertType.CATALOG_QUOTA_100 : AlertType.CATALOG_QUOTA_80;
        String message = percent >= 100
                ? "The daily quota of " + dailyQuota + " " + marketplace.id()
                        + " calls is spent: until midnight UTC its results come from cache only"
                : "80% of the daily quota of " + dailyQuota + " " + marketplace.id()
                        + " calls is spent: searches will soon be served from cache only";
        Map<String, String> details = Map.of("marketplace", marketplace.id(), "dailyQuota", Long.toString(dailyQuota));
        fanOut(merchant -> new AlertRaised(
                merchant, type, type.severity(), subject(marketplace), message, details, clock.instant()));
    }

    @Override
    public void quotaRenewed(Marketplace marketplace) {
        Instant now = clock.instant();
        for (AlertType type : List.of(AlertType.CATALOG_QUOTA_80, AlertType.CATALOG_QUOTA_100)) {
            fanOut(merchant -> new AlertCleared(merchant, type, subject(marketplace), now));
        }
    }

    @Override
    public void unhealthy(Marketplace marketplace, String reason, String owner) {
        AlertType type = AlertType.CATALOG_PROVIDER_UNHEALTHY;
        Optional<MerchantId> ownAccount = merchantOf(owner);
        fanOut(
                ownAccount,
                merchant -> new AlertRaised(
                        merchant,
                        type,
                        type.severity(),
                        subject(marketplace),
                        (ownAccount.isPresent()
                                        ? marketplace.id() + " refuses your own credentials"
                                        : marketplace.id() + " refuses Mercator's requests")
                                + " for a reason retrying will not fix: " + reason,
                        Map.of("marketplace", marketplace.id(), "reason", reason),
                        clock.instant()));
    }

    @Override
    public void healthy(Marketplace marketplace) {
        Instant now = clock.instant();
        fanOut(merchant -> new AlertCleared(merchant, AlertType.CATALOG_PROVIDER_UNHEALTHY, subject(marketplace), now));
    }

    private static String subject(Marketplace marketplace) {
        return "marketplace " + marketplace.id();
    }

    private static Optional<MerchantId> merchantOf(String owner) {
        try {
            return Optional.of(MerchantId.of(owner));
        } catch (IllegalArgumentException instance) {
            return Optional.empty();
        }
    }

    private void fanOut(Function<MerchantId, Object> event) {
        fanOut(Optional.empty(), event);
    }

    /** To {@code only} if given, else to every merchant (unless instance-wide news is turned off). */
    private void fanOut(Optional<MerchantId> only, Function<MerchantId, Object> event) {
        if (only.isEmpty() && !instanceWide) {
            return;
        }
        Thread.ofVirtual().name("marketplace-alerts").start(() -> {
            try {
                List<MerchantId> to = only.map(List::of)
                        .orElseGet(() ->
                                merchants.list().stream().map(Merchant::id).toList());
                for (MerchantId merchant : to) {
                    transactions.executeWithoutResult(status -> events.publishEvent(event.apply(merchant)));
                }
            } catch (RuntimeException failed) {
                log.warn("Could not tell every merchant about a marketplace's state", failed);
            }
        });
    }
}
