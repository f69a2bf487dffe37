package dev.mercator.marketplaces.affiliate;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.settings.MarketplaceSettings;
import dev.mercator.merchants.MerchantCredentials;
import dev.mercator.merchants.MerchantCredentialsChanged;
import dev.mercator.platform.MerchantId;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The account a merchant's marketplace calls run under: its own credential set from the vault ({@code catalog-amazon},
 * {@code catalog-aliexpress}, {@code catalog-ebay}; the tag in field {@code affiliateTag}), else the instance's
 * credentials with the instance default tag from settings.
 *
 * <p>Every search needs the account of each marketplace it asks, and a vault read is a database round trip and a
 * decryption, for data a merchant changes perhaps once a month. So accounts are kept in memory: dropped at once on this
 * instance when the merchant changes its credentials ({@link MerchantCredentialsChanged}), and after {@link #TTL} at
 * the latest, which is how long another instance may still use the old ones (ADR 19). An account in use is read again
 * in the background after {@link #REFRESH}, so no search waits for the vault once the account is known.
 */
@Component
public class MarketplaceAccounts {

    public static final String TAG_FIELD = "affiliateTag";

    /** The longest another instance, which does not see this one's events, uses credentials a merchant replaced. */
    static final Duration TTL = Duration.ofSeconds(30);

    private static final Duration REFRESH = TTL.dividedBy(2);

    private static final Logger log = LoggerFactory.getLogger(MarketplaceAccounts.class);

    private record Key(MerchantId merchant, Marketplace marketplace) {}

    private final MerchantCredentials vault;
    private final MarketplaceSettings.Affiliate defaults;
    private final LoadingCache<Key, SourceAccount> accounts;

    MarketplaceAccounts(MerchantCredentials vault, MarketplaceSettings settings) {
        this.vault = vault;
        this.defaults = settings.affiliate();
        this.accounts = Caffeine.newBuilder()
                .maximumSize(30_000)
                .refreshAfterWrite(REFRESH)
                .expireAfterWrite(TTL)
                .build(this::read);
    }

    public static String credentialName(Marketplace marketplace) {
        return "catalog-" + marketplace.id();
    }

    public SourceAccount account(@Nullable MerchantId merchant, Marketplace marketplace) {
        if (merchant == null) {
            return new SourceAccount("instance", defaults.tag(marketplace), Map.of());
        }
        try {
            return accounts.get(new Key(merchant, marketplace));
        } catch (RuntimeException e) {
            // Not kept: the next search reads the vault again, so a passing database error costs one search its tag.
            log.warn(
                    "Catalog credentials {} of merchant {} unreadable, using the instance account: {}",
                    credentialName(marketplace),
                    merchant,
                    e.getClass().getSimpleName());
            return account(merchant, marketplace, Map.of());
        }
    }

    /**
     * After the change is committed, so a search running meanwhile cannot put the old credentials back (in-process and
     * synchronous: the merchant's next search on this instance sees the new ones).
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(MerchantCredentialsChanged changed) {
        for (Marketplace marketplace : Marketplace.values()) {
            if (credentialName(marketplace).equals(changed.name())) {
                accounts.invalidate(new Key(changed.merchant(), marketplace));
            }
        }
    }

    private SourceAccount read(Key key) {
        Map<String, String> fields =
                vault.find(key.merchant(), credentialName(key.marketplace())).orElse(Map.of());
        return account(key.merchant(), key.marketplace(), fields);
    }

    private SourceAccount account(MerchantId merchant, Marketplace marketplace, Map<String, String> fields) {
        String own = fields.get(TAG_FIELD);
        String tag = own == null || own.isBlank() ? defaults.tag(marketplace) : own.strip();
        return new SourceAccount(merchant.toString(), tag, fields);
    }
}
