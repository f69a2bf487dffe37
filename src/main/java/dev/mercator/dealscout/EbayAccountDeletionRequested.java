package dev.mercator.dealscout;

/**
 * eBay told us (a verified Marketplace Account Deletion notification) that a user closed their account: everything
 * Mercator stores about that user must go. Published once per notification id.
 *
 * @param username the eBay username, as listings name their seller
 * @param userId eBay's immutable user id
 */
public record EbayAccountDeletionRequested(String username, String userId) {}
