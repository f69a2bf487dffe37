package dev.mercator.inventory.web;

import dev.mercator.audit.AuditedChange;
import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.sync.ChannelOutbox;
import dev.mercator.inventory.sync.SyncState;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Connects a merchant's Shopify shop and Amazon seller account. Secrets go in encrypted and never come back out. */
@RestController
@RequestMapping(path = "/api/channels", produces = "application/json")
@Tag(name = "Inventory")
class ChannelsController {

    private final ChannelAccounts accounts;
    private final ChannelOutbox outbox;
    private final ApplicationEventPublisher events;

    ChannelsController(ChannelAccounts accounts, ChannelOutbox outbox, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.events = events;
    }

    record ShopifyChannel(
            @NotBlank
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,60}\\.myshopify\\.com", message = "must be a *.myshopify.com domain")
            String shopDomain,

            @NotBlank @Size(max = 255) String accessToken,
            @NotBlank @Size(min = 16, max = 255) String webhookSecret,

            @NotBlank @Pattern(regexp = "[0-9]{1,20}", message = "must be a numeric Shopify location id")
            String locationId) {}

    record AmazonChannel(
            @NotBlank @Pattern(regexp = "[A-Z0-9]{8,20}", message = "must be an Amazon merchant token")
            String sellerId,

            @NotBlank @Pattern(regexp = "na|eu|fe", message = "must be na, eu or fe")
            String region,

            @NotEmpty @Size(max = 25) List<@Pattern(regexp = "[A-Z0-9]{10,16}") String> marketplaceIds,
            @NotBlank @Size(max = 255) String lwaClientId,
            @NotBlank @Size(max = 255) String lwaClientSecret,
            @NotBlank @Size(max = 2048) String refreshToken) {}

    /**
     * A channel as the merchant sees it: never its secrets. {@code health} is {@code healthy} when no SKU is in an error
     * state, else {@code degraded}; the counts say how many SKUs are waiting and failing.
     */
    record ChannelStatus(
            String channel, boolean configured, String account, String health, long pendingSkus, long errorSkus) {}

    @Operation(
            operationId = "connectShopify",
            summary =
                    "Connect the merchant's Shopify shop (a new webhook secret rotates: the old one stays valid 72 h)")
    @PutMapping(path = "/shopify", consumes = "application/json")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void shopify(@Valid @RequestBody ShopifyChannel request) {
        MerchantId merchant = CurrentMerchant.require();
        Optional<ChannelAccounts.ShopifyAccount> previous = readable(() -> accounts.shopify(merchant));
        String domain = request.shopDomain().toLowerCase(Locale.ROOT);
        accounts.saveShopify(merchant, domain, request.accessToken(), request.webhookSecret(), request.locationId());
        Map<String, Object> before =
                previous.map(ChannelsController::shopifyState).orElse(null);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("account", domain);
        after.put("locationId", request.locationId());
        List<String> replaced = new ArrayList<>();
        if (previous.isEmpty() || !previous.get().accessToken().equals(request.accessToken())) {
            replaced.add("accessToken");
        }
        if (previous.isEmpty() || !previous.get().webhookSecrets().getFirst().equals(request.webhookSecret())) {
            replaced.add("webhookSecret");
        }
        after.put("secretsReplaced", replaced);
        auditConnection(merchant, Channel.SHOPIFY, before, after);
    }

    @Operation(
            operationId = "connectAmazon",
            summary = "Connect the merchant's Amazon seller account (SP-API, Login with Amazon)")
    @PutMapping(path = "/amazon", consumes = "application/json")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void amazon(@Valid @RequestBody AmazonChannel request) {
        MerchantId merchant = CurrentMerchant.require();
        Optional<ChannelAccounts.AmazonAccount> previous = readable(() -> accounts.amazon(merchant));
        accounts.saveAmazon(
                merchant,
                request.sellerId(),
                request.region(),
                request.marketplaceIds(),
                request.lwaClientId(),
                request.lwaClientSecret(),
                request.refreshToken());
        Map<String, Object> before =
                previous.map(ChannelsController::amazonState).orElse(null);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("account", request.sellerId());
        after.put("region", request.region());
        after.put("marketplaceIds", request.marketplaceIds());
        List<String> replaced = new ArrayList<>();
        if (previous.isEmpty() || !previous.get().lwaClientId().equals(request.lwaClientId())) {
            replaced.add("lwaClientId");
        }
        if (previous.isEmpty() || !previous.get().lwaClientSecret().equals(request.lwaClientSecret())) {
            replaced.add("lwaClientSecret");
        }
        if (previous.isEmpty() || !previous.get().refreshToken().equals(request.refreshToken())) {
            replaced.add("refreshToken");
        }
        after.put("secretsReplaced", replaced);
        auditConnection(merchant, Channel.AMAZON, before, after);
    }

    // Audit records name the secrets a connection replaced, never their values (nor a hash of them: a short token's
    // hash could be guessed back).
    private void auditConnection(
            MerchantId merchant, Channel channel, @Nullable Map<String, Object> before, Map<String, Object> after) {
        events.publishEvent(AuditedChange.of(merchant, "channel:" + channel.id(), "channel.connected", before, after));
    }

    private static Map<String, Object> shopifyState(ChannelAccounts.ShopifyAccount account) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("account", account.shopDomain());
        state.put("locationId", account.locationId());
        return state;
    }

    private static Map<String, Object> amazonState(ChannelAccounts.AmazonAccount account) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("account", account.sellerId());
        state.put("region", account.region());
        state.put("marketplaceIds", account.marketplaceIds());
        return state;
    }

    /** The connection being replaced; one that can no longer be decrypted is replaced as if there were none. */
    private static <T> Optional<T> readable(java.util.function.Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (dev.mercator.platform.crypto.UndecryptableSecretException e) {
            return Optional.empty();
        }
    }

    @Operation(
            operationId = "listChannels",
            summary = "Each channel: whether it is connected, its account and its sync health")
    @GetMapping
    List<ChannelStatus> list() {
        MerchantId merchant = CurrentMerchant.require();
        List<ChannelAccounts.ConfiguredChannel> configured = accounts.configured(merchant);
        return java.util.Arrays.stream(Channel.values())
                .map(channel -> {
                    long pending = outbox.count(merchant, channel, SyncState.PENDING);
                    long errors = outbox.count(merchant, channel, SyncState.ERROR);
                    return configured.stream()
                            .filter(c -> c.channel().equals(channel.id()))
                            .findFirst()
                            .map(c -> new ChannelStatus(
                                    channel.id(),
                                    true,
                                    c.account(),
                                    errors == 0 ? "healthy" : "degraded",
                                    pending,
                                    errors))
                            .orElse(new ChannelStatus(channel.id(), false, "", "not configured", pending, errors));
                })
                .toList();
    }
}
