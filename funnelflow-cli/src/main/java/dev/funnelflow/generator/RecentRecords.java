package dev.funnelflow.generator;

import java.util.SplittableRandom;

/** The last few good records, from which duplicates are re-sent (producer retries re-send recent records). */
final class RecentRecords {

    private final GeneratedRecord[] ring;
    private long added;

    RecentRecords(int capacity) {
        ring = new GeneratedRecord[capacity];
    }

    void add(GeneratedRecord record) {
        ring[(int) (added++ % ring.length)] = record;
    }

    boolean isEmpty() {
        return added == 0;
    }

    GeneratedRecord pick(SplittableRandom random) {
        return ring[random.nextInt((int) Math.min(added, ring.length))];
    }
}
