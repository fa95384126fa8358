package dev.funnelflow.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.job.JobConfig;
import java.util.Map;
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

    @Test
    void sinksSentAtOnceDoNotLingerUnlessTheUserChoosesOtherwise() {
        assertThat(KafkaIO.producerProperties(JobConfig.load(null, Map.of()), true))
                .containsEntry("linger.ms", "0");
        assertThat(KafkaIO.producerProperties(JobConfig.load(null, Map.of(
                "funnelflow.kafka.properties.linger.ms", "20")), true))
                .containsEntry("linger.ms", "20");
    }
}
