package dev.funnelflow.flink.operators;

import dev.funnelflow.io.OutputRecord;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;

/**
 * Encodes the records of one output topic and counts them: a counter {@code <metric>} and a per-second rate
 * {@code <metric>PerSecond} (over the last minute), optionally one pair per label such as the alert kind. Labels are
 * Flink key-value metric groups, which the Prometheus reporter turns into labels, e.g.
 * {@code flink_taskmanager_job_task_operator_kind_alerts{kind="fraud"}}.
 *
 * @param <T> the records before encoding
 */
public final class CountingEncoder<T> extends RichMapFunction<T, OutputRecord> {

    /** A serializable function, for the job graph. */
    public interface Fn<A, B> extends Serializable {
        B apply(A value);
    }

    private final String metric;
    private final String labelKey;
    private final Fn<T, String> label;
    private final List<String> knownLabels;
    private final Fn<T, OutputRecord> encoder;
    private transient Map<String, Counter> counters;

    private CountingEncoder(String metric, String labelKey, Fn<T, String> label, List<String> knownLabels,
            Fn<T, OutputRecord> encoder) {
        this.metric = metric;
        this.labelKey = labelKey;
        this.label = label;
        this.knownLabels = knownLabels;
        this.encoder = encoder;
    }

    /** Counts every record under {@code metric}. */
    public static <T> CountingEncoder<T> counting(String metric, Fn<T, OutputRecord> encoder) {
        return new CountingEncoder<>(metric, null, null, List.of(), encoder);
    }

    /**
     * Counts records per label value. The known values are registered up front so their series exist (at zero)
     * before the first record, which rate alerts need; any other value gets its series when it first occurs.
     */
    public static <T> CountingEncoder<T> countingBy(String metric, String labelKey, Fn<T, String> label,
            List<String> knownLabels, Fn<T, OutputRecord> encoder) {
        return new CountingEncoder<>(metric, labelKey, label, List.copyOf(knownLabels), encoder);
    }

    @Override
    public void open(OpenContext openContext) {
        counters = new HashMap<>();
        if (labelKey == null) {
            counters.put("", register(getRuntimeContext().getMetricGroup()));
        }
        knownLabels.forEach(this::counter);
    }

    @Override
    public OutputRecord map(T value) {
        counter(labelKey == null ? "" : label.apply(value)).inc();
        return encoder.apply(value);
    }

    private Counter counter(String labelValue) {
        return counters.computeIfAbsent(labelValue,
                value -> register(getRuntimeContext().getMetricGroup().addGroup(labelKey, value)));
    }

    private Counter register(MetricGroup group) {
        Counter counter = group.counter(metric);
        group.meter(metric + "PerSecond", new MeterView(counter));
        return counter;
    }
}
