package dev.mercator.platform.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Webhook deliveries signed by their sender (Shopify's HMAC, say), as the module that receives them recognises them.
 * A vendor delivers bursts from a few addresses, so such a request skips the per-address limit on the way in; the
 * endpoint counts it against that limit only if its signature fails ({@link FailedSignatures}), so unsigned and badly
 * signed floods are still refused.
 */
public interface SignedDeliveries {

    /** Whether the request carries a signature its endpoint will check before it does anything else. */
    boolean claimsSignature(HttpServletRequest request);
}
