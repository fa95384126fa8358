package dev.funnelflow.jmh;

import dev.funnelflow.config.JobSettings;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.event.RequestContext;
import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.GeneratedRecord;
import dev.funnelflow.generator.GeneratorSettings;
import dev.funnelflow.profile.ItemRefs;
import dev.funnelflow.profile.SessionStep;
import dev.funnelflow.profile.UserProfile;
import dev.funnelflow.profile.UserSnapshot;
import dev.funnelflow.ranking.CategoryStats;
import dev.funnelflow.ranking.RankingRequest;
import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.CandidateBlender;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.CandidatePlanner;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.DecayedTopList;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.PopularLists;
import dev.funnelflow.recs.PopularitySample;
import dev.funnelflow.recs.RecommendationRequest;
import dev.funnelflow.recs.RecsSettings;
import dev.funnelflow.recs.ScoredItems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;

/**
 * The inputs of every benchmark, made once per JVM: the generator's default traffic (seed 42: 100,000 users,
 * 20,000 items, 0.5% malformed records, 0.2% duplicates) replayed in memory through the job's own domain code at
 * its default settings: parse, dedup, user profile, candidate planning, candidate lists, blending. The first
 * {@value #WARM_UP_RECORDS} records only build state (profiles and candidate lists, as a job that has run for ten
 * minutes of event time has); what the next {@value #SAMPLE_RECORDS} records produce is kept for the benchmarks.
 */
public final class Traffic {

    static final long SEED = 42;
    /** Replaying costs ~10 s of one core at these sizes; every benchmark fork pays it once. */
    private static final int WARM_UP_RECORDS = 60_000;
    private static final int SAMPLE_RECORDS = 10_000;

    /** One gathered request: the request and the candidate lists that answered it. */
    public record Gathered(RecommendationRequest request, List<CandidateList> lists) {}

    private static Traffic instance;

    /** The job's settings at their defaults. */
    public static final JobSettings SETTINGS = JobSettings.from(new Configuration());
    /** Raw record values of the sample, malformed ones and duplicates included, as read from Kafka. */
    public final List<byte[]> records = new ArrayList<>();
    /** Every accepted, first-seen event, warm-up and sample, in arrival order. */
    public final List<ClickEvent> events = new ArrayList<>();
    /** Index in {@link #events} of the sample's first event. */
    public final int sampleStart;
    /** The signals the sample's events sent to candidate lists. */
    public final List<ItemSignal> signals = new ArrayList<>();
    /** Items' neighbour lists by state key after the whole replay. */
    public final Map<String, DecayedTopList> lists = new HashMap<>();
    /** The popularity lists after the whole replay. */
    public final PopularLists popular = new PopularLists(SETTINGS.recs());
    /** The sample's recommendation requests with their candidate lists. */
    public final List<Gathered> gathered = new ArrayList<>();
    /** The sample's requests blended and ready to rank (most with the default 50 candidates). */
    public final List<RankingRequest> requests = new ArrayList<>();
    /** User profiles by user id after the whole replay. */
    public final Map<String, UserProfile> profiles = new HashMap<>();

