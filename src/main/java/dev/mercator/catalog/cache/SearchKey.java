package dev.mercator.catalog.cache;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceQuery;
import java.math.BigDecimal;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A search query with its cache key for each marketplace, derived once per search request. Normalising the keywords
 * (lower case, whitespace runs collapsed) and appending paging and filters costs several times a Caffeine lookup (cache
 * lookup benchmark), so a search pays it once for all its marketplaces rather than on every lookup.
 */
public final class SearchKey {

    private static final Marketplace[] MARKETPLACES = Marketplace.values();

    private final SourceQuery query;
    /** By marketplace ordinal: {@code <marketplace id>|<normalised query>}, the form Redis has always stored. */
    private final String[] keys;

    // Indexed by ordinal: the key of each marketplace is built once per search and read without hashing.
    @SuppressWarnings("EnumOrdinal")
    private SearchKey(SourceQuery query) {
        this.query = query;
        String normalised = normalise(query);
        this.keys = new String[MARKETPLACES.length];
        for (Marketplace marketplace : MARKETPLACES) {
            keys[marketplace.ordinal()] = marketplace.id() + '|' + normalised;
        }
    }

    public static SearchKey of(SourceQuery query) {
        return new SearchKey(query);
    }

    public SourceQuery query() {
        return query;
    }

    @SuppressWarnings("EnumOrdinal")
    String on(Marketplace marketplace) {
        return keys[marketplace.ordinal()];
    }

    /**
     * Keywords lower-cased with whitespace runs collapsed, then the paging and filters. Built by hand: a regex here
     * cost several times the lookup it keys.
     */
    private static String normalise(SourceQuery query) {
        String keywords = query.keywords().strip();
        StringBuilder key = new StringBuilder(keywords.length() + 24);
        boolean space = false;
        for (int i = 0; i < keywords.length(); i++) {
            char c = keywords.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space) {
                key.append(' ');
                space = false;
            }
            key.append(Character.toLowerCase(c));
        }
        key.append('|')
                .append(query.page())
                .append('|')
                .append(query.pageSize())
                .append('|')
                .append(plain(query.minPrice()))
                .append('|')
                .append(plain(query.maxPrice()))
                .append('|');
        if (query.currency() != null) {
            key.append(query.currency().toUpperCase(Locale.ROOT));
        }
        return key.toString();
    }

    private static String plain(@Nullable BigDecimal amount) {
        return amount == null ? "" : amount.stripTrailingZeros().toPlainString();
    }
}
