package dev.funnelflow.jmh;

import dev.funnelflow.ranking.ExampleLabel;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.ModelRejectedException;
import dev.funnelflow.ranking.ModelSet;
import dev.funnelflow.ranking.OnnxRanker;
import dev.funnelflow.ranking.RankingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The project's bundled CTR and CVR models ({@code models/}, from the working directory) and rows to score. */
final class BundledModels {

    static final Path CTR = Path.of("models", "ctr-gen1.onnx");
    static final Path CVR = Path.of("models", "cvr-gen1.onnx");

    private BundledModels() {}

    /** Both models as the ranking operator serves them: one checked {@link OnnxRanker} each, in one set. */
    static ModelSet load() throws ModelRejectedException {
        if (!Files.isRegularFile(CTR) || !Files.isRegularFile(CVR)) {
            throw new IllegalStateException("run the benchmarks from the project directory: no "
                    + CTR.toAbsolutePath() + " or " + CVR.getFileName());
        }
        return new ModelSet(OnnxRanker.load(CTR, FeatureSchema.CURRENT), OnnxRanker.load(CVR, FeatureSchema.CURRENT));
    }

    static void close(ModelSet models) {
        models.model(ExampleLabel.CLICK).close();
        models.model(ExampleLabel.CONVERT).close();
    }

    /** The first {@code count} candidate rows of {@code requests}, row after row. */
    static float[] rows(List<RankingRequest> requests, int count) {
        int width = FeatureSchema.CURRENT.size();
        float[] rows = new float[count * width];
        int filled = 0;
        for (RankingRequest request : requests) {
            float[] more = request.featureRows();
            int take = Math.min(more.length, rows.length - filled);
            System.arraycopy(more, 0, rows, filled, take);
            filled += take;
            if (filled == rows.length) {
                return rows;
            }
        }
        throw new IllegalStateException("the traffic has fewer than " + count + " candidate rows");
    }
}
