package dev.mercator.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the caller's credential: {@code X-Api-Key} (a merchant), {@code X-Admin-Token} (the operator) or {@code
 * Authorization: Bearer} (either). An unknown credential leaves the request anonymous, and the authorisation rules
 * answer 401. Only Mercator's own API paths are read: simulated providers under /sandbox use bearer tokens of their
 * own.
 */
final class CredentialsFilter extends OncePerRequestFilter {

    private final AdminAccess admin;
    private final ApiKeyAuthenticator keys;

    CredentialsFilter(AdminAccess admin, ApiKeyAuthenticator keys) {
        this.admin = admin;
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/health/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MerchantAuthentication authentication = authenticate(request);
        if (authentication != null) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private @Nullable MerchantAuthentication authenticate(HttpServletRequest request) {
        String adminToken = request.getHeader("X-Admin-Token");
        if (adminToken != null) {
            return admin.matches(adminToken) ? MerchantAuthentication.admin() : null;
        }
        String apiKey = request.getHeader("X-Api-Key");
        String bearer = bearer(request.getHeader("Authorization"));
        if (apiKey == null && bearer != null && admin.matches(bearer)) {
            return MerchantAuthentication.admin();
        }
        String key = apiKey != null ? apiKey : bearer;
        if (key == null || key.length() > 256) {
            return null;
        }
        return keys.authenticate(key).map(MerchantAuthentication::merchant).orElse(null);
    }

    private static @Nullable String bearer(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
