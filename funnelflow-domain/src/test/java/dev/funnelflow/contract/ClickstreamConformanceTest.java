package dev.funnelflow.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The schema is the contract: {@link EventParser} must accept exactly the documents
 * {@code schemas/clickstream.schema.json} accepts (format assertion on, exactly one JSON value, no duplicate
 * keys). Both judge the same generated {@link ClickstreamCorpus}. The parser's clock stands after 2100, so its
 * only check the schema cannot express, {@code future_event}, never fires here.
 */
class ClickstreamConformanceTest {

    private static final long SEED = 20_261_207L;
    private static final EventParser PARSER = new EventParser(1 << 20, Duration.ofDays(1),
            Clock.fixed(Instant.parse("2101-01-01T00:00:00Z"), ZoneOffset.UTC));
    private static final RecordOrigin ORIGIN = new RecordOrigin("clickstream", 0, 0);

    @Test
    void parserAndSchemaGiveTheSameVerdictOnEveryDocument() {
        List<String> corpus = ClickstreamCorpus.generate(SEED);
        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> rejectedBy = new TreeMap<>();
        int valid = 0;
        for (String document : corpus) {
            boolean schemaAccepts = TopicSchemas.violations("clickstream", document).isEmpty();
            Ingested parsed = PARSER.parse(document.getBytes(UTF_8), ORIGIN);
            if (schemaAccepts != parsed.isAccepted()) {
                disagreements.add(describe(document, parsed));
            }
            if (schemaAccepts) {
                valid++;
            } else if (!parsed.isAccepted()) {
                rejectedBy.merge(parsed.rejected().error(), 1, Integer::sum);
            }
        }
        double agreement = 100.0 * (corpus.size() - disagreements.size()) / corpus.size();
        System.out.printf("clickstream conformance (seed %d): %d documents, %d valid, %d invalid; agreement %.2f%%;"
                + " parser reasons of the invalid: %s%n", SEED, corpus.size(), valid, corpus.size() - valid, agreement,
                rejectedBy);

        assertThat(disagreements).as("documents the parser and the schema judge differently").isEmpty();
        assertThat(valid).as("valid documents").isGreaterThan(1_000);
        assertThat(corpus.size() - valid).as("invalid documents").isGreaterThan(3_000);
        assertThat(rejectedBy).as("the corpus exercises every reason a document alone can earn").containsKeys(
                "empty_record", "malformed_json", "not_an_object", "missing_field", "wrong_type", "unknown_type",
                "invalid_value", "absurd_timestamp");
    }

    @Test
    void theCorpusIsTheSameForTheSameSeed() {
        assertThat(ClickstreamCorpus.generate(SEED)).isEqualTo(ClickstreamCorpus.generate(SEED));
    }

    private static String describe(String document, Ingested parsed) {
        String verdicts = parsed.isAccepted()
                ? "schema rejects " + TopicSchemas.violations("clickstream", document) + ", parser accepts"
                : "schema accepts, parser rejects (" + parsed.rejected().error() + ": " + parsed.rejected().detail()
                        + ")";
        return verdicts + ": " + (document.length() <= 300 ? document : document.substring(0, 300) + "…");
    }
}
