package dev.funnelflow.bench;

import dev.funnelflow.event.ClickEvent;
import java.util.LinkedHashMap;
import java.util.List;

/** For the cost probes: how often a per-user heap cache of a given size would hold the event's user. */
final class CacheHitRate {

    private CacheHitRate() {}

    /**
     * The share of events whose user is among the {@code capacity} most recently seen: the hits of a
     * least-recently-used cache that stays warm across barriers, as the operators' caches do on RocksDB.
     */
    static double of(List<ClickEvent> events, int capacity) {
        LinkedHashMap<String, Boolean> cached = new LinkedHashMap<>(16, 0.75f, true);
        long hits = 0;
        for (ClickEvent event : events) {
            if (cached.get(event.userId()) != null) {
                hits++;
            }
            cached.put(event.userId(), true);
            if (cached.size() > capacity) {
                cached.remove(cached.keySet().iterator().next());
            }
        }
        return (double) hits / events.size();
    }
}
