package dev.funnelflow.ranking.offline;

import dev.funnelflow.ranking.ExampleLabel;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.ModelCard;
import dev.funnelflow.ranking.ModelRejectedException;
import dev.funnelflow.ranking.OnnxRanker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a CTR or CVR ranker on the examples the job logged, with Tribuo: logistic regression and a
 * factorization machine (Rendle 2010, "Factorization Machines", ICDM) learn from the earlier examples; the one with
 * the higher AUC on the later ones (a time-ordered split: the model will meet the future) is exported to ONNX
 * beside its {@link ModelCard}. The card's metrics come from ONNX Runtime scoring the exported file, so they are
 * what serving will see; export is refused if ONNX Runtime disagrees with Tribuo beyond float rounding.
 */
public final class RankerTrainer {

    /** ONNX domain of exported models. */
    public static final String ONNX_DOMAIN = "dev.funnelflow.ranking";
    /** Largest accepted difference between the exported model's and Tribuo's probabilities (float vs double). */
    public static final double EXPORT_TOLERANCE = 1e-5;

    /** Tribuo announces every training run at INFO on java.util.logging; the progress lines say more. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private static final Label POSITIVE = new Label("1");
    private static final Label NEGATIVE = new Label("0");
    private static final int CALIBRATION_BINS = 10;

    private final Settings settings;
    private final Consumer<String> progress;

    /**
     * @param validationShare share of the latest examples held out for model choice and metrics
     * @param epochs passes over the training examples
     * @param seed seeds example shuffling and FM initialisation: same data and seed, same model
     * @param factors size of the factorization machine's pairwise-interaction embeddings
     * @param gbdtBaseline also fit gradient-boosted trees on the same split and report them in the card
     */
    public record Settings(double validationShare, int epochs, long seed, int factors, boolean gbdtBaseline) {
        public Settings {
            if (epochs < 1 || factors < 1) {
                throw new IllegalArgumentException("epochs and factors must be >= 1, got " + epochs + ", " + factors);
            }
        }
    }

    /** Identity of the model to write: files {@code <name>-<version>.onnx} and {@code .json}. */
    public record ModelId(String name, String version, Instant createdAt) {
        String fileStem() {
            return name + "-" + version;
        }
    }

