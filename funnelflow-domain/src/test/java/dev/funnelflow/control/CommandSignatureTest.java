package dev.funnelflow.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandSignatureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void signsTheSortedCompactJsonWithoutTheSignatureAsOpensslWould() throws Exception {
        ObjectNode command = object("""
                {"type": "rule_delete", "rule_id": "x", "issued_by": "ana",
                 "issued_at": 1793613600000, "command_id": "r1", "signature": "whatever"}""");

        assertThat(new String(CommandSignature.canonicalBytes(command), StandardCharsets.UTF_8)).isEqualTo(
                "{\"command_id\":\"r1\",\"issued_at\":1793613600000,\"issued_by\":\"ana\",\"rule_id\":\"x\","
                        + "\"type\":\"rule_delete\"}");
        // printf '%s' '<canonical bytes>' | openssl dgst -sha256 -hmac '<TestCommands.SECRET>'
        assertThat(CommandSignature.sign(command, TestCommands.secret()))
                .isEqualTo("41492fe8a9fe274fda98b458807985bf3aa8e742843ba572baed527b7e7546d7");
    }

    @Test
    void aSignatureSurvivesReformattingButNotAChangeOrAnotherKey() throws Exception {
        ObjectNode signed = object(TestCommands.signed("""
                {"command_id": "u1", "type": "rule_upsert", "issued_at": 1793613600000, "issued_by": "ana",
                 "rule_id": "x", "kind": "fraud", "severity": "low",
                 "params": {"window": "1m", "feature": "events", "threshold": 3, "op": ">="}}"""));
        ObjectNode reordered = object("""
                {"params": {"op": ">=", "threshold": 3, "feature": "events", "window": "1m"},
                 "severity": "low", "kind": "fraud", "rule_id": "x", "issued_by": "ana", "issued_at": 1793613600000,
                 "type": "rule_upsert", "command_id": "u1", "signature": "%s"}"""
                .formatted(signed.get("signature").asText()));
        assertThat(CommandSignature.verify(reordered, TestCommands.secret())).isTrue();

        ObjectNode loosened = signed.deepCopy();
        ((ObjectNode) loosened.get("params")).put("threshold", 300);
        assertThat(CommandSignature.verify(loosened, TestCommands.secret())).isFalse();
        assertThat(CommandSignature.verify(signed, "another-key-of-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        ObjectNode garbage = signed.deepCopy().put("signature", "not hex");
        assertThat(CommandSignature.verify(garbage, TestCommands.secret())).isFalse();
        assertThat(CommandSignature.isSigned(object("{\"command_id\": \"u2\"}"))).isFalse();
    }

    private static ObjectNode object(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }
}
