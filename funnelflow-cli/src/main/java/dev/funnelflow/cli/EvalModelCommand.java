package dev.funnelflow.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.ModelCard;
import dev.funnelflow.ranking.ModelRejectedException;
import dev.funnelflow.ranking.OnnxRanker;
import dev.funnelflow.ranking.offline.BinaryMetrics;
import dev.funnelflow.ranking.ExampleLabel;
import dev.funnelflow.ranking.offline.ExampleScorer;
import dev.funnelflow.ranking.offline.LabeledExample;
import dev.funnelflow.ranking.offline.TrainingExamples;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eval model}: AUC and log loss of an ONNX ranking model on logged examples, scored as the job scores. */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = {
            "Scores training-examples JSON lines with an ONNX ranking model through ONNX Runtime, in the batches "
                    + "and with the checks the job uses (its card must match this build's feature schema).",
            "Prints one JSON object: label, n, auc, logloss (6 decimals; null when undefined), model_version."
        })
public final class EvalModelCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.onnx",
            description = "The model; its card M.json must be beside it.")
    private Path model;

    @Option(names = "--examples", required = true, paramLabel = "FILE", description = "training-examples JSON lines.")
    private Path examples;

    @Option(names = "--label", paramLabel = "click|convert", converter = LabelConverter.class,
            description = "The outcome to score against (default: the label in the model card).")
    private ExampleLabel label;

    @Override
    public Integer call() throws IOException {
        Cli.requireFile(spec, model, "--model");
        Cli.requireFile(spec, examples, "--examples");
        try (OnnxRanker ranker = OnnxRanker.load(model, FeatureSchema.CURRENT)) {
            ExampleLabel scored = label != null ? label : cardLabel(ranker.card());
            List<LabeledExample> rows;
            try {
                rows = TrainingExamples.read(examples, scored, FeatureSchema.CURRENT);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--examples: " + e.getMessage());
            }
            ModelCard.Score score = BinaryMetrics.score(ExampleScorer.score(ranker, rows), ExampleScorer.outcomes(rows));
            ObjectNode json = JsonNodeFactory.instance.objectNode()
                    .put("label", scored.wireName())
                    .put("n", score.n())
                    .put("auc", round6(score.auc()))
                    .put("logloss", round6(score.logloss()))
                    .put("model_version", ranker.card().modelVersion());
            PrintWriter out = spec.commandLine().getOut();
            out.println(json);
            out.flush();
            return 0;
        } catch (ModelRejectedException e) {
            throw new ParameterException(spec.commandLine(), "--model: " + e.getMessage());
        }
    }

    private ExampleLabel cardLabel(ModelCard card) {
        try {
            return ExampleLabel.fromWireName(card.label());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(),
                    "--label: the model card names no known label ('" + card.label() + "'); pass --label click|convert");
        }
    }

    /** Six decimals, as {@code eval recs} prints; null for NaN (AUC without both classes, log loss of nothing). */
    private static Double round6(double value) {
        return Double.isNaN(value) ? null : new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
    }
}
