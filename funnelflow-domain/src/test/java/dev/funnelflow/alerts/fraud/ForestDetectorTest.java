package dev.funnelflow.alerts.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.alerts.Reason;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class ForestDetectorTest {

    private static final AnomalyVector VECTOR = AnomalyVector.defaults();

    /** Ordinary shoppers: an event or two a minute, the odd purchase, human cadence, one device. */
    private static double[] ordinary(SplittableRandom random) {
        return new double[] {
            1 + random.nextInt(3), random.nextInt(2), 0, random.nextInt(2), 1, 1 + random.nextInt(2),
            1 + random.nextInt(2), random.nextDouble(-1.5, 1.5), 20 + random.nextDouble(80),
            0.8 + random.nextDouble(0.6), Double.NaN, Double.NaN};
    }

    private static double[] cardTester() {
        return new double[] {8, 6, 6, 5, 1, 1, 1, -0.5, 30, 1.0, Double.NaN, Double.NaN};
    }

    private static ForestDetector trained(long seed, int points) {
        ForestDetector detector = new ForestDetector(VECTOR, 50, 256, seed, 0.1);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < points; i++) {
            detector.update(ordinary(random));
        }
        return detector;
    }

    @Test
    void anOutlierScoresHighWithItsDimensionsAsReasons() {
        ForestDetector detector = trained(7, 1_000);
        AnomalyScore usual = detector.score(ordinary(new SplittableRandom(99)));
        AnomalyScore tester = detector.score(cardTester());

        assertThat(usual.normalized()).isLessThan(0.2);
        assertThat(tester.raw()).isGreaterThan(2.5);
        assertThat(tester.normalized()).isGreaterThan(0.6);
        List<Reason> reasons = detector.reasons(cardTester(), tester);
        assertThat(reasons).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(reasons).extracting(Reason::code)
                .allMatch(code -> List.of("anomaly_small_purchases_1h", "anomaly_purchases_1h",
                        "anomaly_distinct_cards_24h", "anomaly_events_1m").contains(code));
        assertThat(reasons.get(0).detail()).contains("is higher than usual");
    }

    @Test
    void aRestoredForestScoresIdenticallyAndLearnsOnIdentically() {
        ForestDetector original = trained(11, 1_000);
        byte[] bytes = original.toBytes();
        ForestDetector restored = ForestDetector.fromBytes(bytes, VECTOR, 0.1);

        SplittableRandom probes = new SplittableRandom(5);
        for (int i = 0; i < 50; i++) {
            double[] probe = i % 10 == 0 ? cardTester() : ordinary(probes);
            assertThat(restored.score(probe)).isEqualTo(original.score(probe));
        }
        SplittableRandom more = new SplittableRandom(6);
        for (int i = 0; i < 300; i++) {
            double[] point = ordinary(more);
            original.update(point);
            restored.update(point);
        }
        assertThat(restored.score(cardTester())).isEqualTo(original.score(cardTester()));
    }

    @Test
    void aForestCheckpointedDeflatedInFormatOneStillRestores() throws Exception {
        ForestDetector original = trained(11, 1_000);
        byte[] layout = original.toBytes();
        layout[3] = 1; // the same layout under format 1, which was deflated
        ByteArrayOutputStream formatOne = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(formatOne)) {
            out.write(layout);
        }

        ForestDetector restored = ForestDetector.fromBytes(formatOne.toByteArray(), VECTOR, 0.1);

        assertThat(restored.score(cardTester())).isEqualTo(original.score(cardTester()));
        assertThat(original.toBytes()[0]).as("format 2 is written plain").isZero();
    }

    @Test
    void aForestIsNotRestoredUnderAnotherVectorLayout() {
        byte[] bytes = trained(3, 10).toBytes();
        AnomalyVector shorter = new AnomalyVector(VECTOR.slots().subList(0, 5));
        assertThatThrownBy(() -> ForestDetector.fromBytes(bytes, shorter, 0.1))
                .hasMessageStartingWith("anomaly forest was trained on vector events_1m:LOG_COUNT;");
    }

    @Test
    void aColdForestScoresZero() {
        assertThat(trained(1, 5).score(cardTester()).normalized()).isZero();
    }
}
