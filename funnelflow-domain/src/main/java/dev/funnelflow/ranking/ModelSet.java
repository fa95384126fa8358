package dev.funnelflow.ranking;

import java.util.Arrays;

/**
 * The models one variant serves: a CTR model, a CVR model, either, or none. Scoring runs both on the same rows and
 * returns {@code [pClick, pConvert]} per row, NaN for a model the set lacks.
 */
public final class ModelSet {

    public static final ModelSet NONE = new ModelSet(null, null);

    private final OnnxRanker click;
    private final OnnxRanker convert;
    private final String version;

    public ModelSet(OnnxRanker click, OnnxRanker convert) {
        this.click = click;
        this.convert = convert;
        this.version = version(click, convert);
    }

    public boolean isEmpty() {
        return click == null && convert == null;
    }

    public OnnxRanker model(ExampleLabel label) {
        return label == ExampleLabel.CLICK ? click : convert;
    }

    public ModelSet with(ExampleLabel label, OnnxRanker model) {
        return label == ExampleLabel.CLICK ? new ModelSet(model, convert) : new ModelSet(click, model);
    }

    /** {@code model_version} of the lists it ranks: its models' versions joined by '+', null when empty. */
    public String version() {
        return version;
    }

    private static String version(OnnxRanker click, OnnxRanker convert) {
        if (click == null && convert == null) {
            return null;
        }
        if (click == null || convert == null) {
            return (click != null ? click : convert).card().modelVersion();
        }
        return click.card().modelVersion() + "+" + convert.card().modelVersion();
    }

    /**
     * {@code [pClick, pConvert]} for each of {@code count} rows, row after row.
     *
     * @throws IllegalStateException when a model fails to run on these rows
     */
    public float[] score(float[] rows, int count) {
        float[] out = new float[count * 2];
        Arrays.fill(out, Float.NaN);
        if (click != null) {
            float[] p = click.score(rows, count);
            for (int i = 0; i < count; i++) {
                out[2 * i] = p[i];
            }
        }
        if (convert != null) {
            float[] p = convert.score(rows, count);
            for (int i = 0; i < count; i++) {
                out[2 * i + 1] = p[i];
            }
        }
        return out;
    }

    /**
     * Whether every output of a model this set has is a finite number in {@code outputs} ({@link #score}'s layout,
     * for any number of rows). NaN there is otherwise indistinguishable from "no such model", which the objective
     * counts as 1: a model giving NaN for a candidate would rank it first.
     */
    public boolean allFinite(float[] outputs) {
        for (int i = 0; i < outputs.length; i += 2) {
            if ((click != null && !Float.isFinite(outputs[i]))
                    || (convert != null && !Float.isFinite(outputs[i + 1]))) {
                return false;
            }
        }
        return true;
    }
}
