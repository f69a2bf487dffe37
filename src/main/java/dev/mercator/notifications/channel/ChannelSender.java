package dev.mercator.notifications.channel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to one kind of destination. Implementations are package-private adapters in their own package (the live
 * client, which in sandbox mode talks to our simulator over the same wire protocol); the ledger finds them by {@link
 * #kind()}.
 */
public interface ChannelSender {

    ChannelKind kind();

    /**
     * The problems of a destination before it is stored (an address that is not one, a number not in E.164, a Discord
     * URL that is not a webhook URL, a webhook URL aimed at a private address in live mode); empty when it can be used.
     * May normalise nothing: what is stored is what was given, after {@link #normalise}.
     */
    List<FieldProblem> validate(Map<String, String> settings, Map<String, String> secrets);

    /** The settings as stored (a phone number in E.164 form, say). Called only after {@link #validate} passed. */
    default Map<String, String> normalise(Map<String, String> settings) {
        return settings;
    }

    /** The names of the fields that are secrets for this kind (kept encrypted, never returned). */
    List<String> secretFields();

    /** Sends one message and classes the result. Never throws for a provider's answer; throws only for a bug. */
    SendOutcome send(Target target, OutgoingMessage message);

    /**
     * Whether a send whose outcome is unknown is sent again (at least once: a duplicate is possible) or not (at most
     * once: a loss is possible). ADR 21 says which channel does which and why.
     */
    boolean retriesUnknownOutcome();

    /**
     * The provider rate-limit bucket a send to this target spends, named as the {@link RateHold}s this channel returns
     * name it ({@code discord:webhook:123}); empty when the channel has none worth tracking. The ledger asks before
     * sending, so it never calls a bucket that is held, and never has two calls in flight on one bucket.
     */
    default Optional<String> rateBucket(Target target) {
        return Optional.empty();
    }

    /**
     * The rates a send to this target keeps to before any provider says so (its chat, its bot, its account). The
     * ledger takes a token from each, shared by all instances, and postpones the send when one is empty; a hold on a
     * pace's bucket (a global 429) postpones it too.
     */
    default List<Pace> paces(Target target) {
        return List.of();
    }
}
