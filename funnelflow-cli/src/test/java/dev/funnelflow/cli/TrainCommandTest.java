package dev.funnelflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.ranking.ModelCard;
import dev.funnelflow.ranking.offline.LabeledExample;
import dev.funnelflow.ranking.offline.SyntheticExamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** train -> eval model: on the held-out examples, eval model reproduces the card's validation figures. */
    @Test
    void trainedModelScoresInEvalModelAsItsCardSays() throws IOException {
        List<LabeledExample> examples = SyntheticExamples.generate(2000, 11);
        Path all = SyntheticExamples.write(dir.resolve("training-examples.jsonl"), examples);
        Path heldOut = SyntheticExamples.write(dir.resolve("held-out.jsonl"), examples.subList(1600, 2000));

        CommandRun train = CommandRun.of(new TrainCommand(), "--examples", all.toString(), "--label", "click",
                "--output", dir.resolve("models").toString(), "--version", "t1", "--epochs", "3");

        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.err()).contains("train: 2,000 examples: training on 1,600", "train: picked ");
        JsonNode summary = JSON.readTree(train.out());
        Path model = dir.resolve("models/ctr-t1.onnx");
        assertThat(summary.get("model").asText()).isEqualTo(model.toString());
        assertThat(summary.get("model_version").asText()).isEqualTo("ctr-t1");
        ModelCard card = ModelCard.read(ModelCard.pathFor(model));

        CommandRun eval = CommandRun.of(new EvalModelCommand(), "--model", model.toString(),
                "--examples", heldOut.toString());

        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode figures = JSON.readTree(eval.out());
        assertThat(figures.fieldNames()).toIterable().containsExactly("label", "n", "auc", "logloss", "model_version");
        assertThat(figures.get("label").asText()).isEqualTo("click");
        assertThat(figures.get("n").asInt()).isEqualTo(400);
        assertThat(figures.get("auc").asDouble()).isCloseTo(card.metrics().validation().auc(), within(1e-6));
        assertThat(figures.get("logloss").asDouble()).isCloseTo(card.metrics().validation().logloss(), within(1e-6));
    }

    @Test
    void badArgumentsAreOneLineErrors() throws IOException {
        Path examples = SyntheticExamples.write(dir.resolve("x.jsonl"), SyntheticExamples.generate(10, 1));
        String missing = dir.resolve("absent.jsonl").toString();

        assertError(train("--examples", missing, "--label", "click", "--output", dir.toString()),
                "--examples: no such file: " + missing);
        assertError(train("--examples", examples.toString(), "--label", "view", "--output", dir.toString()),
                "Invalid value for option '--label': unknown label 'view'; known: click, convert");
        assertError(train("--examples", examples.toString(), "--label", "click", "--output", dir.toString(),
                "--validation-share", "1"), "--validation-share must be between 0 and 1, got 1.0");
        // 10 examples: the last 2 are the validation part, too few to hold both outcomes.
        CommandRun tooFew = train("--examples", examples.toString(), "--label", "convert", "--output", dir.toString());
        assertThat(tooFew.exitCode()).isNotZero();
        assertThat(tooFew.firstErrorLine()).startsWith("--examples: the ").contains("need more data");
    }

    @Test
    void examplesOfAnotherFeatureSchemaAreRefusedWithTheirLine() throws IOException {
        Path examples = SyntheticExamples.write(dir.resolve("x.jsonl"), SyntheticExamples.generate(3, 1));
        List<String> lines = Files.readAllLines(examples);
        lines.set(1, lines.get(1).replaceFirst("\"schema_hash\":\"[0-9a-f]+\"", "\"schema_hash\":\"0123abcd\""));
        Files.write(examples, lines);

        CommandRun run = train("--examples", examples.toString(), "--label", "click", "--output", dir.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.firstErrorLine()).startsWith("--examples: x.jsonl line 2: schema_hash '0123abcd' is not this build's");
    }

    private static CommandRun train(String... args) {
        return CommandRun.of(new TrainCommand(), args);
    }

    private static void assertError(CommandRun run, String message) {
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.firstErrorLine()).isEqualTo(message);
        assertThat(run.err()).doesNotContain("Exception");
    }
}
