package dev.funnelflow.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.job.JobConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaIOTest {

    @Test
    void sinksCompressWithLz4UnlessTheUserChoosesOtherwise() {
        assertThat(KafkaIO.producerProperties(JobConfig.load(null, Map.of())))
                .containsEntry("compression.type", "lz4")
                .containsKey("transaction.timeout.ms");
        assertThat(KafkaIO.producerProperties(JobConfig.load(null,
                Map.of("funnelflow.kafka.properties.compression.type", "zstd"))))
                .containsEntry("compression.type", "zstd");
    }
}
