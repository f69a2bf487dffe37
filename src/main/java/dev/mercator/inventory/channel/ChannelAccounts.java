package dev.mercator.inventory.channel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mercator.merchants.MerchantCredentials;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A merchant's Shopify shop and Amazon seller account. Secrets live encrypted in the merchants vault; this keeps only
 * which shop domain or seller id belongs to which merchant, so a webhook can be routed before anything is decrypted.
 */
@Component
public class ChannelAccounts {

    static final String SHOPIFY = "shopify";
    static final String AMAZON = "amazon";
    /** How long the webhook secret being replaced still verifies deliveries signed before the rotation. */
    static final Duration ROTATION_GRACE = Duration.ofDays(3);

    private final JdbcClient jdbc;
    private final MerchantCredentials vault;
    private final Clock clock;
    // Webhooks arrive many per second per shop; decrypting the secret for each would cost a query and a decryption.
    private final Cache<String, Optional<ShopifyAccount>> shopsByDomain = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();

    ChannelAccounts(JdbcClient jdbc, MerchantCredentials vault, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
    }

    /** A Shopify shop as Mercator uses it. {@code webhookSecrets} holds the current secret and, during a rotation, the previous one. */
    public record ShopifyAccount(
            MerchantId merchant,
            String shopDomain,
            String accessToken,
            List<String> webhookSecrets,
            String locationId) {

        @Override
        public String toString() {
            return "ShopifyAccount[merchant=" + merchant + ", shopDomain=" + shopDomain + "]";
        }
    }

    public record AmazonAccount(
            MerchantId merchant,
            String sellerId,
            String region,
            List<String> marketplaceIds,
            String lwaClientId,
            String lwaClientSecret,
            String refreshToken) {

        @Override
        public String toString() {
            return "AmazonAccount[merchant=" + merchant + ", sellerId=" + sellerId + ", region=" + region + "]";
        }
    }

    @Transactional
    public void saveShopify(
            MerchantId merchant, String shopDomain, String accessToken, String webhookSecret, String locationId) {
        Map<String, String> fields = new HashMap<>();
        fields.put("shopDomain", shopDomain);
        fields.put("accessToken", accessToken);
        fields.put("webhookSecret", webhookSecret);
        fields.put("locationId", locationId);
        vault.find(merchant, SHOPIFY).ifPresent(previous -> {
            String old = previous.get("webhookSecret");
            if (old != null && !old.equals(webhookSecret)) {
                fields.put("previousWebhookSecret", old);
                fields.put(
                        "previousValidUntil",
                        clock.instant().plus(ROTATION_GRACE).toString());
            }
        });
        bind(merchant, SHOPIFY, shopDomain);
        vault.store(merchant, SHOPIFY, fields);
        shopsByDomain.invalidateAll();
    }

    @Transactional
    public void saveAmazon(
            MerchantId merchant,
            String sellerId,
            String region,
            List<String> marketplaceIds,
            String lwaClientId,
            String lwaClientSecret,
            String refreshToken) {
        bind(merchant, AMAZON, sellerId);
        vault.store(
                merchant,
                AMAZON,
                Map.of(
                        "sellerId", sellerId,
                        "region", region,
                        "marketplaceIds", String.join(",", marketplaceIds),
                        "lwaClientId", lwaClientId,
                        "lwaClientSecret", lwaClientSecret,
                        "refreshToken", refreshToken));
    }

    public Optional<ShopifyAccount> shopifyByDomain(String shopDomain) {
        return shopsByDomain.get(shopDomain.toLowerCase(java.util.Locale.ROOT), this::loadShop);
    }

    public Optional<ShopifyAccount> shopify(MerchantId merchant) {
        return vault.find(merchant, SHOPIFY).map(fields -> toShopify(merchant, fields));
    }

    public Optional<AmazonAccount> amazon(MerchantId merchant) {
        return vault.find(merchant, AMAZON)
                .map(fields -> new AmazonAccount(
                        merchant,
                        fields.getOrDefault("sellerId", ""),
                        fields.getOrDefault("region", "na"),
                        Arrays.stream(fields.getOrDefault("marketplaceIds", "").split(","))
                                .filter(s -> !s.isBlank())
                                .toList(),
                        fields.getOrDefault("lwaClientId", ""),
                        fields.getOrDefault("lwaClientSecret", ""),
                        fields.getOrDefault("refreshToken", "")));
    }

    /** Merchants with the channel configured: the set background workers serve. */
    public List<MerchantId> merchantsWith(Channel channel) {
        return jdbc.sql("select merchant_id from inventory_channel_accounts where channel = :channel")
                .param("channel", channel.id())
                .query((rs, n) -> new MerchantId(rs.getObject(1, UUID.class)))
                .list();
    }

    public record ConfiguredChannel(String channel, String account, Instant configuredAt) {}

    public List<ConfiguredChannel> configured(MerchantId merchant) {
        return jdbc.sql("""
                        select channel, external_id, configured_at from inventory_channel_accounts
                        where merchant_id = :merchant order by channel""")
                .param("merchant", merchant.value())
                .query((rs, n) -> new ConfiguredChannel(
                        rs.getString("channel"),
                        rs.getString("external_id"),
                        rs.getTimestamp("configured_at").toInstant()))
                .list();
    }

    private Optional<ShopifyAccount> loadShop(String shopDomain) {
        return jdbc.sql("""
                        select merchant_id from inventory_channel_accounts
                        where channel = 'shopify' and external_id = :domain""")
                .param("domain", shopDomain)
                .query((rs, n) -> new MerchantId(rs.getObject(1, UUID.class)))
                .optional()
                .flatMap(this::shopify);
    }

    private ShopifyAccount toShopify(MerchantId merchant, Map<String, String> fields) {
        List<String> secrets = new ArrayList<>();
        secrets.add(fields.getOrDefault("webhookSecret", ""));
        @Nullable String previous = fields.get("previousWebhookSecret");
        @Nullable String validUntil = fields.get("previousValidUntil");
        if (previous != null && validUntil != null && clock.instant().isBefore(Instant.parse(validUntil))) {
            secrets.add(previous);
        }
        return new ShopifyAccount(
                merchant,
                fields.getOrDefault("shopDomain", ""),
                fields.getOrDefault("accessToken", ""),
                List.copyOf(secrets),
                fields.getOrDefault("locationId", ""));
    }

    private void bind(MerchantId merchant, String channel, String externalId) {
        String owner = jdbc.sql("""
                        select merchant_id from inventory_channel_accounts where channel = :channel and external_id = :id""")
                .param("channel", channel)
                .param("id", externalId)
                .query((rs, n) -> rs.getString(1))
                .optional()
                .orElse(null);
        if (owner != null && !owner.equals(merchant.toString())) {
            throw dev.mercator.platform.web.ApiProblem.conflict(
                    "That " + channel + " account is already connected to another merchant");
        }
        jdbc.sql("delete from inventory_channel_accounts where merchant_id = :merchant and channel = :channel")
                .param("merchant", merchant.value())
                .param("channel", channel)
                .update();
        jdbc.sql("""
                        insert into inventory_channel_accounts (merchant_id, channel, external_id, configured_at)
                        values (:merchant, :channel, :id, :now)""")
                .param("merchant", merchant.value())
                .param("channel", channel)
                .param("id", externalId)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }
}
