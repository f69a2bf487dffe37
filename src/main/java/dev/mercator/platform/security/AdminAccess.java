package dev.mercator.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The admin token in force: the configured one, or in the demo run a random one made at start-up (printed once by the
 * demo bootstrap). With neither, admin endpoints are closed.
 */
@Component
public class AdminAccess {

    private final @Nullable String token;
    private final boolean generated;

    AdminAccess(AccessSettings settings) {
        if (settings.adminToken() != null) {
            this.token = settings.adminToken();
            this.generated = false;
        } else if (settings.demo().enabled()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.token = "adm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            this.generated = true;
        } else {
            this.token = null;
            this.generated = false;
        }
    }

    public boolean enabled() {
        return token != null;
    }

    /** The token, only when it was generated for the demo run (a configured token is never handed out). */
    public Optional<String> generatedToken() {
        return generated ? Optional.ofNullable(token) : Optional.empty();
    }

    boolean matches(@Nullable String presented) {
        if (token == null || presented == null) {
            return false;
        }
        // Constant-time, so response timing does not reveal how much of a guess was right.
        return MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
