package dev.funnelflow.ranking.offline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees (XGBoost) on the same examples and split as the served models: the reference a ranking
 * model is measured against. It is reported in the model card, never exported (Java has no ONNX exporter for it).
 * Settings are XGBoost's usual starting point for CTR data, not tuned to any data set.
 */
final class GbdtBaseline {

    static final String MODEL_TYPE = "gbdt_xgboost_baseline";
    static final String SETTINGS = "XGBoost 3.0, 200 rounds, depth 6, eta 0.1, subsample 0.8, colsample 0.8";

    private GbdtBaseline() {}

    /** P(label 1) of each validation example from trees fitted on the training examples. */
    static double[] fitAndPredict(List<LabeledExample> train, List<LabeledExample> validation, long seed) {
        try {
            DMatrix trainMatrix = matrix(train);
            DMatrix validationMatrix = matrix(validation);
            Map<String, Object> params = new HashMap<>();
            params.put("objective", "binary:logistic");
            params.put("max_depth", 6);
            params.put("eta", 0.1);
            params.put("subsample", 0.8);
            params.put("colsample_bytree", 0.8);
            params.put("seed", seed);
            params.put("nthread", 1);
            Booster booster = XGBoost.train(trainMatrix, params, 200, new HashMap<>(), null, null);
            float[][] predicted = booster.predict(validationMatrix);
            double[] probabilities = new double[predicted.length];
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = predicted[i][0];
            }
            booster.dispose();
            trainMatrix.dispose();
            validationMatrix.dispose();
            return probabilities;
        } catch (XGBoostError e) {
            throw new IllegalStateException("the GBDT baseline failed: " + e.getMessage(), e);
        }
    }

    private static DMatrix matrix(List<LabeledExample> examples) throws XGBoostError {
        int features = examples.get(0).features().length;
        float[] values = new float[examples.size() * features];
        float[] labels = new float[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            System.arraycopy(examples.get(i).features(), 0, values, i * features, features);
            labels[i] = examples.get(i).positive() ? 1 : 0;
        }
        DMatrix matrix = new DMatrix(values, examples.size(), features, Float.NaN);
        matrix.setLabel(labels);
        return matrix;
    }
}
