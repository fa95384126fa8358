package dev.funnelflow.ranking.offline;

import dev.funnelflow.ranking.ExampleLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnelflow.ranking.ExecutionProvider;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.ModelCard;
import dev.funnelflow.ranking.OnnxRanker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;

class RankerTrainerTest {

    private static final FeatureSchema SCHEMA = FeatureSchema.CURRENT;
    private static final RankerTrainer.Settings SETTINGS = new RankerTrainer.Settings(0.2, 5, 7, 4, true);
    private static final Instant CREATED = Instant.parse("2026-11-23T03:00:00Z");

    @TempDir
    Path dir;

    /** Both model types: ONNX Runtime on the exported file gives Tribuo's own probabilities. */
    @Test
    void exportedModelsPredictWhatTribuoPredicts() throws Exception {
        List<LabeledExample> examples = SyntheticExamples.generate(1500, 1);
        String[] names = RankerTrainer.tribuoFeatureNames(SCHEMA);
        List<Example<Label>> held = new ArrayList<>();
        examples.subList(1000, 1500).forEach(example -> held.add(RankerTrainer.tribuoExample(example, names)));

        for (RankerTrainer.CandidateTrainer candidate : new RankerTrainer(SETTINGS, line -> {}).candidateTrainers()) {
            Model<Label> model = candidate.trainer().train(RankerTrainer.dataset(examples.subList(0, 1000), names));
            Path file = dir.resolve(candidate.modelType() + ".onnx");
            ((ONNXExportable) model).saveONNXModel(RankerTrainer.ONNX_DOMAIN, 1, file);
            tribuoCard(model).write(ModelCard.pathFor(file));

            double[] tribuo = RankerTrainer.positiveProbabilities(model, held);
            try (OnnxRanker ranker = OnnxRanker.load(file, SCHEMA, ExecutionProvider.CPU)) {
                double[] onnx = ExampleScorer.score(ranker, examples.subList(1000, 1500));
                for (int i = 0; i < onnx.length; i++) {
                    assertThat(Math.abs(onnx[i] - tribuo[i])).as(candidate.modelType() + " row " + i).isLessThan(1e-5);
                }
            }
        }
    }

    @Test
    void picksTheModelWithTheBetterValidationAucAndDescribesItInItsCard() throws Exception {
        List<LabeledExample> examples = SyntheticExamples.generate(3000, 2);
        List<String> progress = new ArrayList<>();

        Path model = new RankerTrainer(SETTINGS, progress::add).train(examples, ExampleLabel.CLICK,
                new RankerTrainer.ModelId("ctr", "v1", CREATED), dir.resolve("models"));

        assertThat(model).isEqualTo(dir.resolve("models/ctr-v1.onnx"));
        try (Stream<Path> files = Files.list(dir.resolve("models"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("ctr-v1.onnx",
                    "ctr-v1.json"); // no staging left behind
        }
        ModelCard card = ModelCard.read(ModelCard.pathFor(model));
        assertThat(card.modelVersion()).isEqualTo("ctr-v1");
        assertThat(card.label()).isEqualTo("click");
        assertThat(card.createdAt()).isEqualTo("2026-11-23T03:00:00Z");
        assertThat(card.featureSchema().hash()).isEqualTo(SCHEMA.hash());
        assertThat(card.featureSchema().features()).isEqualTo(SCHEMA.names());
        assertThat(card.modelSha256()).isEqualTo(ModelCard.sha256(Files.readAllBytes(model)));
        assertThat(card.input().shape()).containsExactly(-1, SCHEMA.size());
        assertThat(card.output().shape()).containsExactly(-1, 2);
        assertThat(card.data().train().n()).isEqualTo(2400);
        assertThat(card.data().validation().n()).isEqualTo(600);
        assertThat(card.data().validation().from()).isEqualTo(
                Instant.ofEpochMilli(SyntheticExamples.START + 2400 * 60_000L).toString());

        List<ModelCard.Candidate> candidates = card.metrics().candidates();
        assertThat(candidates).extracting(ModelCard.Candidate::modelType)
                .containsExactly("logistic_regression", "factorization_machine", "gbdt_xgboost_baseline");
        // The trees are reported beside the served candidates, never picked: nothing could serve them.
        assertThat(candidates.get(2).auc()).isGreaterThan(0.7);
        ModelCard.Candidate best = candidates.subList(0, 2).stream()
                .max((a, b) -> Double.compare(a.auc(), b.auc())).orElseThrow();
        assertThat(card.modelType()).isEqualTo(best.modelType());
        assertThat(card.metrics().validation().auc()).isCloseTo(best.auc(), within(1e-5))
                .isGreaterThan(0.75);
        assertThat(card.metrics().onnxMaxAbsDiff()).isLessThan(1e-5);
        assertThat(card.calibration().bins().stream().mapToLong(ModelCard.Bin::n).sum()).isEqualTo(600);
        assertThat(progress).anyMatch(line -> line.startsWith("picked " + best.modelType()));
    }

    @Test
    void theSameSeedTrainsTheSameModel() throws Exception {
        List<LabeledExample> examples = SyntheticExamples.generate(1000, 3);
        RankerTrainer trainer = new RankerTrainer(SETTINGS, line -> {});

        Path first = trainer.train(examples, ExampleLabel.CLICK, new RankerTrainer.ModelId("a", "1", CREATED), dir);
        Path second = trainer.train(examples, ExampleLabel.CLICK, new RankerTrainer.ModelId("b", "1", CREATED), dir);

        try (OnnxRanker a = OnnxRanker.load(first, SCHEMA, ExecutionProvider.CPU);
                OnnxRanker b = OnnxRanker.load(second, SCHEMA, ExecutionProvider.CPU)) {
            assertThat(ExampleScorer.score(a, examples)).containsExactly(ExampleScorer.score(b, examples));
        }
    }

    private static ModelCard tribuoCard(Model<Label> model) {
        return new ModelCard("t", "1", "click", null, null, null, ModelCard.SchemaSection.of(SCHEMA),
                new ModelCard.TensorSpec("input", "float32", new long[] {-1, SCHEMA.size()}, null),
                new ModelCard.TensorSpec("output", "float32", new long[] {-1, 2},
                        model.getOutputIDInfo().getID(new Label("1"))),
                null, null, null, null);
    }
}
