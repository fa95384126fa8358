package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.FraudRuleParser;
import dev.funnelflow.alerts.fraud.FraudSettings;
import dev.funnelflow.control.ControlCommand;
import dev.funnelflow.control.ControlParser;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.control.InvalidControlCommandException;
import dev.funnelflow.control.ModelPromotion;
import dev.funnelflow.control.RuleChange;
import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.event.RejectReason;
import dev.funnelflow.job.Topic;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses each {@code control} record once and routes it by type: fraud rule changes on the main output, model
 * promotions and forget-user commands on their side outputs, invalid records with the reason to
 * {@link DeadLetters#TAG} (and a log line: an operator's typo should not go unnoticed).
 */
public final class ControlRouter extends ProcessFunction<byte[], RuleChange> {

    public static final OutputTag<ModelPromotion> MODEL_PROMOTIONS =
            new OutputTag<>("model-promotions", TypeInformation.of(ModelPromotion.class));
    public static final OutputTag<ForgetUser> FORGET_USERS =
            new OutputTag<>("forget-users", TypeInformation.of(ForgetUser.class));

    private static final Logger LOG = LoggerFactory.getLogger(ControlRouter.class);
    private static final RecordOrigin ORIGIN = new RecordOrigin(Topic.CONTROL.topicName(), -1, -1);

    private final ControlParser parser;

    /** @param fraud bounds the windows a rule may ask for */
    public ControlRouter(FraudSettings fraud) {
        this.parser = new ControlParser(new FraudRuleParser(fraud.risk().maxWindowMillis()));
    }

    @Override
    public void processElement(byte[] record, Context ctx, Collector<RuleChange> rules) {
        ControlCommand command;
        try {
            command = parser.parse(record);
        } catch (InvalidControlCommandException e) {
            LOG.warn("Ignoring control record: {}", e.getMessage());
            ctx.output(DeadLetters.TAG, DeadLetter.of(record, RejectReason.INVALID_CONTROL_COMMAND, e.getMessage(),
                    ORIGIN, System.currentTimeMillis()));
            return;
        }
        if (command instanceof RuleChange change) {
            rules.collect(change);
        } else if (command instanceof ModelPromotion promotion) {
            ctx.output(MODEL_PROMOTIONS, promotion);
        } else if (command instanceof ForgetUser forget) {
            ctx.output(FORGET_USERS, forget);
        }
    }
}
