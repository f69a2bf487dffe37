package dev.mercator.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A model of one shop's truth, driven by a seeded random schedule against the simulated Shopify: orders, partial and
 * full cancellations (restocking or not), returns after fulfilment, refunds without restock, and manual edits in
 * Shopify admin, in bursts and in quiet times. It keeps the ground truth per SKU (initial − units sold + units
 * restocked + edit deltas) with its history, and samples what Shopify and Amazon offer while the schedule runs, so a
 * test can check that no channel ever offered more than was true, and that Mercator ends exactly on the truth.
 *
 * <p>It talks only to the simulators' {@code /sandbox/...} endpoints, so it works the same whether the simulators run
 * inside the application under test or in a process of their own.
 */
public final class SyncModel {

    /** One SKU in both simulators. */
    public record Sku(String sku, long shopifyItem) {}

    private record Truth(long at, int value) {}

    private record Sample(long at, String sku, String channel, int offered) {}

    private record OpenLine(long orderId, long lineId, String sku, int quantity, boolean fulfilled) {}

    private final long seed;
    private final Random dice;
    private final Api world;
    private final @Nullable Api merchant;
    private final String domain;
    private final String sellerId;
    private final List<Sku> skus;
    private final Map<String, List<Truth>> truth = new ConcurrentHashMap<>();
    private final Map<String, Integer> editDeltas = new ConcurrentHashMap<>();
    private final Map<String, List<Truth>> shopifyRaises = new ConcurrentHashMap<>();
    private final List<OpenLine> open = new ArrayList<>();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    /**
     * @param merchant Mercator's API as the merchant, for counts changed in the warehouse (which Mercator then pushes
     *     to both channels, raising and lowering them during the traffic); null leaves them out
     */
    public SyncModel(
            long seed, Api world, @Nullable Api merchant, String domain, String sellerId, List<Sku> skus, int initial) {
        this.seed = seed;
        this.merchant = merchant;
        this.dice = new Random(seed);
        this.world = world;
        this.domain = domain;
        this.sellerId = sellerId;
        this.skus = List.copyOf(skus);
        long now = System.nanoTime();
        for (Sku sku : skus) {
            truth.put(sku.sku(), new CopyOnWriteArrayList<>(List.of(new Truth(now, initial))));
            editDeltas.put(sku.sku(), 0);
            shopifyRaises.put(sku.sku(), new CopyOnWriteArrayList<>());
        }
    }

    public long seed() {
        return seed;
    }

    public int truth(String sku) {
        List<Truth> history = truth.get(sku);
        return history.getLast().value();
    }

    /** The sum of the manual edits made in Shopify admin on this SKU. */
    public int edits(String sku) {
        return editDeltas.get(sku);
    }

    /** How many of each operation the schedule ran. */
    public Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    /**
     * Runs {@code operations} random operations with random pauses; {@code midway}, if given, runs once at a random
     * point (to kill the process under test, say).
     */
    public void run(int operations, @Nullable Runnable midway) throws InterruptedException {
        int killAt = midway == null ? -1 : operations / 4 + dice.nextInt(operations / 2);
        for (int i = 0; i < operations; i++) {
            if (i == killAt) {
                midway.run();
            }
            step();
            // The merchant's and shoppers' pace: real time between operations is part of the traffic being modelled.
            Thread.sleep(20 + dice.nextInt(100));
        }
    }

    private void step() throws InterruptedException {
        int roll = dice.nextInt(100);
        if (roll < 40) {
            order();
        } else if (roll < 48) {
            cancelPart();
        } else if (roll < 58) {
            cancelWhole();
        } else if (roll < 68) {
            fulfilAndReturn();
        } else if (roll < 73) {
            refundWithoutRestock();
        } else if (roll < 86) {
            edit();
        } else if (roll < 93 && merchant != null) {
            warehouse(merchant);
        } else {
            // A quiet moment: edits made after it happen with no order traffic around them.
            count("pause");
            Thread.sleep(300 + dice.nextInt(1200));
        }
    }

    private void order() {
        Sku sku = anySku();
        int quantity = 1 + dice.nextInt(3);
        Api.Response placed =
                world.post(sim() + "/orders", Map.of("lines", List.of(Map.of("sku", sku.sku(), "quantity", quantity))));
        if (placed.status() == 409) {
            count("order-refused");
            return;
        }
        JsonNode order = expect(placed);
        JsonNode line = order.get("line_items").get(0);
        open.add(new OpenLine(order.get("id").asLong(), line.get("id").asLong(), sku.sku(), quantity, false));
        move(sku.sku(), -quantity);
        count("order");
    }

    /** One unit of an open line cancelled with restock (a refund of type cancel). */
    private void cancelPart() {
        OpenLine line = anyOpen(false, 2);
        if (line == null) {
            return;
        }
        // A unit coming back is true from the moment the simulator may show it: recorded before the call.
        moveAtShopify(line.sku(), 1);
        refund(line, 1, "cancel");
        open.set(
                open.indexOf(line),
                new OpenLine(line.orderId(), line.lineId(), line.sku(), line.quantity() - 1, false));
        count("cancel-part");
    }

