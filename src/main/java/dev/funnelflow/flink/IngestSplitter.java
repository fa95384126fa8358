package dev.funnelflow.flink;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.Ingested;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes accepted events on and sends rejected records to {@link DeadLetters#TAG}, counting both
 * ({@code eventsAccepted}, {@code eventsRejected} and their {@code PerSecond} rates).
 */
public final class IngestSplitter extends ProcessFunction<Ingested, ClickEvent> {

    private transient Counter accepted;
    private transient Counter rejected;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        accepted = metrics.counter("eventsAccepted");
        metrics.meter("eventsAcceptedPerSecond", new MeterView(accepted));
        rejected = metrics.counter("eventsRejected");
        metrics.meter("eventsRejectedPerSecond", new MeterView(rejected));
    }

    @Override
    public void processElement(Ingested record, Context ctx, Collector<ClickEvent> out) {
        if (record.isAccepted()) {
            accepted.inc();
            out.collect(record.event());
        } else {
            rejected.inc();
            ctx.output(DeadLetters.TAG, record.rejected());
        }
    }
}
