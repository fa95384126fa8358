package dev.funnelflow.bench;

import dev.funnelflow.config.JobSettings;
import dev.funnelflow.event.EventJson;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.io.OutputJson;
import dev.funnelflow.io.OutputRecord;
import dev.funnelflow.job.ClickstreamJob;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The practical limit of a machine for this workload: read the clickstream, parse and validate it exactly as the
 * job does, write each event back out. Same source, parser, watermarks and sink as the pipeline; no state.
 */
final class PassThroughJob {

    static final String OUTPUT_TOPIC = "bench-passthrough";

    private PassThroughJob() {}

    static void define(StreamExecutionEnvironment env, JobSettings settings, Source<Ingested, ?, ?> source,
                       Sink<OutputRecord> sink) {
        env.fromSource(source, ClickstreamJob.watermarks(settings), "clickstream")
                .map(new Reencode()).returns(OutputRecord.class).name("reencode")
                .sinkTo(sink).name(OUTPUT_TOPIC);
    }

    /** Writes accepted events back out with one encoder per subtask, as a hot path should. */
    private static final class Reencode extends RichMapFunction<Ingested, OutputRecord> {

        private transient EventJson json;

        @Override
        public void open(OpenContext context) {
            json = new EventJson();
        }

        @Override
        public OutputRecord map(Ingested record) {
            return record.isAccepted()
                    ? new OutputRecord(null, json.encode(record.event(), EventJson.TimeFormat.RFC_3339))
                    : OutputJson.deadLetter(record.rejected());
        }
    }
}
