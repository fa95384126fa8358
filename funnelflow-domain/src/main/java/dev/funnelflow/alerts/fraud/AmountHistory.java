package dev.funnelflow.alerts.fraud;

/**
 * Running mean and variance of a user's purchase amounts (Welford's online algorithm, Welford 1962), to say
 * how unusual a new amount is <em>for this user</em>: a 900 order is normal for some and alarming for others.
 * A Flink POJO.
 */
public class AmountHistory {

    private long count;
    private double mean;
    private double sumSquares;

    public AmountHistory() {}

    public void add(double amount) {
        count++;
        double delta = amount - mean;
        mean += delta / count;
        sumSquares += delta * (amount - mean);
    }

    /**
     * Standard score of {@code amount} against the amounts so far, or NaN with fewer than {@code minCount}
     * of them. The deviation is floored at 5% of the mean (and 0.01) because a user who always paid the same
     * amount has a deviation of zero, which would make any other amount infinitely unusual.
     */
    public double zScore(double amount, int minCount) {
        if (count < minCount) {
            return Double.NaN;
        }
        double deviation = Math.sqrt(sumSquares / Math.max(1, count - 1));
        double floor = Math.max(0.05 * Math.abs(mean), 0.01);
        return (amount - mean) / Math.max(deviation, floor);
    }

    /** {@code amount} divided by the mean so far, or NaN with fewer than {@code minCount} amounts. */
    public double ratioToMean(double amount, int minCount) {
        if (count < minCount || mean <= 0) {
            return Double.NaN;
        }
        return amount / mean;
    }

    // Getters and setters for the state serializers (Flink's POJO serializer reads earlier versions' state).

    public long getCount() { return count; }
    public void setCount(long count) { this.count = count; }
    public double getMean() { return mean; }
    public void setMean(double mean) { this.mean = mean; }
    public double getSumSquares() { return sumSquares; }
    public void setSumSquares(double sumSquares) { this.sumSquares = sumSquares; }
}