    /** The whole order cancelled, restocking its open units or not. */
    private void cancelWhole() {
        OpenLine line = anyOpen(false, 1);
        if (line == null) {
            return;
        }
        boolean restock = dice.nextBoolean();
        if (restock) {
            moveAtShopify(line.sku(), line.quantity());
        }
        expect(world.post(sim() + "/orders/" + line.orderId() + "/cancel", Map.of("restock", restock)));
        open.remove(line);
        count(restock ? "cancel-restock" : "cancel-no-restock");
    }

    private void fulfilAndReturn() {
        OpenLine line = anyOpen(false, 1);
        if (line == null) {
            return;
        }
        expect(world.post(sim() + "/orders/" + line.orderId() + "/fulfill", Map.of()));
        int back = 1 + dice.nextInt(line.quantity());
        moveAtShopify(line.sku(), back);
        refund(line, back, "return");
        open.remove(line);
        open.add(new OpenLine(line.orderId(), line.lineId(), line.sku(), line.quantity() - back, true));
        count("return");
    }

    private void refundWithoutRestock() {
        OpenLine line = anyOpen(true, 1);
        if (line == null) {
            return;
        }
        refund(line, 1, "no_restock");
        open.remove(line);
        if (line.quantity() > 1) {
            open.add(new OpenLine(line.orderId(), line.lineId(), line.sku(), line.quantity() - 1, true));
        }
        count("refund-no-restock");
    }

    /** A merchant's edit in Shopify admin: a relative change, so it is exact whatever else moves the level. */
    private void edit() {
        Sku sku = anySku();
        int delta = dice.nextInt(9) - 3;
        if (delta == 0 || truth(sku.sku()) + delta < 0) {
            return;
        }
        // Recorded before the call when it adds units (they may show at once), after it when it takes them away.
        if (delta > 0) {
            moveAtShopify(sku.sku(), delta);
        }
        expect(world.put(sim() + "/inventory-items/" + sku.shopifyItem(), Map.of("delta", delta)));
        if (delta < 0) {
            move(sku.sku(), delta);
        }
        editDeltas.merge(sku.sku(), delta, Integer::sum);
        count("edit");
    }

    /** Units found or lost in the warehouse, told to Mercator: it raises or lowers both channels. */
    private void warehouse(Api merchant) {
        Sku sku = anySku();
        int delta = dice.nextInt(9) - 4;
        if (delta == 0 || truth(sku.sku()) + delta < 0) {
            return;
        }
        if (delta > 0) {
            move(sku.sku(), delta);
        }
        Api.Response adjusted = merchant.post(
                "/api/inventory/" + sku.sku() + "/adjust", Map.of("delta", delta, "reason", "warehouse count"));
        if (adjusted.status() != 200) {
            throw new IllegalStateException("Mercator refused the adjustment: " + adjusted);
        }
        if (delta < 0) {
            move(sku.sku(), delta);
        }
        count(delta > 0 ? "warehouse-found" : "warehouse-lost");
    }

    private void refund(OpenLine line, int quantity, String restockType) {
        expect(world.post(
                sim() + "/orders/" + line.orderId() + "/refunds",
                Map.of(
                        "lines",
                        List.of(Map.of(
                                "lineItemId", line.lineId(), "quantity", quantity, "restockType", restockType)))));
    }

    private @Nullable OpenLine anyOpen(boolean fulfilled, int atLeast) {
        List<OpenLine> candidates = open.stream()
                .filter(l -> l.fulfilled() == fulfilled && l.quantity() >= atLeast)
                .toList();
        return candidates.isEmpty() ? null : candidates.get(dice.nextInt(candidates.size()));
    }

    private Sku anySku() {
        return skus.get(dice.nextInt(skus.size()));
    }

    private void move(String sku, int delta) {
        List<Truth> history = truth.get(sku);
        history.add(new Truth(System.nanoTime(), history.getLast().value() + delta));
    }

