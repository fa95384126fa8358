package dev.funnelflow.flink.operators;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.PseudonymSecret;
import dev.funnelflow.event.Pseudonymiser;
import dev.funnelflow.flink.WireTypes;
import dev.funnelflow.flink.routing.DeadLetters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes accepted events on and sends rejected records to {@link DeadLetters#TAG}, counting both
 * ({@code eventsAccepted}, {@code eventsRejected} and their {@code PerSecond} rates), and reports how far event
 * time trails the wall clock here, where watermarks start ({@code watermarkLagMs}: wall clock minus the current
 * watermark, negative when the watermark runs ahead; 0 before the first watermark). When a pseudonymisation secret
 * is configured, accepted events leave with their personal identifiers pseudonymised: this is the one point every
 * event passes before any state or output, so no operator ever sees the real ones.
 */
public final class IngestSplitter extends ProcessFunction<Ingested, ClickEvent>
        implements ResultTypeQueryable<ClickEvent> {

    private final PseudonymSecret secret;
    private transient Pseudonymiser pseudonymiser;
    private transient Counter accepted;
    private transient Counter rejected;
    private transient volatile long watermark;

    public IngestSplitter(PseudonymSecret secret) {
        this.secret = secret;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        accepted = metrics.counter("eventsAccepted");
        metrics.meter("eventsAcceptedPerSecond", new MeterView(accepted));
        rejected = metrics.counter("eventsRejected");
        metrics.meter("eventsRejectedPerSecond", new MeterView(rejected));
        watermark = Long.MIN_VALUE;
        metrics.gauge("watermarkLagMs", () -> {
            long current = watermark;
            return current == Long.MIN_VALUE ? 0L : System.currentTimeMillis() - current;
        });
        // Read here, on the TaskManager, so the secret never travels in the job graph.
        pseudonymiser = secret.pseudonymiser(System.getenv());
    }

    @Override
    public TypeInformation<ClickEvent> getProducedType() {
        return WireTypes.CLICK_EVENT;
    }

    @Override
    public void processElement(Ingested record, Context ctx, Collector<ClickEvent> out) {
        watermark = ctx.timerService().currentWatermark();
        if (record.isAccepted()) {
            accepted.inc();
            out.collect(pseudonymiser == null ? record.event() : pseudonymiser.pseudonymise(record.event()));
        } else {
            rejected.inc();
            ctx.output(DeadLetters.TAG, record.rejected());
        }
    }
}
