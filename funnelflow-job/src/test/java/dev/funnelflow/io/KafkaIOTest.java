package dev.funnelflow.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.config.JobConfig;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaIOTest {

    @Test
    void sinksCompressWithLz4AndRetryAfter10MsUnlessTheUserChoosesOtherwise() {
        assertThat(KafkaIO.producerProperties(JobConfig.load(null, Map.of()), false))
                .containsEntry("compression.type", "lz4")
                .containsEntry("retry.backoff.ms", "10")
                .containsKey("transaction.timeout.ms")
                .doesNotContainKey("linger.ms");
        assertThat(KafkaIO.producerProperties(JobConfig.load(null, Map.of(
                "funnelflow.kafka.properties.compression.type", "zstd",
                "funnelflow.kafka.properties.retry.backoff.ms", "100")), false))
                .containsEntry("compression.type", "zstd")
                .containsEntry("retry.backoff.ms", "100");
    }

    /** A broker refuses records stamped over an hour ahead of its clock: outputs never carry an input's event time. */
    @Test
    void outputRecordsAreStampedByTheProducerNotWithTheEventTime() {
        long twentyHoursAhead = System.currentTimeMillis() + 20 * 3_600_000L;
        ProducerRecord<byte[], byte[]> record = new KafkaIO.WallClockStamped("alerts")
                .serialize(new OutputRecord(new byte[] {1}, new byte[] {2}), null, twentyHoursAhead);

        assertThat(record.timestamp()).as("left to the producer's clock").isNull();
        assertThat(record.topic()).isEqualTo("alerts");
        assertThat(record.partition()).as("the key's partition").isNull();
        assertThat(record.key()).containsExactly(1);
        assertThat(record.value()).containsExactly(2);
    }

    @Test
    void sinksSentAtOnceDoNotLingerUnlessTheUserChoosesOtherwise() {
        assertThat(KafkaIO.producerProperties(JobConfig.load(null, Map.of()), true))
                .containsEntry("linger.ms", "0");
        assertThat(KafkaIO.producerProperties(JobConfig.load(null, Map.of(
                "funnelflow.kafka.properties.linger.ms", "20")), true))
                .containsEntry("linger.ms", "20");
    }
}
