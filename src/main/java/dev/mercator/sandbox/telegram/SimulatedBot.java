package dev.mercator.sandbox.telegram;

import dev.mercator.sandbox.limits.SimulatorBuckets;
import io.github.bucket4j.Bucket;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bot and the chats that know it. Telegram's published limits: about one message a second to one chat (short
 * bursts tolerated), 20 a minute to one group, 30 a second over all chats of a bot.
 */
final class SimulatedBot {

    /** A chat the bot can write to, until the user blocks it or the group removes it. */
    static final class Chat {
        final long id;
        final String type;
        final String title;
        final Bucket bucket;
        final AtomicLong nextMessageId = new AtomicLong();
        volatile boolean blocked;

        Chat(long id, String type, String title, Bucket bucket) {
            this.id = id;
            this.type = type;
            this.title = title;
            this.bucket = bucket;
        }

        boolean isGroup() {
            return !type.equals("private");
        }
    }

    final long id;
    final String token;
    final double chatPerSecond;
    final int chatBurst;
    final Bucket bucket;
    final Map<Long, Chat> chats = new ConcurrentHashMap<>();
    final List<ObjectNode> messages = new CopyOnWriteArrayList<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    private final InstantSource clock;

    SimulatedBot(long id, String token, double chatPerSecond, int chatBurst, InstantSource clock) {
        this.id = id;
        this.token = token;
        this.chatPerSecond = chatPerSecond;
        this.chatBurst = chatBurst;
        this.clock = clock;
        this.bucket = SimulatorBuckets.full(30, 30, clock);
    }

    Chat addChat(long chatId, String type, String title) {
        Bucket limit = type.equals("private")
                ? SimulatorBuckets.full(chatPerSecond, chatBurst, clock)
                : SimulatorBuckets.full(20 / 60.0, 20, clock);
        return chats.computeIfAbsent(chatId, c -> new Chat(chatId, type, title, limit));
    }
}
