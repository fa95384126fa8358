package dev.funnelflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.ranking.ContractModels;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.ModelCard;
import dev.funnelflow.ranking.offline.LabeledExample;
import dev.funnelflow.ranking.offline.SyntheticExamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalModelCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int F = FeatureSchema.CURRENT.size();

    @TempDir
    Path dir;

    private Path model;
    private Path examples;

    /**
     * A model that outputs its first feature, on four examples with predictions 0.9, 0.6, 0.6, 0.2 and clicks
     * 1, 0, 1, 0. AUC: of the 4 positive-negative pairs, 3 are ordered right and one (0.6 vs 0.6) is a tie,
     * (3 + 0.5) / 4 = 0.875. Log loss: -(ln 0.9 + ln 0.4 + ln 0.6 + ln 0.8) / 4 = 0.438905.
     */
    @BeforeEach
    void writeModelAndExamples() throws IOException {
        model = ContractModels.linear(dir, "first", FeatureSchema.CURRENT, ContractModels.firstFeature(F), 0, false);
        float[] predictions = {0.9f, 0.6f, 0.6f, 0.2f};
        boolean[] clicks = {true, false, true, false};
        List<LabeledExample> rows = new ArrayList<>();
        for (int i = 0; i < predictions.length; i++) {
            float[] features = new float[F];
            features[0] = predictions[i];
            rows.add(new LabeledExample(SyntheticExamples.START + i, features, clicks[i]));
        }
        examples = SyntheticExamples.write(dir.resolve("examples.jsonl"), rows);
    }

    @Test
    void printsAucAndLogLossAsComputedByHand() throws IOException {
        CommandRun run = eval("--model", model.toString(), "--examples", examples.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("label").asText()).isEqualTo("click");
        assertThat(json.get("n").asInt()).isEqualTo(4);
        assertThat(json.get("auc").asDouble()).isEqualTo(0.875);
        assertThat(json.get("logloss").asDouble()).isCloseTo(0.438905, within(1e-6));
        assertThat(json.get("model_version").asText()).isEqualTo("contract-1");
    }

    /** SyntheticExamples marks only the first click (index 0) a conversion: one class-pair ordering left. */
    @Test
    void scoresAnotherLabelWhenAsked() throws IOException {
        JsonNode json = JSON.readTree(eval("--model", model.toString(), "--examples", examples.toString(),
                "--label", "convert").out());

        assertThat(json.get("label").asText()).isEqualTo("convert");
        assertThat(json.get("auc").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aucIsNullWhenOnlyOneOutcomeOccurs() throws IOException {
        Files.write(examples, Files.readAllLines(examples).subList(0, 1));

        JsonNode json = JSON.readTree(eval("--model", model.toString(), "--examples", examples.toString()).out());

        assertThat(json.get("auc").isNull()).isTrue();
        assertThat(json.get("logloss").asDouble()).isCloseTo(-Math.log(0.9), within(1e-6));
    }

    @Test
    void rejectsBrokenAndMismatchedModelsInOneLine() throws IOException {
        Files.writeString(model, "garbage");
        CommandRun broken = eval("--model", model.toString(), "--examples", examples.toString());
        assertThat(broken.exitCode()).isNotZero();
        assertThat(broken.firstErrorLine()).startsWith("--model: " + model + ": not a loadable ONNX model: ");
        assertThat(broken.err()).doesNotContain("Exception");

        Path other = ContractModels.linear(dir, "other", FeatureSchema.CURRENT, new float[F], 0, true);
        ContractModels.card(new FeatureSchema(0, List.of("x")), "features", "p_click", null)
                .write(ModelCard.pathFor(other));
        CommandRun mismatched = eval("--model", other.toString(), "--examples", examples.toString());
        assertThat(mismatched.exitCode()).isNotZero();
        assertThat(mismatched.firstErrorLine()).startsWith("--model: " + other + ": feature schema hash ");
    }

    @Test
    void helpDescribesTheOptions() {
        CommandRun run = eval("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--model", "--examples", "--label");
    }

    private static CommandRun eval(String... args) {
        return CommandRun.of(new EvalModelCommand(), args);
    }
}
