package dev.mercator.platform.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The per-address limit for a delivery that claimed a signature and failed it ({@link SignedDeliveries}): counted as
 * any other request from its address would have been on the way in.
 */
@Component
public class FailedSignatures {

    private final RateLimiter limiter;
    private final RateLimitSettings settings;

    FailedSignatures(RateLimiter limiter, RateLimitSettings settings) {
        this.limiter = limiter;
        this.settings = settings;
    }

    /** Counts the failed delivery against its address; the verdict says whether the address is over its limit. */
    public RateLimiter.Verdict count(HttpServletRequest request) {
        return limiter.tryConsume(RateLimiter.addressKey(request), settings.perIpPerMinute());
    }
}
