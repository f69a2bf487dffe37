/** Simulator of Telegram's Bot API sendMessage: its limits per chat, group and bot, its HTML parsing and its errors. */
@NullMarked
package dev.mercator.sandbox.telegram;

import org.jspecify.annotations.NullMarked;
