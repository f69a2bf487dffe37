package dev.mercator.inventory.shopify;

import dev.mercator.support.PostgresSuite;

/** The same against PostgreSQL: recorded writes found again by their timestamp, level reports on real row locks. */
@PostgresSuite
class ShopifyGatewayPostgresIntegrationTests extends ShopifyGatewayIntegrationTests {}
