package dev.funnelflow.flink.operators;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.AlertKind;
import dev.funnelflow.alerts.AlertSuppression;
import dev.funnelflow.alerts.Reason;
import dev.funnelflow.alerts.fraud.AnomalyScore;
import dev.funnelflow.alerts.fraud.ForestDetector;
import dev.funnelflow.alerts.fraud.FraudAssessment;
import dev.funnelflow.alerts.fraud.FraudRule;
import dev.funnelflow.alerts.fraud.FraudSettings;
import dev.funnelflow.alerts.fraud.RiskEvent;
import dev.funnelflow.alerts.fraud.RiskFeatures;
import dev.funnelflow.alerts.fraud.RuleBook;
import dev.funnelflow.alerts.fraud.UserRiskState;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.control.RuleChange;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.flink.FraudBacklogSerializer;
import dev.funnelflow.flink.UserRiskStateSerializer;
import dev.funnelflow.flink.routing.FraudBacklog;
import dev.funnelflow.flink.routing.FraudInput;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by user: folds each event into the user's risk state, scores its feature vector with the subtask's
 * Random Cut Forest, evaluates the fraud rules in force and emits an {@link Alert} with reasons, at most one
 * per user per suppression window unless severity rises.
 *
 * <p>Rule changes from {@code control} arrive on the broadcast input: every subtask applies the same changes in the
 * same order into broadcast state (rule id to {@link RuleBook.Entry}), on top of the default rules, so rules change
 * without a restart and survive one.
 *
 * <p>The forest is operator state, one per subtask (it learns what is usual from the users that subtask
 * sees), checkpointed as bytes; after a rescale a subtask keeps one of the forests it is handed, or starts a
 * new one.
 *
 * <p>Events and forgets arrive in the order user-activity accepted them, on one shuffle by user. A transactional
 * event's device and IP sightings arrive separately, from the cross-key operators: the event, and the user's inputs
 * behind it, wait in the user's {@link FraudBacklog} until they come. Ordering here, rather than state that tolerates
 * reordering, keeps every rule exact (a signup scored after its instant purchase misses the rule; a forget overtaken
 * by the user's own events would leave state behind) and costs browsing, nine events in ten, one state read. Under
 * aligned checkpoints the backlog is empty at every snapshot (each event's sightings are emitted before the
 * checkpoint barrier that follows the event), and a processing-time timer lets an event go on without sightings that
 * never come ({@code fraudSightingsGivenUp}).
 *
 * <p>A {@link ForgetUser} on the keyed input deletes the user's risk state and alert suppression. The forest keeps no
 * user ids, only sampled feature vectors, and stays. Events and forgets keep their order, but sightings of an event
 * already let go without them may still come after the forget: for the in-flight horizon the forget's cut-off is kept,
 * and sightings of events no later than it are dropped, waiting or to come ({@code forgottenInputsDropped}).
 *
 * <p>The risk states of the most recently active users stay deserialized on the heap ({@code
 * funnelflow.fraud.risk-cache} per subtask) and reach keyed state when they leave that cache (under their own key)
 * and before every checkpoint barrier, so the next event of a cached user costs no risk-state read,
 * deserialization, serialization or write, and adds nothing to the changelog (on RocksDB they stay cached across
 * barriers; see {@link WriteBackCache}). {@code riskStateReads} and
 * {@code riskStateWrites} count what still goes to state. A risk state's TTL clock starts when it is written, so a
 * cached one lives up to a checkpoint interval (or, without checkpoints, until its eviction) longer than its last event
 * says.
 *
 * <p>This is a stream operator rather than a {@code KeyedBroadcastProcessFunction}, because only an operator sees the
 * checkpoint barrier coming ({@link #prepareSnapshotPreBarrier}) and can write an evicted risk state under another
 * key. It keeps what the process function had, so savepoints of earlier versions restore: uid
 * {@code fraud-detection}, the keyed state names, serializers and TTLs, the operator state {@code anomaly-forest}, the
 * broadcast state {@link #RULES}, and the timer service {@code user-timers} of {@code CoBroadcastWithKeyedOperator},
 * whose processing-time timers still fire. Alerts carry their input's timestamp, and none when a timer released them,
 * as before.
 */
public final class FraudDetectionFunction extends AbstractStreamOperator<Alert>
        implements TwoInputStreamOperator<FraudInput, RuleChange, Alert>, Triggerable<String, VoidNamespace> {

    /** Broadcast state: rule id to the newest command about it. */
    public static final MapStateDescriptor<String, RuleBook.Entry> RULES =
            new MapStateDescriptor<>("fraud-rules", Types.STRING, TypeInformation.of(RuleBook.Entry.class));

    /**
     * How long an event waits for its sightings before it is scored without them. They normally trail it by a few
     * buffer flushes; a minute covers backpressure, and only an event whose sightings were lost waits this long.
     */
    static final Duration SIGHTINGS_MAX_WAIT = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(FraudDetectionFunction.class);

    private final FraudSettings settings;
    private final List<FraudRule> defaults;
    private final Duration forgetHorizon;
    private final int riskCache;
    private transient ValueState<UserRiskState> riskState;
    private transient WriteBackCache<String, UserRiskState> risks;
    private transient ValueState<Long> forgetCutoff;
    private transient ValueState<AlertSuppression> suppressionState;
    private transient ValueState<FraudBacklog> backlogState;
    private transient BroadcastState<String, RuleBook.Entry> ruleState;
    private transient InternalTimerService<VoidNamespace> time;
    private transient StreamRecord<Alert> alertRecord;
    private transient Counter sightingsGivenUp;
    private transient Counter stateReads;
    private transient ListState<byte[]> forestState;
    private transient UsersForgotten forgotten;
    private transient TaskThreadHold hold;
    private transient ForestDetector forest;
    /** Rules in force, rebuilt from broadcast state after a change or a restore. */
    private transient List<FraudRule> rules;

    /** @param riskCache how many users' risk states each subtask keeps deserialized between checkpoints (0 for none) */
    public FraudDetectionFunction(FraudSettings settings, List<FraudRule> defaults, Duration forgetHorizon,
            int riskCache) {
        if (riskCache < 0) {
            throw new IllegalArgumentException("riskCache must be >= 0, got " + riskCache);
        }
        this.settings = settings;
        this.defaults = List.copyOf(defaults);
        this.forgetHorizon = forgetHorizon;
        this.riskCache = riskCache;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        forestState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("anomaly-forest", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        Iterator<byte[]> saved = forestState.get().iterator();
        forest = saved.hasNext()
                ? settings.restoreForest(saved.next())
                : settings.newForest(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public void open() throws Exception {
        super.open();
        // Through the runtime context, as the process function did: the same serializers for the same descriptors.
        ValueStateDescriptor<UserRiskState> risk = new ValueStateDescriptor<>("risk", UserRiskStateSerializer.INSTANCE);
        risk.enableTimeToLive(StateTtl.afterLastWrite(settings.stateTtl()));
        riskState = getRuntimeContext().getState(risk);
        ValueStateDescriptor<AlertSuppression> suppression =
                new ValueStateDescriptor<>("alert-suppression", AlertSuppression.class);
        suppression.enableTimeToLive(StateTtl.afterLastWrite(settings.suppressionWindow()));
        suppressionState = getRuntimeContext().getState(suppression);
        ValueStateDescriptor<FraudBacklog> backlog =
                new ValueStateDescriptor<>("sightings-backlog", FraudBacklogSerializer.INSTANCE);
        // Only a safety net: the backlog empties as sightings arrive, and the timers drop what they never bring.
        backlog.enableTimeToLive(StateTtl.afterLastWrite(settings.stateTtl()));
        backlogState = getRuntimeContext().getState(backlog);
        forgetCutoff = getRuntimeContext().getState(UsersForgotten.expiringAfter(
                new ValueStateDescriptor<>("forget-cutoff", Long.class), forgetHorizon));
        ruleState = getOperatorStateBackend().getBroadcastState(RULES);
        time = getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this);
        alertRecord = new StreamRecord<>(null);
        sightingsGivenUp = getRuntimeContext().getMetricGroup().counter("fraudSightingsGivenUp");
        forgotten = UsersForgotten.register(getRuntimeContext(), forgetHorizon);
        hold = TaskThreadHold.register(getRuntimeContext().getMetricGroup());
        stateReads = getMetricGroup().counter("riskStateReads");
        Counter stateWrites = getMetricGroup().counter("riskStateWrites");
        risks = new WriteBackCache<>(riskCache,
                new KeyedWriteBack<>(this, riskState, stateWrites, "a user's risk state"),
                getKeyedStateBackend().isSafeToReuseKVState());
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        forestState.update(List.of(forest.toBytes()));
    }

    @Override
    public void processElement1(StreamRecord<FraudInput> record) throws Exception {
        long started = hold.start();
        try {
            order(record.getValue(), record);
        } finally {
            hold.end(started);
        }
    }

    /**
     * Processes the input in its user's order: behind any transactional event still waiting for its sightings.
     *
     * @param trigger the record whose timestamp alerts carry
     */
    private void order(FraudInput input, StreamRecord<?> trigger) throws Exception {
        if (input.sightings() != null && forgotten.dropsInFlight(time.currentProcessingTime(),
                forgetCutoff::value, input.sightings().eventTime())) {
            return;
        }
        FraudBacklog backlog = backlogState.value();
        if (backlog == null && input.sightings() == null && !input.awaitsSightings()) {
            process(input, trigger); // nothing held: most inputs go straight on
            return;
        }
        if (backlog == null) {
            backlog = new FraudBacklog();
        }
        long now = time.currentProcessingTime();
        List<FraudInput> ready = input.sightings() != null
                ? backlog.attach(input.sightings(), now)
                : backlog.accept(input, now);
        if (!backlog.isEmpty()) {
            // Whatever is left waiting now is overdue by this deadline.
            time.registerProcessingTimeTimer(VoidNamespace.INSTANCE, deadline(now));
        }
        saveAndProcess(backlog, ready, trigger);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        long started = hold.start();
        try {
            FraudBacklog backlog = backlogState.value();
            if (backlog != null) {
                // What a timer releases carries no timestamp, as the process function's timer output did not.
                saveAndProcess(backlog, backlog.releaseOverdue(timer.getTimestamp(), SIGHTINGS_MAX_WAIT.toMillis(),
                        sightingsGivenUp::inc), null);
            }
        } finally {
            hold.end(started);
        }
    }

    /** Only processing-time timers are registered. */
    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) {}

    /**
     * When to look for overdue sightings: rounded up to the next second, so that the transactional events of one user
     * within a second share one timer.
     */
    private static long deadline(long now) {
        long due = now + SIGHTINGS_MAX_WAIT.toMillis();
        return due - Math.floorMod(due, 1_000L) + 1_000L;
    }

    private void saveAndProcess(FraudBacklog backlog, List<FraudInput> ready, StreamRecord<?> trigger)
            throws Exception {
        if (backlog.isEmpty()) {
            backlogState.clear();
        } else {
            backlogState.update(backlog);
        }
        for (FraudInput input : ready) {
            process(input, trigger);
        }
    }

    private void process(FraudInput input, StreamRecord<?> trigger) throws Exception {
        if (input.forget() != null) {
            // Out of the cache first, so that no later eviction or flush writes the forgotten state back.
            risks.remove(currentUser());
            riskState.clear();
            suppressionState.clear();
            forgetCutoff.update(input.forgetCutoff());
            dropEarlySightings(input.forgetCutoff());
            forgotten.countGuarded(input.forget().commandId(), time.currentProcessingTime());
        } else {
            processEvent(input.event(), trigger);
        }
    }

    /** Sightings waiting for events of the forgotten history, which were let go without them before the forget. */
    private void dropEarlySightings(long cutoff) throws Exception {
        FraudBacklog backlog = backlogState.value();
        if (backlog == null || !backlog.early().values()
                .removeIf(early -> forgotten.dropsInFlight(cutoff, early.lookup().eventTime()))) {
            return;
        }
        if (backlog.isEmpty()) {
            backlogState.clear();
        } else {
            backlogState.update(backlog);
        }
    }

    private void processEvent(RiskEvent riskEvent, StreamRecord<?> trigger) throws Exception {
        ClickEvent event = riskEvent.event();
        String user = currentUser();
        UserRiskState state = risk(user);
        if (state == null) {
            state = UserRiskState.create(settings.risk());
        }
        RiskFeatures features = state.observe(event, riskEvent.sightings(), settings.risk());
        risks.putDirty(user, state);

        features.setAnomalyScore(Double.NaN);
        Optional<FraudAssessment> assessment;
        // The forest costs 0.1-0.3 ms an event: it scores the events money and accounts move on, while the rules
        // watch every event (velocity, cadence). Views, most of the traffic, still shape the features it sees.
        if (riskEvent.isTransactional()) {
            double[] raw = settings.vector().raw(features);
            AnomalyScore anomaly = forest.score(raw);
            if (forest.isReady()) {
                features.setAnomalyScore(anomaly.normalized());
            }
            assessment = FraudAssessment.of(rules(), features, () -> forest.reasons(raw, anomaly));
            forest.update(raw);
        } else {
            assessment = FraudAssessment.of(rules(), features, List::of);
        }
        if (assessment.isEmpty()) {
            return;
        }
        FraudAssessment found = assessment.get();
        AlertSuppression suppression = suppressionState.value();
        if (suppression == null) {
            suppression = new AlertSuppression();
        }
        if (!suppression.admit(event.eventTime(), found.severity(), settings.suppressionWindow().toMillis())) {
            return;
        }
        suppressionState.update(suppression);
        boolean modelContributed = found.reasons().stream().map(Reason::code).anyMatch(c -> c.startsWith("anomaly_"));
        // One alert per triggering event at most, so the event id makes a replay-stable alert id.
        emit(new Alert("fraud-" + event.eventId(), AlertKind.FRAUD, found.severity(), event.userId(),
                found.score(), found.reasons(), event.eventTime(), time.currentProcessingTime(),
                List.of(event.eventId()), modelContributed ? settings.forestVersion() : null), trigger);
    }

    /** The current key's risk state, from the cache or else from state; null when the user has none. */
    private UserRiskState risk(String user) throws IOException {
        UserRiskState state = risks.get(user);
        if (state == null) {
            stateReads.inc();
            state = riskState.value();
        }
        return state;
    }

    private String currentUser() {
        return (String) getCurrentKey();
    }

    /** An alert with its trigger's timestamp, or none (a timer's release, or an input without one). */
    private void emit(Alert alert, StreamRecord<?> trigger) {
        alertRecord.replace(alert);
        if (trigger != null && trigger.hasTimestamp()) {
            alertRecord.setTimestamp(trigger.getTimestamp());
        } else {
            alertRecord.eraseTimestamp();
        }
        output.collect(alertRecord);
    }

    @Override
    public void processElement2(StreamRecord<RuleChange> record) throws Exception {
        RuleChange change = record.getValue();
        RuleBook.Entry current = ruleState.get(change.ruleId());
        if (current == null || current.isSupersededBy(change.entry())) {
            ruleState.put(change.ruleId(), change.entry());
            rules = null;
            LOG.info("Fraud rule {} {} by control command {}", change.ruleId(), change.isDelete() ? "deleted" : "set",
                    change.commandId());
        }
    }

    private List<FraudRule> rules() throws Exception {
        if (rules == null) {
            rules = RuleBook.of(defaults, ruleState.immutableEntries()).rules();
        }
        return rules;
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        risks.flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        risks.flush();
        super.finish();
    }
}
