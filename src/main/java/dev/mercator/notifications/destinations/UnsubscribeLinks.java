package dev.mercator.notifications.destinations;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.http.PublicUrl;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * One-click unsubscribe links ({@code List-Unsubscribe}, RFC 8058): {@code /notifications/unsubscribe/<destination
 * id>.<HMAC-SHA256>}. The MAC is keyed with the destination's own random key, kept encrypted in the vault with its
 * other secrets, so a link cannot be forged from a destination id, a link for one destination says nothing about
 * another, and the key is re-encrypted on key rotation with the rest of the vault. Anyone holding the link may use it:
 * it only ever stops messages, which is what a leaked unsubscribe link should be able to do at worst.
 */
@Component
public class UnsubscribeLinks {

    public static final String PATH = "/notifications/unsubscribe/";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final Destinations destinations;
    private final PublicUrl publicUrl;

    UnsubscribeLinks(Destinations destinations, PublicUrl publicUrl) {
        this.destinations = destinations;
        this.publicUrl = publicUrl;
    }

    /** The absolute link for a destination, or an empty string if its key is gone (it was deleted meanwhile). */
    public String link(MerchantId merchant, UUID destinationId) {
        return destinations
                .unsubscribeKey(merchant, destinationId)
                .map(key -> publicUrl.resolve(PATH + destinationId + "." + mac(key, destinationId)))
                .orElse("");
    }

    /** Disables the destination the token names, if the token is genuine; whether it was (already disabled counts). */
    public boolean unsubscribe(String token, Instant now) {
        Optional<UUID> id = verified(token);
        id.ifPresent(destination -> destinations.disable(
                destination,
                "unsubscribed through the link in a message",
                now,
                dev.mercator.audit.AuditActor.system("unsubscribe-link")));
        return id.isPresent();
    }

    private Optional<UUID> verified(String token) {
        int dot = token.indexOf('.');
        if (dot != 36) {
            return Optional.empty();
        }
        UUID id;
        try {
            id = UUID.fromString(token.substring(0, dot));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<MerchantId> owner = destinations.ownerOf(id);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> key = destinations.unsubscribeKey(owner.get(), id);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return key.filter(k -> MessageDigest.isEqual(mac(k, id).getBytes(StandardCharsets.US_ASCII), given))
                .map(k -> id);
    }

    private static String mac(String base64Key, UUID destinationId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
            return URL.encodeToString(mac.doFinal(("unsubscribe:" + destinationId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }
}
