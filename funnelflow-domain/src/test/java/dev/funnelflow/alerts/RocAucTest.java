package dev.funnelflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RocAucTest {

    @Test
    void matchesTheTextbookExample() {
        // scikit-learn's roc_auc_score documentation example: 0.75
        assertThat(RocAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
                .isCloseTo(0.75, within(1e-12));
    }

    @Test
    void tiesCountHalf() {
        // never-alerted users all score 0: one positive caught (0.9), one not (0), three negatives at 0
        double auc = RocAuc.of(new double[] {0.9, 0, 0, 0, 0}, new boolean[] {true, true, false, false, false});
        // pairs: caught positive beats 3 negatives (3), the other ties 3 (1.5) -> 4.5 / 6
        assertThat(auc).isCloseTo(0.75, within(1e-12));
        assertThat(RocAuc.of(new double[] {1, 1}, new boolean[] {true, false})).isEqualTo(0.5);
        assertThat(RocAuc.of(new double[] {1, 2}, new boolean[] {true, true})).isNaN();
    }
}
