package dev.mercator.notifications.channel;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of destination a merchant can send alerts to, by the code the API uses. */
public enum ChannelKind {
    EMAIL("email"),
    DISCORD("discord"),
    SMS("sms"),
    TELEGRAM("telegram"),
    WEBHOOK("webhook");

    private final String code;

    ChannelKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ChannelKind> find(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
