package dev.mercator.inventory.channel;

import dev.mercator.alerts.AlertCleared;
import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertType;
import dev.mercator.platform.MerchantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the alert centre when a channel refuses an account's credentials (Login with Amazon refusing the refresh token,
 * Shopify answering 401 to the access token) and when it accepts them again. Every call reports here, so the news is
 * cut down to changes: a refusal is raised when it starts and raised again at most every {@link #REPEAT} while it
 * lasts (the alert's count and last-seen move); an acceptance clears only an account this instance saw refused, plus
 * once per account after a start, since a restart forgets what was told. Each event is published in a short
 * transaction of its own, so the event publication registry keeps it even if the process dies right after.
 */
@Component
public class CredentialAlerts {

    static final Duration REPEAT = Duration.ofMinutes(10);

    private record Account(MerchantId merchant, AlertType type, String subject) {}

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** When each refused account was last raised; an accepted account maps to {@link Instant#MIN}. */
    private final Map<Account, Instant> told = new ConcurrentHashMap<>();

    CredentialAlerts(ApplicationEventPublisher events, PlatformTransactionManager transactionManager, Clock clock) {
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** The channel refused the account's credentials for {@code reason}. */
    public void refused(MerchantId merchant, AlertType type, String subject, String reason) {
        Account account = new Account(merchant, type, subject);
        Instant now = clock.instant();
        Instant last = told.get(account);
        if (last != null && !last.equals(Instant.MIN) && last.plus(REPEAT).isAfter(now)) {
            return;
        }
        told.put(account, now);
        transactions.executeWithoutResult(status -> events.publishEvent(new AlertRaised(
                merchant,
                type,
                type.severity(),
                subject,
                "Credentials refused for " + subject + ": " + reason,
                Map.of("reason", reason),
                now)));
    }

    /** The channel accepted the account's credentials. */
    public void accepted(MerchantId merchant, AlertType type, String subject) {
        Account account = new Account(merchant, type, subject);
        Instant last = told.put(account, Instant.MIN);
        if (last != null && last.equals(Instant.MIN)) {
            return;
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(
                status -> events.publishEvent(new AlertCleared(merchant, type, subject, now)));
    }
}
