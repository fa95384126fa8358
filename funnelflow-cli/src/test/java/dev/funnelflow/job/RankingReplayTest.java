package dev.funnelflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.config.JobConfig;
import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.GeneratorSettings;
import dev.funnelflow.io.Topic;
import dev.funnelflow.ranking.ExampleLabel;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.offline.LabeledExample;
import dev.funnelflow.ranking.offline.RankerTrainer;
import dev.funnelflow.ranking.offline.TrainingExamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model lifecycle through the real topology: log, label, train, serve. */
class RankingReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void loggedExamplesTrainAModelThatThenRanksTheLists() throws Exception {
        Path events = dir.resolve("events.jsonl");
        // 6,000 events over 10 minutes of event time: long enough for several label windows.
        new ClickstreamGenerator(GeneratorSettings.defaults().withSeed(11).withUsers(400).withEvents(6_000)
                .withEventsPerSecond(10).withMalformedShare(0).withDuplicateShare(0)).writeJsonLines(events, 6_000);
        Map<String, String> config = new HashMap<>(Map.of("parallelism.default", "2",
                "funnelflow.ranking.examples.sample-rate", "1",
                "funnelflow.ranking.labels.click-window", "1 min",
                "funnelflow.ranking.labels.convert-window", "3 min"));

        Path logged = dir.resolve("logged");
        Replay.run(events, null, logged, JobConfig.load(null, config));

        Path examplesFile = logged.resolve(Topic.TRAINING_EXAMPLES.replayFileName());
        List<String> lines = Files.readAllLines(examplesFile);
        lines.stream().limit(500).forEach(line -> TopicSchemas.assertValid("training-examples", line));
        List<JsonNode> examples = lines.stream().map(RankingReplayTest::json).toList();
        assertThat(examples).hasSizeGreaterThan(1_000)
                .allSatisfy(e -> assertThat(e.get("variant").asText()).isIn("champion", "organic"))
                .anySatisfy(e -> assertThat(e.get("example_id").asText()).endsWith("/organic"));
        assertThat(examples).anySatisfy(e -> assertThat(e.get("labels").get("click").asInt()).isEqualTo(1));
        assertThat(examples.stream().map(e -> e.get("example_id").asText()).distinct()).hasSameSizeAs(examples);

        List<LabeledExample> rows = TrainingExamples.read(examplesFile, ExampleLabel.CLICK, FeatureSchema.CURRENT);
        Path models = dir.resolve("models");
        new RankerTrainer(new RankerTrainer.Settings(0.2, 2, 1, 4, false), line -> { })
                .train(rows, ExampleLabel.CLICK, new RankerTrainer.ModelId("ctr", "t1", Instant.now()), models);

        config.put("funnelflow.ranking.models-dir", models.toString());
        Path ranked = dir.resolve("ranked");
        Replay.run(events, null, ranked, JobConfig.load(null, config));

        List<String> recs = Files.readAllLines(ranked.resolve(Topic.RECOMMENDATIONS.replayFileName()));
        recs.stream().limit(200).forEach(line -> TopicSchemas.assertValid("recommendations", line));
        assertThat(recs).isNotEmpty().allSatisfy(line -> {
            JsonNode rec = json(line);
            assertThat(rec.get("model_version").asText()).isEqualTo("ctr-t1");
            assertThat(rec.get("items")).allSatisfy(item -> assertThat(item.get("p_click").isNumber()).isTrue());
        });
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
