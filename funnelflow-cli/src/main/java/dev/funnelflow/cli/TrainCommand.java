package dev.funnelflow.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.ModelCard;
import dev.funnelflow.ranking.ExampleLabel;
import dev.funnelflow.ranking.offline.LabeledExample;
import dev.funnelflow.ranking.offline.RankerTrainer;
import dev.funnelflow.ranking.offline.TrainingExamples;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code train}: a CTR or CVR model from logged {@code training-examples}, as ONNX plus its model card. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        subcommands = TrainChurnCommand.class,
        description = {
            "Trains a ranking model on training-examples JSON lines (the job's own logged features and labels): "
                    + "logistic regression and a factorization machine on the earlier examples, the one with the "
                    + "higher AUC on the latest --validation-share is exported.",
            "Writes DIR/<name>-<version>.onnx and its model card DIR/<name>-<version>.json (see models/README.md); "
                    + "progress on stderr, one JSON summary line on stdout. 'train churn' fits the churn model."
        })
public final class TrainCommand implements Callable<Integer> {

    private static final DateTimeFormatter VERSION_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Spec
    private CommandSpec spec;

    @Option(names = "--examples", paramLabel = "FILE",
            description = "training-examples JSON lines, e.g. DIR/training-examples.jsonl from 'replay'.")
    private Path examples;

    @Option(names = "--label", paramLabel = "click|convert", converter = LabelConverter.class,
            description = "The outcome to predict: click (a CTR model) or convert (a CVR model).")
    private ExampleLabel label;

    @Option(names = "--output", paramLabel = "DIR", description = "Directory for the model files.")
    private Path output;

    @Option(names = "--name", paramLabel = "NAME", description = "Model name (default: ctr for click, cvr for convert).")
    private String name;

    @Option(names = "--version", paramLabel = "V",
            description = "Model version (default: the creation time, e.g. 20261123T030000Z).")
    private String version;

    @Option(names = "--validation-share", defaultValue = "0.2", paramLabel = "SHARE",
            description = "Share of the latest examples held out to choose the model and measure it (default: ${DEFAULT-VALUE}).")
    private double validationShare;

    @Option(names = "--until", paramLabel = "T", converter = TimeConverter.class,
            description = "Train only on examples served before T (ISO-8601 or epoch ms), e.g. the start of the period"
                    + " 'eval recs --from' measures, so that evaluation stays out of sample.")
    private Long until;

    @Option(names = "--epochs", defaultValue = "10", description = "Passes over the training examples (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--factors", defaultValue = "8",
            description = "Embedding size of the factorization machine (default: ${DEFAULT-VALUE}).")
    private int factors;

    @Option(names = "--gbdt-baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also fit gradient-boosted trees (XGBoost) on the same split and report their validation AUC"
                    + " in the card, as the reference to match (default: on; --no-gbdt-baseline skips it).")
    private boolean gbdtBaseline;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed: same data and seed, same model (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws IOException {
        // Checked here, not by picocli: 'train churn' shares this command's name but not its options.
        if (examples == null || label == null || output == null) {
            throw new ParameterException(spec.commandLine(), "Missing required options: --examples, --label and --output");
        }
        Cli.requireFile(spec, examples, "--examples");
        if (!(validationShare > 0 && validationShare < 1)) {
            throw new ParameterException(spec.commandLine(), "--validation-share must be between 0 and 1, got " + validationShare);
        }
        if (epochs < 1 || factors < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs and --factors must be >= 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<LabeledExample> rows;
        try {
            rows = TrainingExamples.read(examples, label, FeatureSchema.CURRENT);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--examples: " + e.getMessage());
        }
        if (until != null) {
            rows = rows.stream().filter(row -> row.eventTime() < until).toList();
        }
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RankerTrainer.ModelId id = new RankerTrainer.ModelId(name != null ? name : label.modelName(),
                version != null ? version : VERSION_FORMAT.format(createdAt), createdAt);
        RankerTrainer trainer = new RankerTrainer(new RankerTrainer.Settings(validationShare, epochs, seed, factors, gbdtBaseline),
                line -> {
                    err.println("train: " + line);
                    err.flush();
                });
        Path model;
        try {
            model = trainer.train(rows, label, id, output);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--examples: " + e.getMessage());
        }
        ModelCard card = ModelCard.read(ModelCard.pathFor(model));
        ObjectNode summary = JsonNodeFactory.instance.objectNode()
                .put("model", model.toString())
                .put("card", ModelCard.pathFor(model).toString())
                .put("model_version", card.modelVersion())
                .put("label", card.label())
                .put("model_type", card.modelType())
                .put("auc", card.metrics().validation().auc())
                .put("logloss", card.metrics().validation().logloss());
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary);
        out.flush();
        return 0;
    }
}
