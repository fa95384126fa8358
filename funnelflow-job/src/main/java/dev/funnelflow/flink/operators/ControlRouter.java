package dev.funnelflow.flink.operators;

import dev.funnelflow.alerts.fraud.FraudRuleParser;
import dev.funnelflow.alerts.fraud.FraudSettings;
import dev.funnelflow.control.ControlGate;
import dev.funnelflow.control.ControlSettings;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.control.ModelPromotion;
import dev.funnelflow.control.ReplayGuard;
import dev.funnelflow.control.RuleChange;
import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.event.RejectReason;
import dev.funnelflow.flink.routing.DeadLetters;
import dev.funnelflow.io.Topic;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges each {@code control} record ({@link ControlGate}: signed, well formed, not from the future, not a replay,
 * models from known places) and routes what it accepts by type: fraud rule changes on the main output, model
 * promotions and forget-user commands on their side outputs. A refused record goes to {@link DeadLetters#TAG} with
 * its reason, is counted ({@code controlCommandsRefused}, per {@code reason}) and logged; an accepted one is counted
 * ({@code controlCommandsApplied}) and logged once at INFO, the audit trail of who changed what.
 *
 * <p>The signing key is read here, on the TaskManager, never shipped in the job graph. A command's time is judged
 * against its Kafka record's timestamp (the broker bounds how far ahead that may be); records without one (a file
 * in {@code replay}) are judged against the wall clock. The replay guard is union operator state: after a rescale
 * every subtask knows every subject.
 */
public final class ControlRouter extends ProcessFunction<byte[], RuleChange> implements CheckpointedFunction {

    public static final OutputTag<ModelPromotion> MODEL_PROMOTIONS =
            new OutputTag<>("model-promotions", TypeInformation.of(ModelPromotion.class));
    public static final OutputTag<ForgetUser> FORGET_USERS =
            new OutputTag<>("forget-users", TypeInformation.of(ForgetUser.class));

    private static final Logger LOG = LoggerFactory.getLogger(ControlRouter.class);
    private static final RecordOrigin ORIGIN = new RecordOrigin(Topic.CONTROL.topicName(), -1, -1);

    private final long maxWindowMillis;
    private final ControlSettings settings;
    private final Map<String, String> environment;
    private transient ControlGate gate;
    private transient List<ReplayGuard.Applied> restored;
    private transient ListState<ReplayGuard.Applied> appliedState;
    private transient Counter applied;
    private transient Map<RejectReason, Counter> refused;

    /** @param fraud bounds the windows a rule may ask for */
    public ControlRouter(FraudSettings fraud, ControlSettings settings) {
        this(fraud, settings, null);
    }

    /** @param environment where the secret's variable is looked up; null for the process environment */
    ControlRouter(FraudSettings fraud, ControlSettings settings, Map<String, String> environment) {
        this.maxWindowMillis = fraud.risk().maxWindowMillis();
        this.settings = settings;
        this.environment = environment;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        appliedState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("control-applied", TypeInformation.of(ReplayGuard.Applied.class)));
        restored = new ArrayList<>();
        appliedState.get().forEach(restored::add);
    }

    @Override
    public void open(OpenContext openContext) {
        byte[] secret = null;
        if (settings.secret().configured()) {
            secret = settings.secret().read(environment == null ? System.getenv() : environment);
        } else {
            LOG.warn("No control secret configured (funnelflow.control.hmac-secret-env or -file): the control plane"
                    + " is closed and every control command will be refused");
        }
        gate = new ControlGate(new FraudRuleParser(maxWindowMillis), secret, settings,
                restored == null ? List.of() : restored);
        applied = getRuntimeContext().getMetricGroup().counter("controlCommandsApplied");
        refused = new EnumMap<>(RejectReason.class);
    }

    @Override
    public void processElement(byte[] record, Context ctx, Collector<RuleChange> rules) {
        // A file source's records carry Long.MIN_VALUE: no timestamp.
        Long timestamp = ctx.timestamp();
        long recordTime = timestamp != null && timestamp != Long.MIN_VALUE ? timestamp : System.currentTimeMillis();
        ControlGate.Verdict verdict = gate.judge(record, recordTime);
        if (verdict instanceof ControlGate.Refused refusal) {
            LOG.warn("Refused control record ({}): {}", refusal.reason().code(), refusal.detail());
            refused.computeIfAbsent(refusal.reason(), reason -> getRuntimeContext().getMetricGroup()
                    .addGroup("reason", reason.code()).counter("controlCommandsRefused")).inc();
            ctx.output(DeadLetters.TAG, DeadLetter.of(record, refusal.reason(), refusal.detail(), ORIGIN,
                    System.currentTimeMillis()));
            return;
        }
        ControlGate.Accepted accepted = (ControlGate.Accepted) verdict;
        LOG.info("Control command {} applied: type {}, subject {}, issued by {}: {}", accepted.command().commandId(),
                accepted.type(), accepted.subject().startsWith("user:") ? "user"
                        : accepted.subject(), accepted.issuedBy(), accepted.change());
        applied.inc();
        if (accepted.command() instanceof RuleChange change) {
            rules.collect(change);
        } else if (accepted.command() instanceof ModelPromotion promotion) {
            ctx.output(MODEL_PROMOTIONS, promotion);
        } else if (accepted.command() instanceof ForgetUser forget) {
            ctx.output(FORGET_USERS, forget);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        appliedState.update(gate.applied());
    }
}
