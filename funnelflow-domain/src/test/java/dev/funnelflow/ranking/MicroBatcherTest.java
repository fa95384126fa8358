package dev.funnelflow.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {

    private static final int F = 2;
    private static final long MS = 1_000_000;

    /** Runs it was asked for, as row counts; "scores" each row with its first feature so slices can be checked. */
    private final List<Integer> runs = new ArrayList<>();
    private final MicroBatcher.Scorer scorer = (rows, count) -> {
        runs.add(count);
        float[] scores = new float[count];
        for (int row = 0; row < count; row++) {
            scores[row] = rows[row * F];
        }
        return scores;
    };

    @Test
    void requestsShareOneRunUntilTheRowBoundAndGetTheirOwnRowsBackInOrder() {
        MicroBatcher<String> batcher = new MicroBatcher<>(F, 1, 5, 2 * MS, scorer);

        assertThat(batcher.add("a", rows(1, 2), 2, 0)).isEmpty();
        assertThat(batcher.add("b", rows(3), 1, MS / 2)).isEmpty();
        List<MicroBatcher.Scored<String>> scored = batcher.add("c", rows(4, 5), 2, MS);

        assertThat(runs).containsExactly(5);
        assertThat(scored).extracting(MicroBatcher.Scored::request).containsExactly("a", "b", "c");
        assertThat(scored.get(0).probabilities()).containsExactly(1, 2);
        assertThat(scored.get(1).probabilities()).containsExactly(3);
        assertThat(scored.get(2).probabilities()).containsExactly(4, 5);
        assertThat(batcher.deadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aRequestThatWouldOverflowTheBatchStartsTheNextOne() {
        MicroBatcher<String> batcher = new MicroBatcher<>(F, 1, 4, 2 * MS, scorer);
        batcher.add("a", rows(1, 2, 3), 3, 0);

        List<MicroBatcher.Scored<String>> scored = batcher.add("b", rows(4, 5), 2, MS);

        assertThat(scored).extracting(MicroBatcher.Scored::request).containsExactly("a");
        assertThat(batcher.deadline()).isEqualTo(3 * MS); // b's arrival + budget
        assertThat(batcher.flush().get(0).probabilities()).containsExactly(4, 5);
        assertThat(runs).containsExactly(3, 2);
    }

    @Test
    void theTimeBudgetBoundsTheWait() {
        MicroBatcher<String> batcher = new MicroBatcher<>(F, 1, 100, 2 * MS, scorer);
        batcher.add("a", rows(1), 1, 10 * MS);

        assertThat(batcher.deadline()).isEqualTo(12 * MS);
        assertThat(batcher.flushIfDue(11 * MS)).isEmpty();
        assertThat(batcher.flushIfDue(12 * MS)).extracting(MicroBatcher.Scored::request).containsExactly("a");
        assertThat(batcher.flushIfDue(20 * MS)).isEmpty();

        batcher.add("b", rows(2), 1, 30 * MS);
        // A request arriving after the budget ran out is scored at once, with those waiting.
        assertThat(batcher.add("c", rows(3), 1, 33 * MS)).extracting(MicroBatcher.Scored::request)
                .containsExactly("b", "c");
    }

    @Test
    void aRequestLargerThanTheBoundRunsAloneAfterThoseWaiting() {
        MicroBatcher<String> batcher = new MicroBatcher<>(F, 1, 2, 2 * MS, scorer);
        batcher.add("a", rows(1), 1, 0);

        List<MicroBatcher.Scored<String>> scored = batcher.add("big", rows(2, 3, 4), 3, 0);

        assertThat(scored).extracting(MicroBatcher.Scored::request).containsExactly("a", "big");
        assertThat(scored.get(1).probabilities()).containsExactly(2, 3, 4);
        assertThat(runs).containsExactly(1, 3);
    }

    @Test
    void noBudgetMeansNoWaiting() {
        MicroBatcher<String> batcher = new MicroBatcher<>(F, 1, 100, 0, scorer);

        assertThat(batcher.add("a", rows(1), 1, 0)).hasSize(1);
        assertThat(batcher.flush()).isEmpty();
    }

    /** Rows whose first feature is the given value. */
    private static float[] rows(float... firsts) {
        float[] rows = new float[firsts.length * F];
        for (int i = 0; i < firsts.length; i++) {
            rows[i * F] = firsts[i];
            rows[i * F + 1] = -1;
        }
        return rows;
    }
}
