package dev.funnelflow.ranking.offline;

import dev.funnelflow.ranking.ExampleLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.ranking.FeatureSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingExamplesTest {

    private static final FeatureSchema SCHEMA = FeatureSchema.CURRENT;

    @TempDir
    Path dir;

    @Test
    void readsOneLabelSortedByEventTimeFromIsoAndEpochTimes() throws IOException {
        List<LabeledExample> written = SyntheticExamples.generate(6, 4);
        List<String> lines = new ArrayList<>(Files.readAllLines(SyntheticExamples.write(dir.resolve("a"), written)));
        Collections.reverse(lines);
        lines.add(2, "");
        Path file = Files.write(dir.resolve("x.jsonl"), lines);

        List<LabeledExample> clicks = TrainingExamples.read(file, ExampleLabel.CLICK, SCHEMA);
        List<LabeledExample> conversions = TrainingExamples.read(file, ExampleLabel.CONVERT, SCHEMA);

        assertThat(clicks).extracting(LabeledExample::eventTime)
                .containsExactlyElementsOf(written.stream().map(LabeledExample::eventTime).toList());
        assertThat(clicks.get(3).features()).containsExactly(written.get(3).features());
        assertThat(clicks).extracting(LabeledExample::positive)
                .containsExactlyElementsOf(written.stream().map(LabeledExample::positive).toList());
        assertThat(conversions.get(1).positive()).isFalse(); // only every third example may convert
    }

    @Test
    void organicExamplesTrainConversionOnly() throws IOException {
        Path file = SyntheticExamples.write(dir.resolve("x.jsonl"), SyntheticExamples.generate(4, 2));
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).replace("\"variant\":\"model\"", "\"variant\":\"organic\""));
        Files.write(file, lines);

        assertThat(TrainingExamples.read(file, ExampleLabel.CLICK, SCHEMA)).hasSize(3);
        assertThat(TrainingExamples.read(file, ExampleLabel.CONVERT, SCHEMA)).hasSize(4);
    }

    @Test
    void badRecordsFailWithTheirLine() throws IOException {
        Path file = SyntheticExamples.write(dir.resolve("x.jsonl"), SyntheticExamples.generate(3, 1));
        String good = Files.readAllLines(file).get(0);

        assertRejected(good.replace("\"features\":[", "\"features\":[1.0,"),
                "line 2: features must be an array of " + SCHEMA.size() + " numbers");
        assertRejected(good.replaceFirst("\"features\":\\[[-0-9.E]+", "\"features\":[\"x\""),
                "line 2: features[0] is not a number");
        assertRejected(good.replaceFirst("\"click\":[01]", "\"click\":2"), "line 2: labels.click must be 0 or 1");
        assertRejected(good.replaceFirst("\"event_time\":\"[^\"]+\"", "\"event_time\":\"yesterday\""),
                "line 2: event_time 'yesterday' is neither ISO-8601 nor epoch ms");
        assertRejected("{\"truncated", "line 2: ");
    }

    @Test
    void timeSplitKeepsTheLatestForValidationAndOneMomentOnOneSide() {
        List<LabeledExample> examples = new ArrayList<>();
        boolean[] outcomes = {true, false, true, false, true, false, true, false, true, false};
        long[] times = {1, 2, 3, 4, 5, 6, 7, 7, 8, 9};
        for (int i = 0; i < times.length; i++) {
            examples.add(new LabeledExample(times[i], new float[1], outcomes[i]));
        }

        TimeSplit split = TimeSplit.of(examples, 0.3);

        // The cut would fall between the two examples at time 7: both go to training.
        assertThat(split.train()).hasSize(8);
        assertThat(split.validation()).extracting(LabeledExample::eventTime).containsExactly(8L, 9L);
        assertThatThrownBy(() -> TimeSplit.of(examples, 0.1))
                .hasMessage("the validation part (1 examples) has no positive examples; need more data");
    }

    private void assertRejected(String line, String message) throws IOException {
        String first = Files.readAllLines(dir.resolve("x.jsonl")).get(0);
        Path file = Files.write(dir.resolve("bad.jsonl"), List.of(first, line));

        assertThatThrownBy(() -> TrainingExamples.read(file, ExampleLabel.CLICK, SCHEMA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad.jsonl " + message);
    }
}
