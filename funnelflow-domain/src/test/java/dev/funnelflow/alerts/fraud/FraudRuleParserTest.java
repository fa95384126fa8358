package dev.funnelflow.alerts.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.alerts.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FraudRuleParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FraudRuleParser parser = new FraudRuleParser(Duration.ofHours(24).toMillis());

    @Test
    void theDefaultRuleFileParsesAndIsTheOneOnTheClasspath() throws IOException {
        List<FraudRule> fromProject;
        try (var in = Files.newInputStream(Path.of(FraudRuleParser.DEFAULT_RULES))) {
            fromProject = parser.parseRuleFile(in);
        }
        assertThat(fromProject).hasSizeGreaterThanOrEqualTo(10);
        assertThat(parser.defaultRules()).isEqualTo(fromProject);
        assertThat(fromProject).extracting(FraudRule::feature).contains(Feature.values());
    }

    @Test
    void aRuleReadsAsWritten() throws IOException {
        FraudRule rule = parse("""
                {"rule_id": "velocity.purchases_1h", "kind": "fraud", "severity": "medium", "enabled": false,
                 "params": {"feature": "purchases", "window": "90 min", "op": ">=", "threshold": 5}}""");
        assertThat(rule).isEqualTo(new FraudRule("velocity.purchases_1h", Severity.MEDIUM, false, Feature.PURCHASES,
                Comparison.GREATER_OR_EQUAL, 5, "90 min", 90 * 60_000L, null));
    }

    @Test
    void mistakesAreNamedWithTheRuleAndField() {
        assertError("{\"kind\": \"fraud\"}", "rule: rule_id is required");
        assertError(rule("\"feature\": \"purchase\", \"window\": \"1h\", \"op\": \">\", \"threshold\": 1"),
                "rule r1: unknown feature 'purchase'; known: events, purchases,");
        assertError(rule("\"feature\": \"purchases\", \"window\": \"1h\", \"op\": \"=>\", \"threshold\": 1"),
                "rule r1: params.op must be one of >, >=, <, <=, got '=>'");
        assertError(rule("\"feature\": \"purchases\", \"window\": \"1h\", \"op\": \">\", \"treshold\": 1"),
                "rule r1: params: unknown field 'treshold'; expected description, feature, op, threshold, window");
        assertError(rule("\"feature\": \"purchases\", \"window\": \"1h\", \"op\": \">\", \"threshold\": \"5\""),
                "rule r1: params.threshold must be a number");
        assertError(rule("\"feature\": \"purchases\", \"op\": \">\", \"threshold\": 5"),
                "rule r1: feature purchases is counted over a window: set params.window, e.g. \"1h\"");
        assertError(rule("\"feature\": \"purchases\", \"window\": \"an hour\", \"op\": \">\", \"threshold\": 5"),
                "rule r1: params.window 'an hour' is not a positive duration (e.g. 30s, 10m, 1h, 1d)");
        assertError(rule("\"feature\": \"purchases\", \"window\": \"2d\", \"op\": \">\", \"threshold\": 5"),
                "rule r1: params.window 2d is longer than the 24h of history the job keeps");
        assertError(rule("\"feature\": \"amount_zscore\", \"window\": \"1h\", \"op\": \">\", \"threshold\": 5"),
                "rule r1: feature amount_zscore is measured at the event and takes no window; remove params.window");
        assertError("{\"rule_id\": \"r1\", \"kind\": \"churn_risk\", \"severity\": \"low\", \"params\": {}}",
                "rule r1: kind must be fraud for a fraud-feature rule, got 'churn_risk'");
        assertError("{\"rule_id\": \"r1\", \"kind\": \"fraud\", \"severity\": \"urgent\", \"params\": {}}",
                "rule r1: severity must be one of low, medium, high, got 'urgent'");
        assertError("{\"rule_id\": \"R 1\"}", "rule R 1: rule_id must match [a-z][a-z0-9_.-]*");
    }

    @Test
    void aRuleFileRejectsDuplicateIdsAndBadJson() {
        String twice = "{\"rules\": [" + rule("\"feature\": \"amount_zscore\", \"op\": \">\", \"threshold\": 5") + ", "
                + rule("\"feature\": \"amount_ratio\", \"op\": \">\", \"threshold\": 5") + "]}";
        assertThatThrownBy(() -> parser.parseRuleFile(stream(twice)))
                .isInstanceOf(InvalidRuleException.class).hasMessage("rule r1: rule_id appears twice in the file");
        assertThatThrownBy(() -> parser.parseRuleFile(stream("{\"rules\": [")))
                .isInstanceOf(InvalidRuleException.class).hasMessageStartingWith("rule file is not valid JSON");
        assertThatThrownBy(() -> parser.parseRuleFile(stream("[]")))
                .hasMessage("rule file must be an object with a \"rules\" array");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String rule(String params) {
        return "{\"rule_id\": \"r1\", \"kind\": \"fraud\", \"severity\": \"high\", \"params\": {" + params + "}}";
    }

    private FraudRule parse(String json) throws IOException {
        return parser.parseRule(JSON.readTree(json), Set.of());
    }

    private void assertError(String json, String messageStart) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith(messageStart);
    }
}
