package dev.mercator.dealscout.valuation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One pool's comps in primitive arrays, one comp per observation id (a repriced listing replaces its own comp rather
 * than counting twice), and its valuation remembered per pool version: scoring many listings against one pool values
 * it once, and any change to the pool values it afresh. Bounded: when full, the oldest comp makes room, since it weighs
 * least.
 */
final class CompPool {

    static final int MAX_COMPS = 20_000;

    private final PoolKey key;
    private final Map<String, Integer> slots = new HashMap<>();
    private double[] prices = new double[16];
    private long[] observed = new long[16];
    private byte[] kinds = new byte[16];
    private String[] ids = new String[16];
    private int count;
    private volatile long version;
    private volatile @Nullable Remembered remembered;

    private record Remembered(long version, long at, PoolValuation valuation) {}

    CompPool(PoolKey key) {
        this.key = key;
    }

    synchronized void put(Comp comp) {
        Integer slot = slots.get(comp.id());
        if (slot == null) {
            if (count == MAX_COMPS) {
                removeAt(oldestSlot());
            }
            if (count == prices.length) {
                int size = Math.min(MAX_COMPS, count * 2);
                prices = Arrays.copyOf(prices, size);
                observed = Arrays.copyOf(observed, size);
                kinds = Arrays.copyOf(kinds, size);
                ids = Arrays.copyOf(ids, size);
            }
            slot = count++;
            slots.put(comp.id(), slot);
        }
        prices[slot] = comp.totalPrice();
        observed[slot] = comp.observedAt().toEpochMilli();
        kinds[slot] = (byte) comp.kind().ordinal();
        ids[slot] = comp.id();
        version++;
    }

    synchronized boolean remove(String id) {
        Integer slot = slots.get(id);
        if (slot == null) {
            return false;
        }
        removeAt(slot);
        version++;
        return true;
    }

    synchronized int size() {
        return count;
    }

    /** The pool's valuation at {@code now}, recomputed only when the pool changed or it is older than revalueAfter. */
    PoolValuation valuation(MarketValuer valuer, long now) {
        long revalueAfter = valuer.settings().revalueAfter().toMillis();
        Remembered known = remembered;
        if (known != null && known.version() == version && now >= known.at() && now - known.at() < revalueAfter) {
            return known.valuation();
        }
        synchronized (this) {
            known = remembered;
            if (known != null && known.version() == version && now >= known.at() && now - known.at() < revalueAfter) {
                return known.valuation();
            }
            PoolValuation valuation = valuer.value(key, prices, observed, kinds, ids, count, now);
            remembered = new Remembered(version, now, valuation);
            return valuation;
        }
    }

    private int oldestSlot() {
        int oldest = 0;
        for (int i = 1; i < count; i++) {
            if (observed[i] < observed[oldest]) {
                oldest = i;
            }
        }
        return oldest;
    }

    /** Moves the last comp into the freed slot. */
    private void removeAt(int slot) {
        slots.remove(ids[slot]);
        int last = --count;
        if (slot != last) {
            prices[slot] = prices[last];
            observed[slot] = observed[last];
            kinds[slot] = kinds[last];
            ids[slot] = ids[last];
            slots.put(ids[slot], slot);
        }
        ids[last] = ""; // no reference kept to a removed comp's id
    }
}
