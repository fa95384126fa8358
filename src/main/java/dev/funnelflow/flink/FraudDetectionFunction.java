package dev.funnelflow.flink;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.AlertKind;
import dev.funnelflow.alerts.AlertSuppression;
import dev.funnelflow.alerts.Reason;
import dev.funnelflow.alerts.anomaly.AnomalyScore;
import dev.funnelflow.alerts.anomaly.ForestDetector;
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
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
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
 * <p>A {@link ForgetUser} on the keyed input deletes the user's risk state and alert suppression (no timers here).
 * The forest keeps no user ids, only sampled feature vectors, and stays.
 */
public final class FraudDetectionFunction extends KeyedBroadcastProcessFunction<String, FraudInput, RuleChange, Alert>
        implements CheckpointedFunction {

    /** Broadcast state: rule id to the newest command about it. */
    public static final MapStateDescriptor<String, RuleBook.Entry> RULES =
            new MapStateDescriptor<>("fraud-rules", Types.STRING, TypeInformation.of(RuleBook.Entry.class));

    private static final Logger LOG = LoggerFactory.getLogger(FraudDetectionFunction.class);

    private final FraudSettings settings;
    private final List<FraudRule> defaults;
    private transient ValueState<UserRiskState> riskState;
    private transient ValueState<AlertSuppression> suppressionState;
    private transient ListState<byte[]> forestState;
    private transient UsersForgotten forgotten;
    private transient ForestDetector forest;
    /** Rules in force, rebuilt from broadcast state after a change or a restore. */
    private transient List<FraudRule> rules;

    public FraudDetectionFunction(FraudSettings settings, List<FraudRule> defaults) {
        this.settings = settings;
        this.defaults = List.copyOf(defaults);
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<UserRiskState> risk = new ValueStateDescriptor<>("risk", UserRiskStateSerializer.INSTANCE);
        risk.enableTimeToLive(StateTtl.afterLastWrite(settings.stateTtl()));
        riskState = getRuntimeContext().getState(risk);
        ValueStateDescriptor<AlertSuppression> suppression =
                new ValueStateDescriptor<>("alert-suppression", AlertSuppression.class);
        suppression.enableTimeToLive(StateTtl.afterLastWrite(settings.suppressionWindow()));
        suppressionState = getRuntimeContext().getState(suppression);
        forgotten = UsersForgotten.register(getRuntimeContext());
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        forestState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("anomaly-forest", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        Iterator<byte[]> saved = forestState.get().iterator();
        forest = saved.hasNext()
                ? settings.restoreForest(saved.next())
                : settings.newForest(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        forestState.update(List.of(forest.toBytes()));
    }

    @Override
    public void processElement(FraudInput input, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        if (input.forget() != null) {
            riskState.clear();
            suppressionState.clear();
            forgotten.count(input.forget().commandId());
        } else {
            processEvent(input.event(), ctx, out);
        }
    }

    private void processEvent(RiskEvent riskEvent, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        ClickEvent event = riskEvent.event();
        UserRiskState state = riskState.value();
        if (state == null) {
            state = UserRiskState.create(settings.risk());
        }
        RiskFeatures features = state.observe(event, riskEvent.sightings(), settings.risk());
        riskState.update(state);

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
            assessment = FraudAssessment.of(rules(ctx), features, () -> forest.reasons(raw, anomaly));
            forest.update(raw);
        } else {
            assessment = FraudAssessment.of(rules(ctx), features, List::of);
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
        out.collect(new Alert("fraud-" + event.eventId(), AlertKind.FRAUD, found.severity(), event.userId(),
                found.score(), found.reasons(), event.eventTime(), ctx.currentProcessingTime(),
                List.of(event.eventId()), modelContributed ? settings.forestVersion() : null));
    }

    @Override
    public void processBroadcastElement(RuleChange change, Context ctx, Collector<Alert> out) throws Exception {
        BroadcastState<String, RuleBook.Entry> state = ctx.getBroadcastState(RULES);
        RuleBook.Entry current = state.get(change.ruleId());
        if (current == null || current.isSupersededBy(change.entry())) {
            state.put(change.ruleId(), change.entry());
            rules = null;
            LOG.info("Fraud rule {} {} by control command {}", change.ruleId(), change.isDelete() ? "deleted" : "set",
                    change.commandId());
        }
    }

    private List<FraudRule> rules(ReadOnlyContext ctx) throws Exception {
        if (rules == null) {
            rules = RuleBook.of(defaults, ctx.getBroadcastState(RULES).immutableEntries()).rules();
        }
        return rules;
    }
}
