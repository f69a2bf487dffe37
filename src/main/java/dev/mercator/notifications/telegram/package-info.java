/** The Telegram channel: the Bot API's sendMessage, HTML-escaped, honouring 429's retry_after. */
@NullMarked
package dev.mercator.notifications.telegram;

import org.jspecify.annotations.NullMarked;
