package dev.funnelflow.ranking.offline;

import java.util.List;

/**
 * Examples split by time: the model trains on the past and is validated on what followed, as it will serve.
 * Examples with one event time stay on one side, so no moment is in both.
 */
public record TimeSplit(List<LabeledExample> train, List<LabeledExample> validation) {

    /**
     * @param examples sorted by event time
     * @param validationShare share of the latest examples held out, in (0, 1)
     * @throws IllegalArgumentException when either side would lack positives or negatives
     */
    public static TimeSplit of(List<LabeledExample> examples, double validationShare) {
        if (!(validationShare > 0 && validationShare < 1)) {
            throw new IllegalArgumentException("validation share must be in (0, 1), got " + validationShare);
        }
        int cut = (int) Math.round(examples.size() * (1 - validationShare));
        while (cut > 0 && cut < examples.size()
                && examples.get(cut).eventTime() == examples.get(cut - 1).eventTime()) {
            cut++;
        }
        TimeSplit split = new TimeSplit(examples.subList(0, cut), examples.subList(cut, examples.size()));
        requireBothClasses(split.train, "training");
        requireBothClasses(split.validation, "validation");
        return split;
    }

    private static void requireBothClasses(List<LabeledExample> side, String name) {
        long positives = side.stream().filter(LabeledExample::positive).count();
        if (positives == 0 || positives == side.size()) {
            throw new IllegalArgumentException("the " + name + " part (" + side.size() + " examples) has "
                    + (positives == 0 ? "no positive" : "only positive") + " examples; need more data");
        }
    }
}
