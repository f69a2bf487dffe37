package dev.mercator.marketplaces.amazon;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.marketplaces.source.ProductSource;
import dev.mercator.marketplaces.source.VendorCalls;
import dev.mercator.marketplaces.source.VendorCalls.Reply;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Creators API and PA-API 5.0 have in common: the same two operations over the same {@code Item} tree, the
 * same limits (10 items a call, 10 pages a search) and the same price filters. Requests are built and replies read in
 * the Creators API's lowerCamelCase; an adapter only authenticates, sends in its own wire format and names its errors.
 *
 * @param <A> the adapter's resolved account (credentials, marketplace and partner tag of one call)
 */
abstract class AmazonSource<A extends AmazonSource.Account> implements ProductSource {

    /** Both APIs take at most 10 item ids a lookup and 10 items a search page, and serve at most 10 pages. */
    static final int MAX_ITEMS = 10;

    static final int MAX_PAGES = 10;

    /** What every Amazon account resolves to, whatever else its API needs. */
    interface Account {
        String marketplace();

        String partnerTag();
    }

    /** The two operations, by their Creators API names; PA-API spells them in PascalCase. */
    enum Operation {
        SEARCH_ITEMS("searchItems"),
        GET_ITEMS("getItems");

        final String camel;

        Operation(String camel) {
            this.camel = camel;
        }
    }

    private final Clock clock;

    AmazonSource(Clock clock) {
        this.clock = clock;
    }

    /** The account of a call: the merchant's own fields, else the instance settings, else the sandbox defaults. */
    abstract A account(SourceAccount account) throws SourceFailure;

    /** Sends an operation with a lowerCamelCase body; the reply as the vendor gave it. */
    abstract Reply send(Operation operation, ObjectNode body, A account) throws SourceFailure;

    /** The reply's JSON in lowerCamelCase. */
    abstract JsonNode tree(Reply reply);

    /** The failure for a non-2xx reply, named by the vendor's own error fields. */
    abstract SourceFailure failure(Reply reply, JsonNode tree);

    /** Whether a 404 to a search says "nothing matched", which is an empty page and no failure of the provider. */
    abstract boolean noResults(JsonNode tree);

    /** Fields an API adds to a search beyond the common ones. */
    void searchExtras(ObjectNode body, SourceQuery query) {}

    @Override
    public final Marketplace marketplace() {
        return Marketplace.AMAZON;
    }

    @Override
    public final SourcePage search(SourceQuery query, SourceAccount account) throws SourceFailure {
        A resolved = account(account);
        ObjectNode body = VendorCalls.JSON.createObjectNode();
        body.put("keywords", query.keywords());
        body.put("searchIndex", "All");
        int count = Math.clamp(query.pageSize(), 1, MAX_ITEMS);
        body.put("itemCount", count);
        body.put("itemPage", Math.max(1, query.page()));
        body.put("partnerTag", resolved.partnerTag());
        BigDecimal min = query.minPrice();
        BigDecimal max = query.maxPrice();
        if (min != null) {
            body.put("minPrice", lowestDenomination(min));
        }
        if (max != null) {
            body.put("maxPrice", lowestDenomination(max));
        }
        searchExtras(body, query);
        AmazonItems.RESOURCES.forEach(body.putArray("resources")::add);
        Reply reply = send(Operation.SEARCH_ITEMS, body, resolved);
        JsonNode tree = tree(reply);
        if (reply.status() == 404 && noResults(tree)) {
            return new SourcePage(List.of(), 0, false);
        }
        if (!reply.ok()) {
            throw failure(reply, tree);
        }
        JsonNode result = tree.path("searchResult");
        List<RawProduct> products = new ArrayList<>();
        result.path("items")
                .forEach(item -> products.add(AmazonItems.toRaw(item, resolved.marketplace(), clock.instant())));
        long total = result.path("totalResultCount").asLong(products.size());
        // Amazon serves at most 10 pages whatever the total.
        boolean more = (long) query.page() * count < total && query.page() < MAX_PAGES;
        return new SourcePage(products, total, more);
    }

    @Override
    public final List<RawProduct> lookup(List<String> ids, SourceAccount account) throws SourceFailure {
        A resolved = account(account);
        List<RawProduct> products = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_ITEMS) {
            ObjectNode body = VendorCalls.JSON.createObjectNode();
            ids.subList(from, Math.min(ids.size(), from + MAX_ITEMS)).forEach(body.putArray("itemIds")::add);
            body.put("partnerTag", resolved.partnerTag());
            AmazonItems.RESOURCES.forEach(body.putArray("resources")::add);
            Reply reply = send(Operation.GET_ITEMS, body, resolved);
            JsonNode tree = tree(reply);
            if (!reply.ok()) {
                throw failure(reply, tree);
            }
            // Unknown ASINs come back in "errors" next to the known ones; they are simply left out.
            tree.path("itemsResult")
                    .path("items")
                    .forEach(item -> products.add(AmazonItems.toRaw(item, resolved.marketplace(), clock.instant())));
        }
        return products;
    }

    /** Amazon's price filters are integers in the currency's lowest denomination: 32.41 is 3241. */
    private static long lowestDenomination(BigDecimal amount) {
        return amount.movePointRight(2).longValue();
    }
}
