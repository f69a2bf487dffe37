package dev.mercator.inventory.amazon;

import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.channel.ChannelAccounts.AmazonAccount;
import dev.mercator.inventory.channel.ChannelGateway;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.PushRequest;
import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.inventory.channel.ReadBack;
import dev.mercator.inventory.channel.ReadBacks;
import dev.mercator.platform.MerchantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Amazon behind the {@link ChannelGateway} port. Up to {@code feed-threshold} SKUs go as single merge patches, paced
 * by the seller's shared bucket; a larger backlog goes as one JSON_LISTINGS_FEED. Every failure is an outcome: a 429
 * or a spent pacing budget is throttled, a 5xx or a call without an answer transient, any other 4xx (including an
 * INVALID submission and an unknown SKU) rejected with Amazon's own words. A failure that concerns the seller rather
 * than the SKU (quota spent, credentials refused, Amazon unreachable) ends the push: the SKUs not yet sent get the same
 * outcome instead of each spending a call to learn it.
 */
@Component
class AmazonGateway implements ChannelGateway {

    private static final Logger log = LoggerFactory.getLogger(AmazonGateway.class);
    private static final int MAX_REASON = 480;

    private final ChannelAccounts accounts;
    private final AmazonListings listings;
    private final AmazonFeeds feeds;
    private final AmazonSettings settings;
    private final Clock clock;
    private final AmazonOrderWatermarks watermarks;

    AmazonGateway(
            ChannelAccounts accounts,
            AmazonListings listings,
            AmazonFeeds feeds,
            AmazonSettings settings,
            Clock clock,
            AmazonOrderWatermarks watermarks) {
        this.accounts = accounts;
        this.listings = listings;
        this.feeds = feeds;
        this.settings = settings;
        this.clock = clock;
        this.watermarks = watermarks;
    }

    @Override
    public Channel channel() {
        return Channel.AMAZON;
    }

    /** A JSON_LISTINGS_FEED carries thousands of SKUs in a handful of calls. */
    @Override
    public boolean hasBulkPath() {
        return true;
    }

    @Override
    public List<PushOutcome> push(MerchantId merchant, List<PushRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Optional<AmazonAccount> connected = accounts.amazon(merchant);
        if (connected.isEmpty()) {
            return all(requests, AmazonFailure.rejected("Amazon is not connected for this merchant", true));
        }
        AmazonAccount account = connected.get();
        Instant paceDeadline = clock.instant().plus(settings.maxPaceWait());
        if (requests.size() > settings.feedThreshold()) {
            try {
                return bounded(feeds.push(account, requests, paceDeadline));
            } catch (AmazonFailure failure) {
                log.warn("Amazon feed for seller {} failed: {}", account.sellerId(), failure.reason());
                return all(requests, failure);
            } catch (RuntimeException unexpected) {
                log.error("Amazon feed for seller {} failed unexpectedly", account.sellerId(), unexpected);
                return all(requests, unexpected(unexpected));
            }
        }
        List<PushOutcome> outcomes = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            PushRequest request = requests.get(i);
            try {
                outcomes.add(listings.patch(account, request, paceDeadline));
            } catch (AmazonFailure failure) {
                outcomes.add(failure.toOutcome(request.target().sku()));
                if (failure.sellerWide()) {
                    log.info(
                            "Amazon push for seller {} stopped after {} of {} SKUs: {}",
                            account.sellerId(),
                            i,
                            requests.size(),
                            failure.reason());
                    outcomes.addAll(all(requests.subList(i + 1, requests.size()), failure));
                    break;
                }
            } catch (RuntimeException unexpected) {
                // The port promises outcomes, never exceptions: an odd reply is retried like a 5xx.
                log.error(
                        "Amazon push of {} failed unexpectedly",
                        request.target().sku(),
                        unexpected);
                outcomes.add(unexpected(unexpected).toOutcome(request.target().sku()));
            }
        }
        return bounded(outcomes);
    }

    /**
     * Reconciliation's read: one getListingsItem per SKU (paced like every read-back), with how far the orders poll has
     * got. Amazon lowers a listing when it takes an order, minutes before the poll brings the order to Mercator.
     */
    @Override
    public ReadBacks readBacks(MerchantId merchant, List<PushTarget> targets) {
        Instant through = watermarks.polledThrough(merchant);
        ReadBacks read = ChannelGateway.super.readBacks(merchant, targets);
        return new ReadBacks(read.shown(), read.unsettled(), read.calls(), through);
    }

    @Override
    public ReadBack readBack(MerchantId merchant, PushTarget target) {
        Optional<AmazonAccount> account = accounts.amazon(merchant);
        if (account.isEmpty()) {
            return ReadBack.unreadable();
        }
        try {
            return listings.quantity(
                            account.get(), target.sellerSku(), clock.instant().plus(settings.maxPaceWait()))
                    .<ReadBack>map(ReadBack.Shown::new)
                    .orElseGet(ReadBack::unreadable);
        } catch (AmazonFailure failure) {
            if (failure.notListed()) {
                // Amazon takes a quantity patch for a SKU it does not list (ACCEPTED, per the Listings model) and
                // applies it nowhere; only the read-back can tell.
                return new ReadBack.NotListed(failure.reason());
            }
            log.debug("Amazon read-back of {} failed: {}", target.sellerSku(), failure.reason());
            return ReadBack.unreadable();
        } catch (RuntimeException unexpected) {
            log.warn("Amazon read-back of {} failed unexpectedly", target.sellerSku(), unexpected);
            return ReadBack.unreadable();
        }
    }

    private static AmazonFailure unexpected(RuntimeException failure) {
        return AmazonFailure.transientFailure(
                "unexpected reply (" + failure.getClass().getSimpleName() + ")", false);
    }

    private static List<PushOutcome> all(List<PushRequest> requests, AmazonFailure failure) {
        return bounded(requests.stream()
                .map(request -> failure.toOutcome(request.target().sku()))
                .toList());
    }

    /** Reasons end up in a visible error state (500 characters at most); Amazon's texts can be longer. */
    private static List<PushOutcome> bounded(List<PushOutcome> outcomes) {
        return outcomes.stream()
                .map(outcome -> switch (outcome) {
                    case PushOutcome.Rejected r
                    when r.reason().length() > MAX_REASON ->
                        new PushOutcome.Rejected(r.sku(), r.reason().substring(0, MAX_REASON) + "…");
                    case PushOutcome.Transient t
                    when t.reason().length() > MAX_REASON ->
                        new PushOutcome.Transient(t.sku(), t.reason().substring(0, MAX_REASON) + "…");
                    default -> outcome;
                })
                .toList();
    }
}
