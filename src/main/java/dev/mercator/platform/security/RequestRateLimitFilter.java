package dev.mercator.platform.security;

import dev.mercator.platform.ratelimit.RateLimitSettings;
import dev.mercator.platform.ratelimit.RateLimiter;
import dev.mercator.platform.ratelimit.SignedDeliveries;
import dev.mercator.platform.web.ProblemResponses;
import dev.mercator.platform.web.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-address and per-API-key request limits on Mercator's own API and webhooks. The address limit applies to every
 * caller, authenticated or not, so a flood of guessed keys is bounded too; a merchant's key limit applies on top. A
 * webhook delivery that claims its sender's signature ({@link SignedDeliveries}) is counted by its endpoint instead,
 * and only if the signature fails: a vendor's bursts come from a few addresses and must never be refused for that.
 */
final class RequestRateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final RateLimitSettings settings;
    private final ProblemResponses problems;
    private final List<SignedDeliveries> signed;

    RequestRateLimitFilter(
            RateLimiter limiter, RateLimitSettings settings, ProblemResponses problems, List<SignedDeliveries> signed) {
        this.limiter = limiter;
        this.settings = settings;
        this.problems = problems;
        this.signed = List.copyOf(signed);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !covers(request.getRequestURI());
    }

    /** Whether requests to the path are limited (also read by the OpenAPI description, which documents the 429). */
    static boolean covers(String path) {
        return path.startsWith("/api/") || path.startsWith("/webhook/") || path.equals("/webhook");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (signed.stream().anyMatch(deliveries -> deliveries.claimsSignature(request))) {
            chain.doFilter(request, response);
            return;
        }
        RateLimiter.Verdict verdict = limiter.tryConsume(RateLimiter.addressKey(request), settings.perIpPerMinute());
        if (verdict.allowed()) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth instanceof MerchantAuthentication caller
                    && auth.getAuthorities().stream()
                            .anyMatch(a -> MerchantAuthentication.ROLE_MERCHANT.equals(a.getAuthority()))) {
                verdict = limiter.tryConsume(caller.rateLimitKey(), settings.perApiKeyPerMinute());
            }
        }
        if (!verdict.allowed()) {
            response.setHeader("Retry-After", Long.toString(verdict.retryAfterSeconds()));
            response.setHeader("X-RateLimit-Remaining", "0");
            problems.write(
                    request,
                    response,
                    ProblemType.RATE_LIMITED,
                    "Rate limit exceeded; retry after " + verdict.retryAfterSeconds() + " s");
            return;
        }
        response.setHeader("X-RateLimit-Remaining", Long.toString(verdict.remaining()));
        chain.doFilter(request, response);
    }
}
