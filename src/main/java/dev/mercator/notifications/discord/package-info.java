/** The Discord channel: execute-webhook with an embed, honouring the webhook's rate-limit bucket. */
@NullMarked
package dev.mercator.notifications.discord;

import org.jspecify.annotations.NullMarked;
