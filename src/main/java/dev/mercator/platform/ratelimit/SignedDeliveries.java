package dev.mercator.platform.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Webhook deliveries signed by their sender (Shopify's HMAC, say), as the module that receives them recognises them.
 * A vendor delivers bursts from a few addresses, so such a request skips the per-address limit on the way in; the
 * endpoint counts it against that limit only if its signature fails ({@link FailedSignatures}), so unsigned and badly
 * signed floods are still refused. The OpenAPI description declares the signature as the endpoint's security scheme.
 */
public interface SignedDeliveries {

    /** Where the deliveries arrive and how they are signed. */
    Endpoint endpoint();

    /** Whether the request carries a signature its endpoint will check before it does anything else. */
    default boolean claimsSignature(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && endpoint().path().equals(request.getRequestURI())
                && request.getHeader(endpoint().signatureHeader()) != null;
    }

    /**
     * A webhook endpoint: deliveries are POSTed to {@code path} with a signature in {@code signatureHeader}.
     *
     * @param sender who signs, in lower camel case (the description's security scheme is {@code <sender>Signature})
     * @param signature how the signature is made, for the description
     * @param refusalStatus what a missing or wrong signature gets: 401 (Shopify's convention) or 403 (Twilio's
     *     callbacks, which answer an unknown destination the same way)
     */
    record Endpoint(String sender, String path, String signatureHeader, String signature, int refusalStatus) {

        public Endpoint(String sender, String path, String signatureHeader, String signature) {
            this(sender, path, signatureHeader, signature, 401);
        }
    }
}
