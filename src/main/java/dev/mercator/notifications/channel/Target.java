package dev.mercator.notifications.channel;

import java.util.Map;
import java.util.UUID;

/**
 * Where a message goes: one merchant destination with its settings (shown back to the merchant: an address, a phone
 * number, a chat id) and its secrets (never shown or logged: a Discord webhook token, a bot token, Twilio credentials,
 * a signing secret), decrypted only for the send.
 */
public record Target(UUID destinationId, ChannelKind kind, Map<String, String> settings, Map<String, String> secrets) {

    public Target {
        settings = Map.copyOf(settings);
        secrets = Map.copyOf(secrets);
    }

    @Override
    public String toString() {
        return "Target[" + destinationId + ", " + kind.code() + ", settings " + settings + ", secrets "
                + secrets.keySet() + "]";
    }
}
