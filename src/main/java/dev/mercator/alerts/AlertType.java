package dev.mercator.alerts;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an alert is about, as a stable code merchants' rules and integrations can match on. Only conditions some module
 * actually raises are listed: a code nobody raises would be a promise the product does not keep.
 */
public enum AlertType {
    /** A channel refused a SKU's stock push, or accepted it and never applied it: the SKU is in the error state. */
    SYNC_PUSH_FAILED("sync.push_failed", AlertSeverity.CRITICAL),
    /** Login with Amazon refuses the seller's refresh token or app credentials: nothing reaches Amazon until fixed. */
    AMAZON_TOKEN_REVOKED("amazon.token_revoked", AlertSeverity.CRITICAL),
    /** Shopify refuses the shop's access token (401 or 403): nothing reaches Shopify until it is replaced. */
    SHOPIFY_TOKEN_REFUSED("shopify.token_refused", AlertSeverity.CRITICAL),
    /** Orders or returns for a SKU Mercator does not know have waited longer than the configured age to be mapped. */
    INVENTORY_UNMAPPED_AGING("inventory.unmapped_aging", AlertSeverity.WARNING),
    /** A channel showed something else than it had confirmed, with nothing to explain it: pushed again (ADR 24). */
    INVENTORY_DRIFT("inventory.drift", AlertSeverity.INFO),
    /** The same SKU drifted on the same channel in several reconciliation runs in a row: something keeps changing it. */
    INVENTORY_DRIFT_REPEATED("inventory.drift_repeated", AlertSeverity.WARNING),
    /** A marketplace's daily call quota is 80 % spent: searches will soon be served from cache only. */
    CATALOG_QUOTA_80("catalog.quota_80", AlertSeverity.WARNING),
    /** A marketplace's daily call quota is spent: until midnight UTC its results come from cache only. */
    CATALOG_QUOTA_100("catalog.quota_100", AlertSeverity.CRITICAL),
    /** A marketplace refuses Mercator's requests for a permanent reason (credentials, a retired API). */
    CATALOG_PROVIDER_UNHEALTHY("catalog.provider_unhealthy", AlertSeverity.CRITICAL),
    /** A merchant's catalog import had products rejected by validation: they are missing from the catalog. */
    CATALOG_DATA_QUALITY("catalog.data_quality", AlertSeverity.WARNING),
    /** Returned units damaged by a carrier, distributor or warehouse: the merchant should claim reimbursement. */
    RETURNS_REIMBURSEMENT_CLAIM("returns.reimbursement_claim", AlertSeverity.CRITICAL),
    /** Returned units the customer damaged or that were defective: a loss, and a sign to look at the SKU. */
    RETURNS_DAMAGED("returns.damaged", AlertSeverity.WARNING),
    /** A return Mercator cannot route on its own (an unknown disposition, an order it never saw, a bad report row). */
    RETURNS_HELD("returns.held", AlertSeverity.WARNING),
    /** A deal scan has failed on a marketplace for the configured number of runs in a row: it sees no listings there. */
    DEALSCOUT_SCAN_BLIND("dealscout.scan_blind", AlertSeverity.WARNING),
    /**
     * A merchant's deal watch found a listing that meets its condition (or, once a day, a digest of the deals its daily
     * cap held back); the details carry the evidence and the feedback link (ADR 31).
     */
    DEALSCOUT_DEAL("dealscout.deal", AlertSeverity.INFO),
    /**
     * A condition the merchant's own systems (a 3PL, a helpdesk, a script) reported through {@code POST /api/alerts},
     * with the severity they gave; they resolve it the same way.
     */
    EXTERNAL_REPORTED("external.reported", AlertSeverity.WARNING);

    private final String code;
    private final AlertSeverity severity;

    AlertType(String code, AlertSeverity severity) {
        this.code = code;
        this.severity = severity;
    }

    public String code() {
        return code;
    }

    /** The severity the condition has unless its raiser says otherwise. */
    public AlertSeverity severity() {
        return severity;
    }

    public static Optional<AlertType> find(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
