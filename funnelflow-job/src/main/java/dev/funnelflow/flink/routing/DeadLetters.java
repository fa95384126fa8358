package dev.funnelflow.flink.routing;

import dev.funnelflow.event.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side output every operator sends unusable records to; the job unions them into the dead-letter topic. */
public final class DeadLetters {

    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letter", TypeInformation.of(DeadLetter.class));

    private DeadLetters() {}
}