    /** @param progress receives one line per step, e.g. for stderr */
    public RankerTrainer(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Trains, picks, exports and verifies; returns the written {@code .onnx} file (its card beside it).
     *
     * @param examples sorted by event time, with vectors of {@link FeatureSchema#CURRENT}
     */
    public Path train(List<LabeledExample> examples, ExampleLabel label, ModelId id, Path outputDir) throws IOException {
        FeatureSchema schema = FeatureSchema.CURRENT;
        TimeSplit split = TimeSplit.of(examples, settings.validationShare());
        progress.accept(String.format(Locale.ROOT, "%,d examples: training on %s, validating on %s",
                examples.size(), describe(split.train()), describe(split.validation())));

        String[] featureNames = tribuoFeatureNames(schema);
        MutableDataset<Label> trainSet = dataset(split.train(), featureNames);
        List<Example<Label>> validationSet = new ArrayList<>(split.validation().size());
        split.validation().forEach(example -> validationSet.add(tribuoExample(example, featureNames)));
        boolean[] outcomes = ExampleScorer.outcomes(split.validation());

        List<ModelCard.Candidate> candidates = new ArrayList<>();
        Fitted best = null;
        for (CandidateTrainer candidate : candidateTrainers()) {
            long started = System.nanoTime();
            Model<Label> model = candidate.trainer().train(trainSet);
            checkFeatureOrder(model, featureNames);
            double[] predicted = positiveProbabilities(model, validationSet);
            ModelCard.Score score = BinaryMetrics.score(predicted, outcomes);
            candidates.add(new ModelCard.Candidate(candidate.modelType(), score.auc(), score.logloss()));
            progress.accept(String.format(Locale.ROOT, "%s: validation AUC %.4f, log loss %.4f (%.1f s)",
                    candidate.modelType(), score.auc(), score.logloss(), (System.nanoTime() - started) / 1e9));
            if (best == null || score.auc() > best.score().auc()) {
                best = new Fitted(candidate, model, predicted, score);
            }
        }
        progress.accept("picked " + best.candidate().modelType() + " (higher validation AUC)");
        if (settings.gbdtBaseline()) {
            long started = System.nanoTime();
            ModelCard.Score baseline = BinaryMetrics.score(
                    GbdtBaseline.fitAndPredict(split.train(), split.validation(), settings.seed()), outcomes);
            candidates.add(new ModelCard.Candidate(GbdtBaseline.MODEL_TYPE, baseline.auc(), baseline.logloss()));
            progress.accept(String.format(Locale.ROOT, "%s (%s; reference only, not exported): validation AUC %.4f,"
                    + " log loss %.4f (%.1f s)", GbdtBaseline.MODEL_TYPE, GbdtBaseline.SETTINGS, baseline.auc(),
                    baseline.logloss(), (System.nanoTime() - started) / 1e9));
        }
        return export(best, split, label, id, schema, candidates, outputDir);
    }

    /** A model type to try and the Tribuo trainer that fits it. */
    record CandidateTrainer(String modelType, Trainer<Label> trainer) {}

    private record Fitted(CandidateTrainer candidate, Model<Label> model, double[] predicted, ModelCard.Score score) {}

    /**
     * Logistic regression and an FM with the same objective, optimiser and epochs, so AUC alone decides. The FM
     * takes one example per step: Tribuo 4.3.2's FMParameters.merge, which combines a minibatch's gradients, fails
     * with a ClassCastException on some data (e.g. the Diginetica sample before its test week).
     */
    List<CandidateTrainer> candidateTrainers() {
        AdaGrad optimiser = new AdaGrad(0.1, 0.1);
        int minibatch = 16;
        return List.of(
                new CandidateTrainer("logistic_regression", new LinearSGDTrainer(new LogMulticlass(), optimiser,
                        settings.epochs(), -1, minibatch, settings.seed())),
                new CandidateTrainer("factorization_machine", new FMClassificationTrainer(new LogMulticlass(),
                        optimiser.copy(), settings.epochs(), -1, 1, settings.seed(), settings.factors(), 0.1)));
    }

    private Path export(Fitted best, TimeSplit split, ExampleLabel label, ModelId id, FeatureSchema schema,
            List<ModelCard.Candidate> candidates, Path outputDir) throws IOException {
        Files.createDirectories(outputDir);
        // Build and verify in a staging directory, then move the card and then the model in: a directory watcher
        // never sees a half-written model or a model without its card.
        Path staging = Files.createTempDirectory(outputDir, ".staging-" + id.fileStem());
        try {
            Path stagedModel = staging.resolve(id.fileStem() + ".onnx");
            ((ONNXExportable) best.model()).saveONNXModel(ONNX_DOMAIN, id.createdAt().getEpochSecond(), stagedModel);
            int positiveIndex = best.model().getOutputIDInfo().getID(POSITIVE);
            byte[] modelBytes = Files.readAllBytes(stagedModel);
            ModelCard draft = card(best, split, label, id, schema, positiveIndex, candidates, null, null)
                    .withModelSha256(modelBytes);
            draft.write(ModelCard.pathFor(stagedModel));

            double[] served = scoreWithOnnxRuntime(stagedModel, split.validation());
            double maxDiff = maxAbsDiff(served, best.predicted());
            if (maxDiff > EXPORT_TOLERANCE) {
                throw new IllegalStateException("the exported ONNX model disagrees with the trained model by "
                        + maxDiff + " (tolerance " + EXPORT_TOLERANCE + "); not writing it");
            }
            boolean[] outcomes = ExampleScorer.outcomes(split.validation());
            ModelCard.Metrics metrics = new ModelCard.Metrics(BinaryMetrics.score(served, outcomes), candidates, maxDiff);
            ModelCard card = card(best, split, label, id, schema, positiveIndex, candidates, metrics,
                    BinaryMetrics.calibration(served, outcomes, CALIBRATION_BINS)).withModelSha256(modelBytes);
            card.write(ModelCard.pathFor(stagedModel));

            Path model = outputDir.resolve(stagedModel.getFileName());
            Files.move(ModelCard.pathFor(stagedModel), ModelCard.pathFor(model), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Files.move(stagedModel, model, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            progress.accept(String.format(Locale.ROOT, "wrote %s (ONNX Runtime: validation AUC %.4f, log loss %.4f;"
                    + " max |ONNX - Tribuo| %.1e) and its card %s", model, metrics.validation().auc(),
                    metrics.validation().logloss(), maxDiff, ModelCard.pathFor(model).getFileName()));
            return model;
        } finally {
            deleteStaging(staging);
        }
    }

    private static ModelCard card(Fitted best, TimeSplit split, ExampleLabel label, ModelId id, FeatureSchema schema,
            int positiveIndex, List<ModelCard.Candidate> candidates, ModelCard.Metrics metrics,
            ModelCard.Calibration calibration) {
        int features = schema.size();
        int outputs = best.model().getOutputIDInfo().size();
        return new ModelCard(id.name(), id.version(), label.wireName(), id.createdAt().toString(),
                best.candidate().modelType(), "Tribuo " + Tribuo.VERSION + " " + best.candidate().trainer(),
                ModelCard.SchemaSection.of(schema),
                new ModelCard.TensorSpec("input", "float32", new long[] {-1, features}, null),
                new ModelCard.TensorSpec("output", "float32", new long[] {-1, outputs}, positiveIndex),
                new ModelCard.TrainingData(split.train().size() + split.validation().size(),
                        span(split.train()), span(split.validation())),
                metrics, calibration, null);
    }

    private static double[] scoreWithOnnxRuntime(Path model, List<LabeledExample> examples) {
        try (OnnxRanker ranker = OnnxRanker.load(model, FeatureSchema.CURRENT)) {
            return ExampleScorer.score(ranker, examples);
        } catch (ModelRejectedException e) {
            throw new IllegalStateException("ONNX Runtime rejects the exported model: " + e.getMessage(), e);
        }
    }

    /**
     * Tribuo numbers features by sorting their names; a zero-padded index prefix makes that order the schema's,
     * so the exported model's input columns are the schema's columns.
     */
    static String[] tribuoFeatureNames(FeatureSchema schema) {
        String[] names = new String[schema.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = String.format(Locale.ROOT, "%03d_%s", i, schema.names().get(i));
        }
        return names;
    }

    static MutableDataset<Label> dataset(List<LabeledExample> examples, String[] featureNames) {
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("training-examples", new LabelFactory()), new LabelFactory());
        examples.forEach(example -> dataset.add(tribuoExample(example, featureNames)));
        return dataset;
    }

    static Example<Label> tribuoExample(LabeledExample example, String[] featureNames) {
        double[] values = new double[featureNames.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = example.features()[i];
        }
        return new ArrayExample<>(example.positive() ? POSITIVE : NEGATIVE, featureNames, values);
    }

    /** A feature absent from the model would shift every later input column: refuse rather than mis-score. */
    private static void checkFeatureOrder(Model<Label> model, String[] featureNames) {
        for (int i = 0; i < featureNames.length; i++) {
            var info = model.getFeatureIDMap().get(featureNames[i]);
            if (info == null || info.getID() != i) {
                throw new IllegalStateException("feature " + featureNames[i] + " is not input column " + i
                        + " of the trained model");
            }
        }
        if (model.getFeatureIDMap().size() != featureNames.length) {
            throw new IllegalStateException("the trained model has " + model.getFeatureIDMap().size()
                    + " features, the schema " + featureNames.length);
        }
    }

    static double[] positiveProbabilities(Model<Label> model, List<Example<Label>> examples) {
        List<Prediction<Label>> predictions = model.predict(examples);
        double[] probabilities = new double[predictions.size()];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = predictions.get(i).getOutputScores().get(POSITIVE.getLabel()).getScore();
        }
        return probabilities;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static ModelCard.Split span(List<LabeledExample> side) {
        long positives = side.stream().filter(LabeledExample::positive).count();
        return new ModelCard.Split(side.size(), positives, Instant.ofEpochMilli(side.get(0).eventTime()).toString(),
                Instant.ofEpochMilli(side.get(side.size() - 1).eventTime()).toString());
    }

    private static String describe(List<LabeledExample> side) {
        ModelCard.Split span = span(side);
        return String.format(Locale.ROOT, "%,d (%.2f%% positive, %s .. %s)", span.n(),
                100.0 * span.positives() / span.n(), span.from(), span.to());
    }

    private static void deleteStaging(Path staging) throws IOException {
        try (var files = Files.list(staging)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(staging);
    }
}
