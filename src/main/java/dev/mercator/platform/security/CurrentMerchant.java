package dev.mercator.platform.security;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The merchant the current request acts for; every merchant-scoped query starts here. */
public final class CurrentMerchant {

    private CurrentMerchant() {}

    public static MerchantId require() {
        return find().orElseThrow(() -> new ApiProblem(ProblemType.UNAUTHENTICATED, "A merchant API key is required"));
    }

    public static Optional<MerchantId> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof MerchantId merchant
                ? Optional.of(merchant)
                : Optional.empty();
    }

    /** The id of the API key the current request authenticated with, if a merchant key did (who acted, for audit). */
    public static Optional<UUID> apiKeyId() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth instanceof MerchantAuthentication caller ? Optional.ofNullable(caller.keyId()) : Optional.empty();
    }

    /** Whether the current request carries the operator's admin token. */
    public static boolean isAdmin() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth instanceof MerchantAuthentication caller && caller.isAdmin();
    }
}
