package dev.mercator.platform.security;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated caller: a merchant (by API key) or the operator (by admin token). */
final class MerchantAuthentication extends AbstractAuthenticationToken {

    static final String ROLE_MERCHANT = "ROLE_MERCHANT";
    static final String ROLE_ADMIN = "ROLE_ADMIN";

    private final Object principal;
    private final String rateLimitKey;
    private final @Nullable UUID keyId;

    private MerchantAuthentication(Object principal, String role, String rateLimitKey, @Nullable UUID keyId) {
        super(List.of(new SimpleGrantedAuthority(role)));
        this.principal = principal;
        this.rateLimitKey = rateLimitKey;
        this.keyId = keyId;
        setAuthenticated(true);
    }

    static MerchantAuthentication merchant(ApiKeyAuthenticator.KeyOwner owner) {
        return new MerchantAuthentication(owner.merchant(), ROLE_MERCHANT, "key:" + owner.keyId(), owner.keyId());
    }

    static MerchantAuthentication admin() {
        return new MerchantAuthentication("admin", ROLE_ADMIN, "admin", null);
    }

    /** The id of the API key a merchant authenticated with (the audit trail's actor); null for the operator. */
    @Nullable
    UUID keyId() {
        return keyId;
    }

    boolean isAdmin() {
        return keyId == null && "admin".equals(principal);
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