    private Traffic() {
        EventParser parser = SETTINGS.parser();
        CandidatePlanner planner = new CandidatePlanner(SETTINGS.recs());
        Set<String> seenEventIds = new HashSet<>();
        ClickstreamGenerator generator = new ClickstreamGenerator(GeneratorSettings.defaults().withSeed(SEED));
        int sampleStartIndex = -1;
        for (int i = 0; i < WARM_UP_RECORDS + SAMPLE_RECORDS; i++) {
            GeneratedRecord record = generator.next();
            boolean sampled = i >= WARM_UP_RECORDS;
            if (sampled) {
                records.add(record.value());
                if (sampleStartIndex < 0) {
                    sampleStartIndex = events.size();
                }
            }
            Ingested ingested = parser.parse(record.value(), new RecordOrigin("clickstream", 0, i));
            if (!ingested.isAccepted() || !seenEventIds.add(ingested.event().eventId())) {
                continue;
            }
            ClickEvent event = ingested.event();
            events.add(event);
            UserProfile profile = profiles.computeIfAbsent(event.userId(), user -> new UserProfile());
            long previousEventTime = profile.getLastSeen();
            SessionStep step = profile.observe(event, SETTINGS.profile());
            if (event.itemId() == null || !learnsFrom(event.type())) {
                continue;
            }
            String recId = event.type().triggersRecommendation() ? "rec-" + event.eventId() : null;
            ItemRefs item = ItemRefs.of(event.itemId(), event.categoryId(), event.price());
            PopularitySample sample = planner.sample(event.eventId(), item, event.type(), event.eventTime());
            if (sample != null) {
                popular.learn(sample);
            }
            List<ItemSignal> planned = planner.plan(item, event.type(), step.previousItems(), recId, event.eventTime());
            List<CandidateList> answers = new ArrayList<>();
            for (ItemSignal signal : planned) {
                ScoredItems top = lookUpAndLearn(signal, lists, SETTINGS.recs());
                if (top != null) {
                    answers.add(new CandidateList(recId, CandidateSource.COVISITATION, signal.lookupWeight(), top,
                            Double.NaN));
                }
                if (signal.asksPopularity()) {
                    for (CandidateSource source : SETTINGS.recs().popularSources(signal.category())) {
                        answers.add(new CandidateList(recId, source, SETTINGS.recs().lookupWeight(source),
                                popular.top(source, signal.category(), event.eventTime()), Double.NaN));
                    }
                }
            }
            if (!sampled) {
                continue;
            }
            signals.addAll(planned);
            if (recId != null) {
                String[] excluded = Arrays.copyOf(step.excludedItems(), step.excludedItems().length + 1);
                excluded[excluded.length - 1] = event.itemId();
                Gathered request = new Gathered(new RecommendationRequest(recId, event.userId(), step.sessionId(),
                        event.eventId(), answers.size(), excluded, UserSnapshot.of(profile, previousEventTime),
                        RequestContext.of(event), null), answers);
                gathered.add(request);
                BlendedCandidate[] candidates = blend(request, candidateCount()).toArray(new BlendedCandidate[0]);
                if (candidates.length > 0) {
                    requests.add(new RankingRequest(request.request(), candidates, CategoryStats.PRIOR_RATE));
                }
            }
        }
        this.sampleStart = sampleStartIndex;
    }

    /** The traffic of this JVM, replayed on first use (a few seconds). */
    public static synchronized Traffic get() {
        if (instance == null) {
            instance = new Traffic();
        }
        return instance;
    }

    /** Candidates blended per request: enough for the served list and for ranking. */
    public static int candidateCount() {
        return Math.max(SETTINGS.recs().k(), SETTINGS.ranking().candidates());
    }

    /**
     * What the candidate-list operator does with one signal to an item's list: answers a lookup with the list's top
     * entries (null when the signal asks for none), then learns the signal's co-items.
     */
    public static ScoredItems lookUpAndLearn(ItemSignal signal, Map<String, DecayedTopList> lists, RecsSettings recs) {
        DecayedTopList list = lists.get(signal.key());
        ScoredItems top = null;
        if (signal.asksList()) {
            top = list == null ? ScoredItems.EMPTY
                    : list.top(recs.neighboursFor(signal.lookupWeight()), signal.eventTime(), recs.halfLifeMillis());
        }
        if (signal.coItems().size() > 0) {
            if (list == null) {
                list = new DecayedTopList();
                lists.put(signal.key(), list);
            }
            for (int i = 0; i < signal.coItems().size(); i++) {
                list.add(signal.coItems(), i, signal.coWeights()[i], signal.eventTime(), recs.neighbourCapacity(),
                        recs.halfLifeMillis());
            }
        }
        return top;
    }

    /** What the assembler does once a request's lists are in: blend them and keep the best {@code count}. */
    public static List<BlendedCandidate> blend(Gathered request, int count) {
        CandidateBlender blender = new CandidateBlender();
        for (CandidateList list : request.lists()) {
            blender.add(list.source(), list.weight(), list.scored());
        }
        return blender.top(count, new HashSet<>(Arrays.asList(request.request().excludedItems())));
    }

    /** The job learns co-visitation from the browsing path; searches, logins and cart removals say little. */
    private static boolean learnsFrom(EventType type) {
        return switch (type) {
            case VIEW, CLICK, ADD_TO_CART, PURCHASE -> true;
            default -> false;
        };
    }
}
