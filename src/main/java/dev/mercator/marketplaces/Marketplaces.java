package dev.mercator.marketplaces;

import dev.mercator.marketplaces.affiliate.AffiliateLinks;
import dev.mercator.marketplaces.affiliate.MarketplaceAccounts;
import dev.mercator.marketplaces.resilience.MarketplaceCalls;
import dev.mercator.marketplaces.source.MarketplaceSources;
import dev.mercator.marketplaces.source.ProductSource;
import dev.mercator.platform.MerchantId;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The marketplaces as other modules use them: which are configured, the account a merchant's calls run under, keyword
 * search, lookup by the marketplace's own ids and affiliate links. Every call names its {@link Lane} and goes through
 * the one set of rate limits, daily quotas and circuit breakers, so no caller spends a quota twice or wraps a call in
 * retries of its own.
 */
@Component
public class Marketplaces {

    private final MarketplaceSources sources;
    private final MarketplaceCalls calls;
    private final MarketplaceAccounts accounts;
    private final AffiliateLinks links;

    Marketplaces(
            MarketplaceSources sources, MarketplaceCalls calls, MarketplaceAccounts accounts, AffiliateLinks links) {
        this.sources = sources;
        this.calls = calls;
        this.accounts = accounts;
        this.links = links;
    }

    /** The marketplaces with an adapter in this configuration. */
    public Set<Marketplace> available() {
        return sources.all().keySet();
    }

    public boolean available(Marketplace marketplace) {
        return sources.all().containsKey(marketplace);
    }

    /**
     * The account a merchant's calls run under: its own credentials and tag from the vault, else the instance's; with
     * no merchant, the instance's. Read once per request and passed to each call, since it is a vault read.
     */
    public SourceAccount account(@Nullable MerchantId merchant, Marketplace marketplace) {
        return accounts.account(merchant, marketplace);
    }

    /** One page of keyword results. An empty page is a normal answer, not a failure. */
    public SourcePage search(Marketplace marketplace, SourceQuery query, SourceAccount account, Lane lane)
            throws SourceFailure {
        ProductSource source = source(marketplace);
        return calls.call(marketplace, lane, account.owner(), () -> source.search(query, account));
    }

    /** Products by the marketplace's own ids (ASIN, AliExpress product id, eBay item id); unknown ids are left out. */
    public List<RawProduct> lookup(Marketplace marketplace, List<String> ids, SourceAccount account, Lane lane)
            throws SourceFailure {
        ProductSource source = source(marketplace);
        return calls.call(marketplace, lane, account.owner(), () -> source.lookup(ids, account));
    }

    /**
     * One page of listings for a deal scan: eBay's Browse API with its category, condition, buying-format and price
     * filters, the other marketplaces through their keyword search (see {@link ProductSource#listings}).
     */
    public ListingPage listings(Marketplace marketplace, ListingQuery query, SourceAccount account, Lane lane)
            throws SourceFailure {
        ProductSource source = source(marketplace);
        return calls.call(marketplace, lane, account.owner(), () -> source.listings(query, account));
    }

    /**
     * How many background calls {@code marketplace}'s daily budget has left today (UTC): its background share less
     * every call counted today, interactive ones included, since both draw on the one counter.
     */
    public long backgroundCallsLeft(Marketplace marketplace) {
        return calls.quotas().stream()
                .filter(report -> report.marketplace().equals(marketplace.id()))
                .findFirst()
                .map(report -> Math.max(0, report.backgroundLimit() - report.used()))
                .orElse(0L);
    }

    /**
     * The account's affiliate links for one marketplace's products, in their order. Never fails: without a tag a product
     * keeps the link it has; where a link could not be made, its current URL, marked as not an affiliate link.
     */
    public List<ProductLink> affiliateLinks(
            Marketplace marketplace, List<Linkable> products, SourceAccount account, Lane lane) {
        return links.links(products, account, source(marketplace), lane);
    }

    private ProductSource source(Marketplace marketplace) {
        return sources.find(marketplace)
                .orElseThrow(() -> new IllegalStateException("no adapter for marketplace " + marketplace.id()));
    }
}
