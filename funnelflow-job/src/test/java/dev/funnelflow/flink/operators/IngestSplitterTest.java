package dev.funnelflow.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.config.JobConfig;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.PseudonymSecret;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.flink.routing.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestSplitterTest {

    private static final EventParser PARSER = new EventParser(4096, Duration.ofDays(3650));

    @TempDir
    Path dir;

    @Test
    void pseudonymisesAcceptedEventsBeforeAnyOperatorSeesThem() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "0123456789abcdef0123456789abcdef\n");
        try (OneInputStreamOperatorTestHarness<Ingested, ClickEvent> harness = ProcessFunctionTestHarnesses
                .forProcessFunction(new IngestSplitter(new PseudonymSecret(null, secret.toString())))) {
            harness.processElement(parse("{\"event_id\":\"e1\",\"event_time\":1767225600000,\"user_id\":\"u1\","
                    + "\"type\":\"login\",\"context\":{\"ip\":\"10.0.0.1\"},"
                    + "\"payment\":{\"method\":\"card\",\"card_fingerprint\":\"fp-1\"}}"), 1);
            harness.processElement(parse("{\"event_id\":\"e2\""), 2);

            ClickEvent event = harness.extractOutputValues().get(0);
            assertThat(event.userId()).isEqualTo("39536bc0c20e6efcd22ec30bb96eec5a");
            assertThat(event.context().ip()).isEqualTo("d094ec1a13557b71fd948daa21a9db71");
            assertThat(event.payment().cardFingerprint()).as("a card is as personal as a device")
                    .hasSize(32).isNotEqualTo("fp-1");
            assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(StreamRecord::getValue)
                    .extracting(DeadLetter::error).containsExactly("malformed_json");
        }
    }

    @Test
    void passesEventsUnchangedWithoutASecret() throws Exception {
        try (OneInputStreamOperatorTestHarness<Ingested, ClickEvent> harness = ProcessFunctionTestHarnesses
                .forProcessFunction(new IngestSplitter(PseudonymSecret.none()))) {
            harness.processElement(parse("{\"event_id\":\"e1\",\"event_time\":1767225600000,\"user_id\":\"u1\","
                    + "\"type\":\"login\"}"), 1);

            assertThat(harness.extractOutputValues()).extracting(ClickEvent::userId).containsExactly("u1");
        }
    }

    @Test
    void theJobRefusesToStartWhenTheConfiguredSecretIsMissing() {
        assertThatThrownBy(() -> JobSettings.from(JobConfig.load(null,
                Map.of("funnelflow.privacy.hmac-secret-file", dir.resolve("absent").toString()))))
                .hasMessageContaining("the pseudonymisation secret file");
    }

    private static Ingested parse(String json) {
        return PARSER.parse(json.getBytes(StandardCharsets.UTF_8), new RecordOrigin("clickstream", 0, 0));
    }
}
