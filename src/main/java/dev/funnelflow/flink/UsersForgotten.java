package dev.funnelflow.flink;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's {@code usersForgotten} counter (and its {@code PerSecond} rate) with one log line per forget. The
 * line names the control command, never the user: logs outlive the state the command deletes.
 */
final class UsersForgotten {

    private static final Logger LOG = LoggerFactory.getLogger(UsersForgotten.class);

    private final Counter counter;
    private final String operator;

    private UsersForgotten(Counter counter, String operator) {
        this.counter = counter;
        this.operator = operator;
    }

    static UsersForgotten register(RuntimeContext context) {
        MetricGroup metrics = context.getMetricGroup();
        Counter counter = metrics.counter("usersForgotten");
        metrics.meter("usersForgottenPerSecond", new MeterView(counter));
        return new UsersForgotten(counter, context.getTaskInfo().getTaskNameWithSubtasks());
    }

    void count(String commandId) {
        counter.inc();
        LOG.info("{}: state of a user deleted by control command {}", operator, commandId);
    }
}
