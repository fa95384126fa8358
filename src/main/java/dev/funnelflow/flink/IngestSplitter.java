package dev.funnelflow.flink;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.Ingested;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Passes accepted events on and sends rejected records to {@link DeadLetters#TAG}. */
public final class IngestSplitter extends ProcessFunction<Ingested, ClickEvent> {

    @Override
    public void processElement(Ingested record, Context ctx, Collector<ClickEvent> out) {
        if (record.isAccepted()) {
            out.collect(record.event());
        } else {
            ctx.output(DeadLetters.TAG, record.rejected());
        }
    }
}
