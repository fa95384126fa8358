package dev.funnelflow.generator;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventJson;
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
 * <h2>Calibration</h2>
 * Targets measured on the shared real samples; "here" is a run with default settings (1M records):
 * <table>
 *   <caption>Targets and realized values</caption>
 *   <tr><th>measure</th><th>target (source)</th><th>here</th></tr>
 *   <tr><td>view + click share of events</td><td>89.2% pv (Taobao, 110,300 events)</td><td>89.0%</td></tr>
 *   <tr><td>add_to_cart share</td><td>5.5% cart (Taobao)</td><td>5.5%</td></tr>
 *   <tr><td>purchase share</td><td>2.26% buy (Taobao)</td><td>2.24%</td></tr>
 *   <tr><td>other events (search, remove_from_cart, login, signup)</td><td>3.1% fav (Taobao)</td>
 *       <td>3.2%</td></tr>
 *   <tr><td>views per session: mean, 1-view share, 10+ share</td>
 *       <td>4.15, 31%, 9.6% (Diginetica, 2,986 sessions)</td><td>4.05, 31.6%, 9.0%</td></tr>
 *   <tr><td>views revisiting an item of the same session</td><td>18% (Diginetica)</td><td>13%</td></tr>
 *   <tr><td>gap between events of a session</td><td>median 50 s (Diginetica)</td><td>~50 s median, 72 s mean</td></tr>
 *   <tr><td>item popularity, rank-frequency slope of the top 1000</td>
 *       <td>Zipf, exponent ~1 (the samples are too sparse to measure it per item; Taobao categories: 1.2)</td>
 *       <td>0.85</td></tr>
 *   <tr><td>prices</td><td>log-normal, log sd 1.11 (REES46)</td><td>see {@link Catalog}</td></tr>
 * </table>
 * Clicks (on a recommendation, with rec_id) are ~6% of browse events. Next-item moves: 62% to one of 10
 * fixed "related" items of the previous item, 16% to a popular item of the same category, 14% back to an item
 * seen in the session, 8% anywhere; so 81% of consecutive views stay in the category, and a successor-count
 * model reaches about 4x the hit rate of popularity without being near-perfect (see the tests). Users keep
 * their context (device, IP, user agent, country, channel) and payment card; 20% send no session_id; 2% are
 * new and sign up in their first session; 5% of other sessions start with a login.
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
    private final EventFactory events;
    private final EventJson json = new EventJson();
    private final DefectInjector injector = new DefectInjector();
    private final RecentRecords recent = new RecentRecords(256);
    private final Session[] sessions;
    private final Step step = new Step();
    private final double msPerRecord;
    private final Map<DefectKind, Long> injected = new EnumMap<>(DefectKind.class);
    private long produced;
    private long sessionsStarted;
    private ClickEvent lastEvent;

    public ClickstreamGenerator(GeneratorSettings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.catalog = new Catalog(settings.seed(), settings.items(), settings.categories());
        this.traits = new UserTraits(settings.seed());
        this.users = new UserPool(settings.users(), settings.startEpochMs());
        this.events = new EventFactory(settings.seed(), traits, settings.users(), settings.items(),
                settings.categories());
        this.msPerRecord = 1000.0 / settings.eventsPerSecond();
        long concurrency = Math.round(settings.eventsPerSecond() * MEAN_GAP_SECONDS);
        long limit = Math.min(Math.max(1, settings.users() / 2), MAX_CONCURRENT_SESSIONS);
        this.sessions = new Session[(int) Math.max(1, Math.min(concurrency, limit))];
    }

    /** The settings this generator was built with. */
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
            injected.merge(DefectKind.DUPLICATE, 1L, Long::sum);
            lastEvent = null;
            return new GeneratedRecord(original.key(), original.value().clone(), DefectKind.DUPLICATE.code());
        }
        int slot = random.nextInt(sessions.length);
        Session session = sessions[slot];
        if (session == null) {
            session = startSession(clockMs);
            sessions[slot] = session;
        }
        session.next(step, random);
        long eventTimeMs = random.nextDouble() < OUT_OF_ORDER_SHARE
                ? clockMs - 1_000 - random.nextLong(MAX_LATENESS_MS - 1_000 + 1)
                : clockMs;
        if (!session.hasNext()) {
            users.checkIn(session.user(), clockMs);
            sessions[slot] = null;
        }
        ClickEvent event = events.event(step, index, eventTimeMs);
        lastEvent = event;
        byte[] value = json.encode(event, events.timeFormat(step.user));
        String key = event.userId();
        if (roll < settings.duplicateShare() + settings.malformedShare()) {
            DefectKind kind = injector.nextKind();
            injected.merge(kind, 1L, Long::sum);
            return injector.inject(kind, key, value, random);
        }
        GeneratedRecord record = new GeneratedRecord(key, value, null);
        recent.add(record);
        return record;
    }

    /**
     * The event the last record was encoded from (for a defective record, the event it was made from); null after a
     * duplicate. Lets tests compare what the parser reads with what the generator built.
     */
    ClickEvent lastEvent() {
        return lastEvent;
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
}
