package dev.mercator.marketplaces;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The credentials and affiliate tag a call runs under: a merchant's own (from the encrypted vault) or the instance
 * default. {@code affiliateTag} is the Amazon partner tag, AliExpress tracking id or eBay campaign id; one merchant's
 * tag must never end up in another merchant's links.
 *
 * @param owner who the account belongs to ("instance" or a merchant id), for cache keys and logs; never a secret
 * @param fields vendor credentials (client id/secret, app key/secret, ...); never logged
 */
public record SourceAccount(String owner, @Nullable String affiliateTag, Map<String, String> fields) {

    public String field(String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalStateException("missing credential field " + name);
        }
        return value;
    }

    @Override
    public String toString() {
        return "SourceAccount[owner=" + owner + ", affiliateTag=" + affiliateTag + ", fields=" + fields.keySet() + "]";
    }
}
