package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.control.ModelPromotion;
import dev.funnelflow.control.RuleChange;
import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.io.OutputJson;
import dev.funnelflow.job.JobConfig;
import dev.funnelflow.job.JobSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ControlRouterTest {

    @Test
    void routesEachCommandToItsOperatorsAndInvalidOnesToTheDeadLetterTopic() throws Exception {
        var router = new ControlRouter(JobSettings.from(JobConfig.load(null, Map.of())).fraud());
        try (var harness = ProcessFunctionTestHarnesses.forProcessFunction(router)) {
            harness.processElement(bytes("""
                    {"command_id": "r1", "type": "rule_delete", "issued_at": 1793613600000, "rule_id": "x"}"""), 1);
            harness.processElement(bytes("""
                    {"command_id": "m1", "type": "model_promote", "issued_at": 1793613600000,
                     "model_name": "ranker-click", "model_version": "ctr-gen2", "path": "/m/ctr-gen2.onnx"}"""), 2);
            harness.processElement(bytes("""
                    {"command_id": "f1", "type": "forget_user", "issued_at": 1793613600000, "user_id": "42"}"""), 3);
            harness.processElement(bytes("{\"command_id\": \"junk\"}"), 4);

            assertThat(harness.extractOutputValues()).extracting(RuleChange::commandId).containsExactly("r1");
            assertThat(harness.getSideOutput(ControlRouter.MODEL_PROMOTIONS)).extracting(StreamRecord::getValue)
                    .extracting(ModelPromotion::commandId).containsExactly("m1");
            assertThat(harness.getSideOutput(ControlRouter.FORGET_USERS)).extracting(StreamRecord::getValue)
                    .extracting(ForgetUser::userId).containsExactly("42");
            DeadLetter rejected = harness.getSideOutput(DeadLetters.TAG).peek().getValue();
            assertThat(rejected.error()).isEqualTo("invalid_control_command");
            assertThat(rejected.detail()).isEqualTo("control command junk: issued_at must be an ISO-8601 time with"
                    + " offset or epoch ms");
            String json = new String(OutputJson.deadLetter(rejected).value(), StandardCharsets.UTF_8);
            TopicSchemas.assertValid("dead-letter", json);
            assertThat(json).contains("\"source_topic\":\"control\",\"partition\":null,\"offset\":null");
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
