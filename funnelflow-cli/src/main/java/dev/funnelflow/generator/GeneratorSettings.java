package dev.funnelflow.generator;

/**
 * Immutable settings of a {@link ClickstreamGenerator}. Start from {@link #defaults()} and change what you
 * need with the {@code with...} methods; every constructor call validates all values.
 *
 * @param seed            seed of every random choice: same settings, same bytes
 * @param users           size of the user population (ids are drawn from it)
 * @param items           catalogue size
 * @param categories      number of leaf categories the items are spread over (at most {@code items})
 * @param events          default record count of {@link ClickstreamGenerator#stream()}
 * @param malformedShare  share of records replaced by a defective one (see {@link DefectKind})
 * @param duplicateShare  share of records that re-send an earlier record byte for byte
 * @param startEpochMs    event time of the first record, epoch milliseconds (years 2000 to 2099)
 * @param eventsPerSecond records per second of event time; record {@code i} is stamped
 *                        {@code startEpochMs + i * 1000 / eventsPerSecond}
 */
public record GeneratorSettings(
        long seed,
        int users,
        int items,
        int categories,
        long events,
        double malformedShare,
        double duplicateShare,
        long startEpochMs,
        double eventsPerSecond) {

    /** 2026-11-02T00:00:00Z, a Monday. */
    public static final long DEFAULT_START_EPOCH_MS = 1_793_577_600_000L;

    private static final long MIN_EPOCH_MS = 946_684_800_000L; // 2000-01-01T00:00:00Z
    private static final long MAX_EPOCH_MS = 4_102_444_800_000L; // 2100-01-01T00:00:00Z, exclusive

    public GeneratorSettings {
        require(users >= 1, "users must be >= 1, got " + users);
        require(items >= 1, "items must be >= 1, got " + items);
        require(categories >= 1 && categories <= items,
                "categories must be in 1..items (" + items + "), got " + categories);
        require(events >= 0, "events must be >= 0, got " + events);
        require(malformedShare >= 0 && malformedShare < 1, "malformedShare must be in [0, 1), got " + malformedShare);
        require(duplicateShare >= 0 && duplicateShare < 1, "duplicateShare must be in [0, 1), got " + duplicateShare);
        require(malformedShare + duplicateShare < 1,
                "malformedShare + duplicateShare must be < 1, got " + (malformedShare + duplicateShare));
        require(startEpochMs >= MIN_EPOCH_MS && startEpochMs < MAX_EPOCH_MS,
                "startEpochMs must lie in the years 2000..2099, got " + startEpochMs);
        require(eventsPerSecond > 0 && eventsPerSecond <= 1e9,
                "eventsPerSecond must be in (0, 1e9], got " + eventsPerSecond);
    }

    /**
     * Seed 42; 100,000 users, 20,000 items in 400 categories; 1,000,000 events at 100 events/s of event time
     * (about 2.8 hours, comparable to the Taobao sample's 14 events/s over 2 hours, scaled up);
     * 0.5% malformed, 0.2% duplicates; starting {@link #DEFAULT_START_EPOCH_MS}.
     */
    public static GeneratorSettings defaults() {
        return new GeneratorSettings(42L, 100_000, 20_000, 400, 1_000_000L, 0.005, 0.002, DEFAULT_START_EPOCH_MS, 100.0);
    }

    public GeneratorSettings withSeed(long value) {
        return new GeneratorSettings(value, users, items, categories, events, malformedShare, duplicateShare,
                startEpochMs, eventsPerSecond);
    }

    public GeneratorSettings withUsers(int value) {
        return new GeneratorSettings(seed, value, items, categories, events, malformedShare, duplicateShare,
                startEpochMs, eventsPerSecond);
    }

    public GeneratorSettings withCatalog(int itemCount, int categoryCount) {
        return new GeneratorSettings(seed, users, itemCount, categoryCount, events, malformedShare, duplicateShare,
                startEpochMs, eventsPerSecond);
    }

    public GeneratorSettings withEvents(long value) {
        return new GeneratorSettings(seed, users, items, categories, value, malformedShare, duplicateShare,
                startEpochMs, eventsPerSecond);
    }

    public GeneratorSettings withMalformedShare(double value) {
        return new GeneratorSettings(seed, users, items, categories, events, value, duplicateShare,
                startEpochMs, eventsPerSecond);
    }

    public GeneratorSettings withDuplicateShare(double value) {
        return new GeneratorSettings(seed, users, items, categories, events, malformedShare, value,
                startEpochMs, eventsPerSecond);
    }

    public GeneratorSettings withStartEpochMs(long value) {
        return new GeneratorSettings(seed, users, items, categories, events, malformedShare, duplicateShare,
                value, eventsPerSecond);
    }

    public GeneratorSettings withEventsPerSecond(double value) {
        return new GeneratorSettings(seed, users, items, categories, events, malformedShare, duplicateShare,
                startEpochMs, value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
