package dev.funnelflow.recs;

/**
 * Deterministic sampling by id: the same id is in or out on every subtask and in every replay, so a sample needs no
 * coordination and a replayed stream logs the same records.
 */
public final class HashSample {

    private static final int BUCKETS = 10_000;

    private HashSample() {}

    /** Whether {@code id} falls in a sample of {@code share} (0..1) of all ids. */
    public static boolean contains(String id, double share) {
        return share > 0 && Math.floorMod(id.hashCode(), BUCKETS) < share * BUCKETS;
    }
}
