package dev.mercator.catalog.affiliate;

import dev.mercator.catalog.product.Offer;
import dev.mercator.catalog.product.ValidProduct;
import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.Marketplaces;
import dev.mercator.marketplaces.ProductLink;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Puts the caller's affiliate links, made by the marketplaces module, on validated offers. Links are made in the
 * interactive lane: only for a response someone is waiting for (a search or a product page).
 */
@Component
public class OfferLinks {

    private final Marketplaces marketplaces;

    OfferLinks(Marketplaces marketplaces) {
        this.marketplaces = marketplaces;
    }

    /** A validated product and the marketplace's description of it, which link APIs take. */
    public record Linkable(ValidProduct product, RawProduct raw) {}

    public ValidProduct apply(ValidProduct product, RawProduct raw, SourceAccount account) {
        return applyAll(List.of(new Linkable(product, raw)), account).getFirst();
    }

    /** Links for one marketplace's products of one response, in their order. */
    public List<ValidProduct> applyAll(List<Linkable> products, SourceAccount account) {
        if (products.isEmpty()) {
            return List.of();
        }
        Marketplace marketplace = products.getFirst().product().offer().marketplace();
        List<dev.mercator.marketplaces.Linkable> asked = new ArrayList<>(products.size());
        for (Linkable linkable : products) {
            Offer offer = linkable.product().offer();
            asked.add(new dev.mercator.marketplaces.Linkable(
                    linkable.raw(), new ProductLink(offer.url(), offer.affiliate())));
        }
        List<ProductLink> links = marketplaces.affiliateLinks(marketplace, asked, account, Lane.INTERACTIVE);
        List<ValidProduct> linked = new ArrayList<>(products.size());
        for (int i = 0; i < products.size(); i++) {
            linked.add(withLink(products.get(i).product(), links.get(i)));
        }
        return linked;
    }

    private static ValidProduct withLink(ValidProduct p, ProductLink link) {
        Offer o = p.offer();
        if (o.url().equals(link.url()) && o.affiliate() == link.affiliate()) {
            return p;
        }
        return new ValidProduct(
                p.title(),
                p.description(),
                p.brand(),
                p.model(),
                p.gtin(),
                p.imageUrl(),
                new Offer(
                        o.marketplace(),
                        o.marketplaceId(),
                        o.price(),
                        o.currency(),
                        link.url(),
                        link.affiliate(),
                        o.availability(),
                        o.asOf()));
    }
}
