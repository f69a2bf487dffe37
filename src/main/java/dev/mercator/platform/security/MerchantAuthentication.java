package dev.mercator.platform.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated caller: a merchant (by API key) or the operator (by admin token). */
final class MerchantAuthentication extends AbstractAuthenticationToken {

    static final String ROLE_MERCHANT = "ROLE_MERCHANT";
    static final String ROLE_ADMIN = "ROLE_ADMIN";

    private final Object principal;
    private final String rateLimitKey;

    private MerchantAuthentication(Object principal, String role, String rateLimitKey) {
        super(List.of(new SimpleGrantedAuthority(role)));
        this.principal = principal;
        this.rateLimitKey = rateLimitKey;
        setAuthenticated(true);
    }

    static MerchantAuthentication merchant(ApiKeyAuthenticator.KeyOwner owner) {
        return new MerchantAuthentication(owner.merchant(), ROLE_MERCHANT, "key:" + owner.keyId());
    }

    static MerchantAuthentication admin() {
        return new MerchantAuthentication("admin", ROLE_ADMIN, "admin");
    }

    /** The bucket this caller's requests count against. */
    String rateLimitKey() {
        return rateLimitKey;
    }

    @Override
    public Object getCredentials() {
        // Never keep the presented secret around after authentication.
        return "";
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }
}
