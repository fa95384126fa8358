package dev.funnelflow.contract;

import static dev.funnelflow.contract.TopicSchemas.assertValid;
import static dev.funnelflow.contract.TopicSchemas.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.event.RejectReason;
import dev.funnelflow.io.OutputJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TopicSchemasTest {

    private static final String VIEW = """
            {"event_id":"e1","event_time":"2026-11-23T10:15:00.250Z","user_id":"u1","session_id":"s1",
             "type":"view","item_id":"81766","category_id":"42","price":19.99,
             "context":{"device_id":"d1","ip":"203.0.113.7","user_agent":"Mozilla/5.0","country":"DE","channel":"web"}}""";

    private static final String PURCHASE = """
            {"event_id":"e2","event_time":1795429200000,"user_id":"u1","type":"purchase","item_id":"81766",
             "category_id":"42","price":19.99,"quantity":2,"order_id":"o1",
             "payment":{"method":"card","card_fingerprint":"fp1","amount":39.98,"currency":"EUR"}}""";

    private static final String RECOMMENDATION = """
            {"rec_id":"r1","user_id":"u1","session_id":"s1","trigger_event_id":"e1",
             "event_time":1795429200000,"emitted_at":1795429200120,
             "items":[{"item_id":"7","score":0.9,"p_click":null,"p_convert":null,"source":"covisit"},
                      {"item_id":"8","score":0.5,"p_click":0.12,"p_convert":0.01,"source":"category_popular"}],
             "model_version":null}""";

    private static final String ALERT = """
            {"alert_id":"a1","kind":"fraud","severity":"high","user_id":"u1","score":0.97,
             "reasons":[{"code":"velocity_orders_1h","detail":"7 orders in 1 h","value":7,"threshold":5}],
             "event_time":"2026-11-23T10:15:00Z","emitted_at":"2026-11-23T10:15:00.300Z",
             "evidence_event_ids":["e1","e2"],"model_version":"anomaly-3"}""";

    private static final String FORECAST = """
            {"series":"category:42","window":"1h","window_end":1795429200000,"history_points":48,
             "model":{"p":1,"d":1,"q":1,"params":{"ar1":0.4,"ma1":-0.3,"sigma2":2.5},"aic":210.4},
             "forecast":[{"window_end":1795432800000,"mean":12.0,"lo80":9.0,"hi80":15.0,"lo95":7.5,"hi95":16.5}],
             "emitted_at":1795429200500}""";

    private static final String TRAINING_EXAMPLE = """
            {"example_id":"x1","event_time":1795429200000,"user_id":"u1","item_id":"7","schema_hash":"9f86d081",
             "features":[0.5,1,0,3.25],"labels":{"click":1,"convert":0},"variant":"model","model_version":"ranker-2"}""";

    private static final String DEAD_LETTER = """
            {"raw":"{\\"event_id\\":","truncated":false,"error":"invalid_json","detail":"unexpected end of input",
             "source_topic":"clickstream","partition":3,"offset":1234,"received_at":1795429200000}""";

    private static final String SIGNED = "\"issued_by\":\"ops\",\"signature\":\"" + "5e".repeat(32) + "\",";

    private static final String RULE_UPSERT = """
            {"command_id":"c1","type":"rule_upsert","issued_at":1795429200000,"issued_by":"ops",
             "signature":"5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e",
             "rule_id":"fraud.velocity","kind":"fraud","severity":"high","enabled":true,
             "params":{"max_orders":5,"window":"1h"}}""";

    static List<Object[]> validDocuments() {
        return List.of(
                new Object[] {"clickstream", VIEW},
                new Object[] {"clickstream", PURCHASE},
                new Object[] {"clickstream", """
                        {"event_id":"e3","event_time":1795429200000,"user_id":"u1","type":"search","query":"red shoes"}"""},
                new Object[] {"clickstream", """
                        {"event_id":"e4","event_time":1795429200000,"user_id":"u9","type":"signup","referrer":"ad-7"}"""},
                new Object[] {"clickstream", """
                        {"event_id":"e5","event_time":"2026-11-23T11:15:00+01:00","user_id":"u1","type":"click",
                         "item_id":"7","rec_id":"r1"}"""},
                new Object[] {"recommendations", RECOMMENDATION},
                new Object[] {"alerts", ALERT},
                new Object[] {"demand-forecasts", FORECAST},
                new Object[] {"training-examples", TRAINING_EXAMPLE},
                new Object[] {"dead-letter", DEAD_LETTER},
                new Object[] {"dead-letter", DEAD_LETTER.replace("\"partition\":3,\"offset\":1234",
                        "\"partition\":null,\"offset\":17")},
                new Object[] {"control", RULE_UPSERT},
                new Object[] {"control", """
                        {"command_id":"c2","type":"rule_delete","issued_at":1795429200000,%s"rule_id":"fraud.velocity"}"""
                        .formatted(SIGNED)},
                new Object[] {"control", """
                        {"command_id":"c3","type":"model_promote","issued_at":1795429200000,%s"model_name":"ranker-click",
                         "model_version":"ranker-click-7","path":"models/ranker-click-7.onnx","schema_hash":"9f86d081",
                         "model_sha256":"%s"}""".formatted(SIGNED, "ab".repeat(32))},
                new Object[] {"control", """
                        {"command_id":"c4","type":"forget_user","issued_at":"2026-11-23T10:15:00Z",%s"user_id":"u1"}"""
                        .formatted(SIGNED)});
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("validDocuments")
    void acceptsValidDocuments(String topic, String json) {
        assertValid(topic, json);
    }

    /** topic, document, a fragment expected in one of the violation messages. */
    static List<Object[]> invalidDocuments() {
        return List.of(
                new Object[] {"clickstream", VIEW.replace("\"item_id\":\"81766\",", ""), "item_id"},
                new Object[] {"clickstream", VIEW.replace("19.99", "-1.5"), "price"},
                new Object[] {"clickstream", VIEW.replace("19.99", "\"abc\""), "price"},
                new Object[] {"clickstream", PURCHASE.replace("\"quantity\":2", "\"quantity\":0"), "quantity"},
                new Object[] {"clickstream", PURCHASE.replace("\"quantity\":2", "\"quantity\":1.5"), "quantity"},
                new Object[] {"clickstream", VIEW.replace("\"type\":\"view\"", "\"type\":\"wishlist\""), "type"},
                new Object[] {"clickstream", VIEW.replace("\"user_id\":\"u1\",", ""), "user_id"},
                new Object[] {"clickstream", VIEW.replace("2026-11-23T10:15:00.250Z", "1970-01-01T00:00:00Z"), "event_time"},
                new Object[] {"clickstream", PURCHASE.replace("1795429200000", "4102444800001"), "event_time"},
                new Object[] {"clickstream", VIEW.replace("2026-11-23T10:15:00.250Z", "yesterday"), "event_time"},
                new Object[] {"clickstream", VIEW.replace("2026-11-23T10:15:00.250Z", "2026-13-01T00:00:00Z"), "event_time"},
                new Object[] {"clickstream", """
                        {"event_id":"e3","event_time":1795429200000,"user_id":"u1","type":"search"}""", "query"},
                new Object[] {"clickstream", "[" + VIEW + "]", "array"},
                new Object[] {"clickstream", "{\"event_id\":", "not JSON"},
                new Object[] {"recommendations", RECOMMENDATION.replace("\"p_click\":0.12", "\"p_click\":1.2"), "p_click"},
                new Object[] {"recommendations", RECOMMENDATION.replace(",\"source\":\"covisit\"", ""), "source"},
                new Object[] {"recommendations", RECOMMENDATION.replace("\"model_version\":null", "\"model\":null"), "model"},
                new Object[] {"alerts", ALERT.replace("\"high\"", "\"critical\""), "severity"},
                new Object[] {"alerts", ALERT.replace("\"fraud\"", "\"spam\""), "kind"},
                new Object[] {"alerts", ALERT.replace("0.97", "3"), "score"},
                new Object[] {"demand-forecasts", FORECAST.replace("\"d\":1", "\"d\":-1"), "d"},
                new Object[] {"demand-forecasts", FORECAST.replace("\"category:42\"", "\"42\""), "series"},
                new Object[] {"training-examples", TRAINING_EXAMPLE.replace("\"click\":1", "\"click\":2"), "click"},
                new Object[] {"training-examples", TRAINING_EXAMPLE.replace("[0.5,1,0,3.25]", "[0.5,\"x\"]"), "features"},
                new Object[] {"dead-letter", DEAD_LETTER.replace("\"invalid_json\"", "\"Invalid JSON\""), "error"},
                new Object[] {"dead-letter", DEAD_LETTER.replace("\"truncated\":false,", ""), "truncated"},
                new Object[] {"dead-letter", DEAD_LETTER.replace(
                        "\"{\\\"event_id\\\":\"", "\"" + "x".repeat(65_537) + "\""), "raw"},
                new Object[] {"control", RULE_UPSERT.replace("\"rule_upsert\"", "\"rule_rename\""), "type"},
                new Object[] {"control", RULE_UPSERT.replace("\"rule_id\":\"fraud.velocity\",", ""), "rule_id"},
                new Object[] {"control", """
                        {"command_id":"c2","type":"rule_delete","issued_at":1795429200000,"rule_id":"r","user_id":"u1"}""",
                        "user_id"},
                new Object[] {"control", """
                        {"command_id":"c3","type":"model_promote","issued_at":1795429200000,"model_name":"ranker-click"}""",
                        "path"},
                new Object[] {"control", RULE_UPSERT.replaceFirst("\"signature\":\"[0-9a-f]+\",", ""), "signature"},
                new Object[] {"control", RULE_UPSERT.replace("\"issued_by\":\"ops\",", ""), "issued_by"});
    }

    @ParameterizedTest(name = "{0} #{index}: {2}")
    @MethodSource("invalidDocuments")
    void rejectsInvalidDocuments(String topic, String json, String expectedFragment) {
        List<String> violations = violations(topic, json);
        assertThat(violations).as("violations of %s", json).isNotEmpty();
        assertThat(String.join("\n", violations)).contains(expectedFragment);
        assertThatThrownBy(() -> assertValid(topic, json)).isInstanceOf(AssertionError.class);
    }

    @Test
    void aDuplicatesDeadLetterWithOnlyItsEventIdMeetsTheContract() {
        DeadLetter duplicate = DeadLetter.ofEventId("e\"1", RejectReason.DUPLICATE_EVENT, "event_id already seen",
                new RecordOrigin("clickstream", 1, 7), 1_795_429_200_000L);
        String json = new String(OutputJson.deadLetter(duplicate).value(), StandardCharsets.UTF_8);
        assertValid("dead-letter", json);
        assertThat(duplicate.raw()).isEqualTo("{\"event_id\":\"e\\\"1\"}");
    }

    @Test
    void rejectsAnUnknownTopic() {
        assertThatThrownBy(() -> violations("clicks", VIEW)).hasMessageContaining("unknown topic");
    }

    @Test
    void everySchemaFileExistsAndIsAValidDraft202012Schema() {
        var metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (String topic : TopicSchemas.TOPICS) {
            assertThat(TopicSchemas.schemaFile(topic)).exists();
            JsonNode schema = TopicSchemas.schemaTree(topic);
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(metaSchema.validate(schema)).as("meta-schema violations of %s", topic).isEmpty();
        }
    }

    @Test
    void everyPropertyHasADescription() {
        List<String> undocumented = new ArrayList<>();
        for (String topic : TopicSchemas.TOPICS) {
            JsonNode schema = TopicSchemas.schemaTree(topic);
            collectUndocumentedProperties(topic, schema, schema, undocumented);
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void readmeListsEverySchemaFile() throws Exception {
        String readme = Files.readString(TopicSchemas.schemaFile("x").resolveSibling("README.md"));
        for (String topic : TopicSchemas.TOPICS) {
            assertThat(readme).contains("`" + topic + "`", topic + ".schema.json");
        }
    }

    /** Walks the schema; {@code if} branches are skipped because they only select on a value defined elsewhere. */
    private static void collectUndocumentedProperties(String where, JsonNode root, JsonNode node, List<String> undocumented) {
        if (node.isObject()) {
            JsonNode properties = node.path("properties");
            if (properties.isObject() && !where.endsWith("/if")) {
                properties.properties().stream()
                        .filter(property -> !hasDescription(root, property.getValue()))
                        .forEach(property -> undocumented.add(where + "." + property.getKey()));
            }
            node.properties().forEach(child ->
                    collectUndocumentedProperties(where + "/" + child.getKey(), root, child.getValue(), undocumented));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUndocumentedProperties(where + "[" + i + "]", root, node.get(i), undocumented);
            }
        }
    }

    private static boolean hasDescription(JsonNode root, JsonNode definition) {
        String ref = definition.path("$ref").asText();
        return definition.has("description") || ref.startsWith("#/") && root.at(ref.substring(1)).has("description");
    }
}
