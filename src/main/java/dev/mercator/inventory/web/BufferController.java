package dev.mercator.inventory.web;

import dev.mercator.audit.AuditedChange;
import dev.mercator.inventory.StockLevels;
import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.ledger.Skus;
import dev.mercator.inventory.sync.ChannelOutbox;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Safety stock per channel: the channel is offered physical − buffer, never less than 0. */
@RestController
@RequestMapping(path = "/api/buffer", produces = "application/json")
@Tag(name = "Inventory")
class BufferController {

    private final ChannelOutbox outbox;
    private final StockLevels levels;
    private final ApplicationEventPublisher events;

    BufferController(ChannelOutbox outbox, StockLevels levels, ApplicationEventPublisher events) {
        this.outbox = outbox;
        this.levels = levels;
        this.events = events;
    }

    record SetBuffer(
            @Nullable String channel,
            @NotNull @Min(0) @Max(1_000_000_000) Integer buffer) {}

    @Operation(
            operationId = "setBuffer",
            summary = "Set the buffer of one channel, or of every channel when none is named")
    @PostMapping(path = "/{sku}", consumes = "application/json")
    @Transactional
    Map<String, StockLevels.ChannelView> set(@PathVariable String sku, @Valid @RequestBody SetBuffer request) {
        MerchantId merchant = CurrentMerchant.require();
        Map<String, Integer> before = buffers(existing(merchant, Skus.valid(sku)));
        List<Channel> channels =
                request.channel() == null ? Arrays.asList(Channel.values()) : List.of(Channel.of(request.channel()));
        if (outbox.setBuffer(merchant, sku, channels, request.buffer()) == 0) {
            throw ApiProblem.notFound("No SKU " + sku);
        }
        Map<String, StockLevels.ChannelView> after = existing(merchant, sku).channels();
        if (!before.equals(buffers(after))) {
            events.publishEvent(AuditedChange.of(merchant, "sku:" + sku, "buffer.set", before, buffers(after)));
        }
        return after;
    }

    private static Map<String, Integer> buffers(StockLevels.SkuView view) {
        return buffers(view.channels());
    }

    private static Map<String, Integer> buffers(Map<String, StockLevels.ChannelView> channels) {
        Map<String, Integer> buffers = new java.util.TreeMap<>();
        channels.forEach((channel, view) -> buffers.put(channel, view.buffer()));
        return buffers;
    }

    @Operation(operationId = "getBuffer", summary = "A SKU's buffer and offered quantity on each channel")
    @GetMapping("/{sku}")
    Map<String, StockLevels.ChannelView> get(@PathVariable String sku) {
        return existing(CurrentMerchant.require(), Skus.valid(sku)).channels();
    }

    private StockLevels.SkuView existing(MerchantId merchant, String sku) {
        return levels.find(merchant, sku).orElseThrow(() -> ApiProblem.notFound("No SKU " + sku));
    }
}
