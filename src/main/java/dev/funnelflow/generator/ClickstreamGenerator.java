package dev.funnelflow.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Deterministic generator of realistic clickstream traffic as Kafka-ready records (key = user_id, value =
 * one JSON event of the {@code clickstream} contract), for the demo, benchmarks and tests. Plain Java: no
 * Flink or Kafka types. Same {@link GeneratorSettings}, same bytes. Not thread-safe.
 *
 * <h2>Time</h2>
 * Record {@code i} is stamped {@code start + i * 1000 / eventsPerSecond}, so event time advances at the
 * configured rate; 1% of events carry a time 1-5 s earlier (client-side buffering), so the stream is mostly,
 * not strictly, in order. Sessions interleave: each tick one of C concurrent sessions (C = rate x 72 s, at
 * most half the users and at most {@value #MAX_CONCURRENT_SESSIONS}) emits its next event, which gives
 * exponential-like gaps of 72 s mean (50 s median, Diginetica's measured median). A user rests at least
 * 30 minutes between sessions, so gap-based sessionization recovers sessions of users without session_id.
 *
 * <h2>Calibration (targets measured on /work/shared/data samples, realized values from a 1M-record run)</h2>
 * <ul>
 *   <li>Funnel, Taobao UserBehavior sample (110,300 events): pv 89.2%, cart 5.5%, buy 2.26%, fav 3.1%.
 *       Here: view + click 89%, add_to_cart 5.5%, purchase 2.3%; the fav share goes to search,
 *       remove_from_cart, login and signup. Clicks (on recommendations, with rec_id) are ~6% of browse
 *       events.</li>
 *   <li>Sessions, Diginetica sample (2,986 sessions): mean 4.15 views, 31% single-view, 9.6% of 10+ views,
 *       geometric-like tail; 18% of views revisit an item of the same session. See {@link Session}.</li>
 *   <li>Items: Zipf popularity with exponent 1; categories of Zipf(1.2) sizes, log-normal prices per category
 *       (REES46 sample). See {@link Catalog}.</li>
 *   <li>Co-visitation: 62% of next-item moves go to one of 10 fixed "related" items of the previous item,
 *       22% to a popular item of the same category, 8% back to a seen item, 8% anywhere; so sessions stay
 *       mostly within one category and next-item prediction is learnable but not trivial.</li>
 *   <li>Users: stable context (device, IP, user agent, country, channel) and payment card per user; 20% send
 *       no session_id; 2% are new and sign up in their first session; 5% of sessions start with a login.</li>
 * </ul>
 *
 * <h2>Bad input</h2>
 * A share {@code malformedShare} of records is replaced by a defective one, labelled in
 * {@link GeneratedRecord#injectedDefect()} and counted in {@link #injectedCounts()}; see {@link DefectKind}.
 * A share {@code duplicateShare} re-sends one of the last 256 good records byte for byte.
 */
public final class ClickstreamGenerator {

    /** Upper bound on interleaved sessions; beyond it in-session gaps shrink as the rate grows. */
    public static final int MAX_CONCURRENT_SESSIONS = 200_000;
    static final double MEAN_GAP_SECONDS = 72.0;
    static final double OUT_OF_ORDER_SHARE = 0.01;
    static final long MAX_LATENESS_MS = 5_000;

    private final GeneratorSettings settings;
    private final SplittableRandom random;
    private final Catalog catalog;
    private final UserTraits traits;
    private final UserPool users;
    private final EventEncoder encoder;
    private final DefectInjector injector = new DefectInjector();
    private final RecentRecords recent = new RecentRecords(256);
    private final Session[] sessions;
    private final Event event = new Event();
    private final double msPerRecord;
    private final Map<DefectKind, Long> injected = new EnumMap<>(DefectKind.class);
    private long produced;
    private long sessionsStarted;

    public ClickstreamGenerator(GeneratorSettings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.catalog = new Catalog(settings.seed(), settings.items(), settings.categories());
        this.traits = new UserTraits(settings.seed());
        this.users = new UserPool(settings.users(), settings.startEpochMs());
        this.encoder = new EventEncoder(settings.seed(), traits, settings.users(), settings.items(),
                settings.categories());
        this.msPerRecord = 1000.0 / settings.eventsPerSecond();
        long concurrency = Math.round(settings.eventsPerSecond() * MEAN_GAP_SECONDS);
        long limit = Math.min(Math.max(1, settings.users() / 2), MAX_CONCURRENT_SESSIONS);
        this.sessions = new Session[(int) Math.max(1, Math.min(concurrency, limit))];
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** Records handed out so far. */
    public long recordsGenerated() {
        return produced;
    }

    /** How many defective records and duplicates of each kind were handed out so far. */
    public Map<DefectKind, Long> injectedCounts() {
        return new EnumMap<>(injected);
    }

    /** The next record; the sequence is unbounded. */
    public GeneratedRecord next() {
        long index = produced++;
        long clockMs = settings.startEpochMs() + (long) Math.floor(index * msPerRecord);
        double roll = random.nextDouble();
        if (roll < settings.duplicateShare() && !recent.isEmpty()) {
            GeneratedRecord original = recent.pick(random);
            return count(new GeneratedRecord(original.key(), original.value().clone(), DefectKind.DUPLICATE.code()));
        }
        int slot = random.nextInt(sessions.length);
        Session session = sessions[slot];
        if (session == null) {
            session = startSession(clockMs);
            sessions[slot] = session;
        }
        session.next(event, random);
        long eventTimeMs = random.nextDouble() < OUT_OF_ORDER_SHARE
                ? clockMs - 1_000 - random.nextLong(MAX_LATENESS_MS - 1_000 + 1)
                : clockMs;
        if (!session.hasNext()) {
            users.checkIn(session.user(), clockMs);
            sessions[slot] = null;
        }
        byte[] value = encoder.encode(event, index, eventTimeMs);
        String key = encoder.userId(event.user);
        if (roll < settings.duplicateShare() + settings.malformedShare()) {
            return count(injector.inject(injector.nextKind(), key, value, random));
        }
        GeneratedRecord record = new GeneratedRecord(key, value, null);
        recent.add(record);
        return record;
    }

    /** The next {@code count} records. */
    public Iterator<GeneratedRecord> iterator(long count) {
        return new Iterator<>() {
            private long left = count;

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public GeneratedRecord next() {
                if (left <= 0) {
                    throw new NoSuchElementException();
                }
                left--;
                return ClickstreamGenerator.this.next();
            }
        };
    }

    /** The next {@code count} records as a sequential stream. */
    public Stream<GeneratedRecord> stream(long count) {
        Spliterator<GeneratedRecord> records = Spliterators.spliterator(iterator(count), count,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(records, false);
    }

    /** The next {@link GeneratorSettings#events()} records. */
    public Stream<GeneratedRecord> stream() {
        return stream(settings.events());
    }

    /**
     * Writes the next {@code count} record values to {@code file} as JSON lines, one record per line (values
     * never contain a newline byte, not even the defective ones); returns the number of records written.
     */
    public long writeJsonLines(Path file, long count) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (long i = 0; i < count; i++) {
                out.write(next().value());
                out.write('\n');
            }
        }
        return count;
    }

    private Session startSession(long clockMs) {
        int user = users.checkOut(random, clockMs);
        long userHash = traits.hash(user);
        boolean signsUp = UserTraits.hasNewAccount(userHash) && !users.hasSignedUp(user);
        if (signsUp) {
            users.markSignedUp(user);
        }
        return new Session(catalog, user, sessionsStarted++, !UserTraits.omitsSessionId(userHash), signsUp, random);
    }

    private GeneratedRecord count(GeneratedRecord record) {
        injected.merge(DefectKind.fromCode(record.injectedDefect()), 1L, Long::sum);
        return record;
    }
}
