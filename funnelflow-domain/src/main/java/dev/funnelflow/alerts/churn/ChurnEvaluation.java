package dev.funnelflow.alerts.churn;

import dev.funnelflow.alerts.RocAuc;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Calibration/holdout evaluation of BG/NBD as the literature does it (Fader, Hardie and Lee 2005, section 4):
 * fit on purchases before the calibration end, then ask how well each customer's score ranks those who buy
 * again in the holdout period. Scores compared by ROC AUC: P(alive); the expected number of holdout purchases
 * (which also uses frequency); and recency alone (days since the last purchase, fewer is better) as the
 * baseline a model must beat.
 *
 * <p>P(alive) is 1 for every customer without a repeat purchase (in BG/NBD drop-out follows a repeat
 * purchase), yet one-time buyers are the least likely to return: over all customers P(alive) ranks poorly by
 * construction. Its AUC among repeat customers, where it is informative, is reported beside it.
 *
 * @param holdoutBuyers customers who bought in the holdout period
 * @param repeatCustomers customers with at least one repeat purchase in the calibration period
 */
public record ChurnEvaluation(
        long calibrationEnd,
        long holdoutEnd,
        int customers,
        int holdoutBuyers,
        BgNbdFit fit,
        double aucProbabilityAlive,
        double aucExpectedPurchases,
        double aucRecency,
        int repeatCustomers,
        double aucProbabilityAliveRepeaters,
        double aucRecencyRepeaters) {

    public static ChurnEvaluation run(PurchaseLog log, long calibrationEnd, long holdoutEnd) {
        if (holdoutEnd <= calibrationEnd) {
            throw new IllegalArgumentException("the holdout must end after the calibration end");
        }
        Map<String, CustomerHistory> histories = log.historiesBefore(calibrationEnd);
        if (histories.isEmpty()) {
            throw new IllegalArgumentException("no customer bought before the calibration end");
        }
        BgNbdFit fit = new BgNbdFitter().fit(histories.values());
        double holdoutWeeks = (PurchaseLog.day(holdoutEnd) - PurchaseLog.day(calibrationEnd)) * PurchaseLog.WEEKS_PER_DAY;
        int n = histories.size();
        double[] alive = new double[n];
        double[] expected = new double[n];
        double[] recency = new double[n];
        boolean[] boughtAgain = new boolean[n];
        int i = 0;
        int buyers = 0;
        for (Map.Entry<String, CustomerHistory> entry : histories.entrySet()) {
            CustomerHistory c = entry.getValue();
            alive[i] = BgNbd.probabilityAlive(fit.parameters(), c);
            expected[i] = BgNbd.expectedPurchases(fit.parameters(), c, holdoutWeeks);
            recency[i] = -(c.t() - c.tx());
            boughtAgain[i] = log.boughtBetween(entry.getKey(), calibrationEnd, holdoutEnd);
            buyers += boughtAgain[i] ? 1 : 0;
            i++;
        }
        boolean[] repeater = new boolean[n];
        int repeaters = 0;
        i = 0;
        for (CustomerHistory c : histories.values()) {
            repeater[i] = c.x() > 0;
            repeaters += repeater[i++] ? 1 : 0;
        }
        return new ChurnEvaluation(calibrationEnd, holdoutEnd, n, buyers, fit, RocAuc.of(alive, boughtAgain),
                RocAuc.of(expected, boughtAgain), RocAuc.of(recency, boughtAgain), repeaters,
                RocAuc.of(select(alive, repeater), select(boughtAgain, repeater)),
                RocAuc.of(select(recency, repeater), select(boughtAgain, repeater)));
    }

    private static double[] select(double[] values, boolean[] keep) {
        return IntStream.range(0, values.length).filter(i -> keep[i]).mapToDouble(i -> values[i]).toArray();
    }

    private static boolean[] select(boolean[] values, boolean[] keep) {
        int[] kept = IntStream.range(0, values.length).filter(i -> keep[i]).toArray();
        boolean[] selected = new boolean[kept.length];
        for (int i = 0; i < kept.length; i++) {
            selected[i] = values[kept[i]];
        }
        return selected;
    }
}
