package dev.mercator.inventory.shopify;

import dev.mercator.support.PostgresSuite;

/** Webhook intake against PostgreSQL: concurrent duplicate deliveries on real row locks. */
@PostgresSuite
class ShopifyWebhooksPostgresIntegrationTests extends ShopifyWebhooksIntegrationTests {}