    /**
     * Units coming back at Shopify itself (a restock, an edit): Shopify shows them at once on top of whatever Mercator
     * last wrote there, which may still lag an earlier sale elsewhere by up to the allowed lag.
     */
    private void moveAtShopify(String sku, int delta) {
        move(sku, delta);
        shopifyRaises.get(sku).add(new Truth(System.nanoTime(), delta));
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    // --- Sampling what the channels offer --------------------------------------------------------------------------

    /** Samples both channels every {@code every} on a thread of its own until the returned flag is cleared. */
    public AtomicBoolean sample(Duration every) {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread.ofPlatform().daemon().name("sync-model-sampler").start(() -> {
            while (running.get()) {
                for (Sku sku : skus) {
                    long at = System.nanoTime();
                    samples.add(new Sample(at, sku.sku(), "shopify", shopify(sku)));
                    Integer amazon = amazon(sku.sku());
                    if (amazon != null) {
                        samples.add(new Sample(System.nanoTime(), sku.sku(), "amazon", amazon));
                    }
                }
                try {
                    // A sampling rate, not a wait for anything: the samples are what the test checks afterwards.
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        });
        return running;
    }

    /**
     * Every sample that offered more than the truth allowed: more than the highest true count within {@code lag}
     * before the sample (on Shopify, plus what came back at Shopify itself since). A sale takes that long at most to
     * reach the other channel; an offer above every recent truth is a unit that was sold (or edited away) and offered
     * again.
     */
    public List<String> overOffers(Duration lag) {
        return overOffers(lag, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * The same, leaving out samples taken between {@code downFrom} and {@code downUntil} ({@link System#nanoTime()}):
     * while Mercator is dead nothing can follow a sale, and it needs the same lag after it is back.
     */
    public List<String> overOffers(Duration lag, long downFrom, long downUntil) {
        List<String> over = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.at() >= downFrom && sample.at() <= downUntil + lag.toNanos()) {
                continue;
            }
            long from = sample.at() - lag.toNanos();
            // What was true at some moment within the lag, plus (on Shopify) the units that came back at Shopify
            // itself since that moment: those show on top of the quantity Mercator wrote from that moment's truth.
            boolean atShopify = sample.channel().equals("shopify");
            int allowed =
                    valueAt(sample.sku(), from) + (atShopify ? raisedAtShopify(sample.sku(), from, sample.at()) : 0);
            for (Truth t : truth.get(sample.sku())) {
                if (t.at() >= from && t.at() <= sample.at()) {
                    allowed = Math.max(
                            allowed, t.value() + (atShopify ? raisedAtShopify(sample.sku(), t.at(), sample.at()) : 0));
                }
            }
            if (sample.offered() > allowed) {
                over.add(sample.sku() + " on " + sample.channel() + " offered " + sample.offered() + " while at most "
                        + allowed + " was true");
            }
        }
        return over;
    }

    /**
     * What the truth and both channels said of the first SKU that was over-offered, change by change, in wall-clock
     * time so it lines up with the log: the story a failing seed needs told.
     */
    public String timeline(Duration lag) {
        return timeline(overOffers(lag));
    }

    /** The same for the first SKU of {@code over}, as {@link #overOffers} reported it. */
    public String timeline(List<String> over) {
        if (over.isEmpty()) {
            return "";
        }
        String sku = over.getFirst().substring(0, over.getFirst().indexOf(' '));
        java.util.TreeMap<Long, String> lines = new java.util.TreeMap<>();
        for (Truth t : truth.get(sku)) {
            lines.put(t.at(), "truth " + t.value());
        }
        Map<String, Integer> last = new java.util.HashMap<>();
        for (Sample sample : samples) {
            if (sample.sku().equals(sku)
                    && !Integer.valueOf(sample.offered()).equals(last.put(sample.channel(), sample.offered()))) {
                lines.merge(sample.at(), sample.channel() + " " + sample.offered(), (a, b) -> a + ", " + b);
            }
        }
        long nanoNow = System.nanoTime();
        java.time.Instant wallNow = java.time.Instant.now();
        StringBuilder story = new StringBuilder("timeline of ").append(sku).append(":\n");
        lines.forEach((at, what) -> story.append("  ")
                .append(wallNow.minusNanos(nanoNow - at))
                .append(' ')
                .append(what)
                .append('\n'));
        return story.toString();
    }

    public int samples() {
        return samples.size();
    }

    private int raisedAtShopify(String sku, long after, long until) {
        int raised = 0;
        for (Truth raise : shopifyRaises.get(sku)) {
            if (raise.at() > after && raise.at() <= until) {
                raised += raise.value();
            }
        }
        return raised;
    }

    private int valueAt(String sku, long at) {
        int value = Integer.MIN_VALUE;
        for (Truth t : truth.get(sku)) {
            if (t.at() <= at) {
                value = t.value();
            }
        }
        return value;
    }

    public int shopify(Sku sku) {
        return expect(world.get(sim() + "/inventory-items/" + sku.shopifyItem()))
                .get("available")
                .asInt();
    }

    public @Nullable Integer amazon(String sku) {
        Api.Response listing = world.get("/sandbox/amazon/_sim/sellers/" + sellerId + "/listings/" + sku);
        return listing.status() == 200 ? listing.json().get("quantity").asInt() : null;
    }

    /** Whether the simulated Shopify has delivered (or given up on) every webhook it triggered. */
    public boolean webhooksSettled() {
        return expect(world.get(sim() + "/webhooks"))
                        .get("stats")
                        .get("pending")
                        .asLong()
                == 0;
    }

    /** The operations' state for a failure message. */
    public String describe() {
        Map<String, Integer> now = new HashMap<>();
        skus.forEach(s -> now.put(s.sku(), truth(s.sku())));
        return "seed " + seed + " (replay with -Dmercator.sync-model.seed=" + seed + "), operations " + counts
                + ", truth " + now + ", edits " + editDeltas + ", Shopify API "
                + world.get(sim() + "/shop").json().get("api");
    }

    private String sim() {
        return "/sandbox/shopify/" + domain + "/_sim";
    }

    private static JsonNode expect(Api.Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException("the simulator refused: " + response);
        }
        return response.json();
    }
}
