package dev.mercator.marketplaces.affiliate;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.settings.MarketplaceSettings;
import dev.mercator.merchants.MerchantCredentials;
import dev.mercator.platform.MerchantId;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The account a merchant's marketplace calls run under: its own credential set from the vault ({@code catalog-amazon},
 * {@code catalog-aliexpress}, {@code catalog-ebay}; the tag in field {@code affiliateTag}), else the instance's
 * credentials with the instance default tag from settings.
 */
@Component
public class MarketplaceAccounts {

    public static final String TAG_FIELD = "affiliateTag";
    private static final Logger log = LoggerFactory.getLogger(MarketplaceAccounts.class);

    private final MerchantCredentials vault;
    private final MarketplaceSettings.Affiliate defaults;

    MarketplaceAccounts(MerchantCredentials vault, MarketplaceSettings settings) {
        this.vault = vault;
        this.defaults = settings.affiliate();
    }

    public static String credentialName(Marketplace marketplace) {
        return "catalog-" + marketplace.id();
    }

    public SourceAccount account(@Nullable MerchantId merchant, Marketplace marketplace) {
        if (merchant == null) {
            return new SourceAccount("instance", defaults.tag(marketplace), Map.of());
        }
        Map<String, String> fields = Map.of();
        try {
            fields = vault.find(merchant, credentialName(marketplace)).orElse(Map.of());
        } catch (RuntimeException e) {
            log.warn(
                    "Catalog credentials {} of merchant {} unreadable, using the instance account: {}",
                    credentialName(marketplace),
                    merchant,
                    e.getClass().getSimpleName());
        }
        String own = fields.get(TAG_FIELD);
        String tag = own == null || own.isBlank() ? defaults.tag(marketplace) : own.strip();
        return new SourceAccount(merchant.toString(), tag, fields);
    }
}
