package dev.funnelflow.demand;

import java.io.Serializable;
import java.time.Duration;

/**
 * The demand forecasts' settings.
 *
 * @param season resolved season length in buckets (1 = none)
 * @param allowedLateness how long after a bucket closes late purchases still revise it: the ingest's
 *     {@code funnelflow.ingest.allowed-lateness}, so anything the ingest lets through is counted
 * @param topItems items with their own series, 0 for none
 * @param views whether views are forecast beside purchases
 * @param reselectionThreads threads per subtask running re-selections off the task thread
 * @param reselectionCapacity re-selections queued or running per subtask at most
 */
public record DemandSettings(
        Duration window,
        int history,
        int horizon,
        int season,
        int refitEvery,
        double driftThreshold,
        Duration allowedLateness,
        int topItems,
        Duration topItemsHalfLife,
        boolean views,
        int reselectionThreads,
        int reselectionCapacity) implements Serializable {

    public DemandSettings {
        if (window.toMillis() < 1000 || window.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("the demand window must be whole seconds, got " + window);
        }
        if (history < 2 || horizon < 1 || season < 1 || refitEvery < 1 || driftThreshold <= 0
                || allowedLateness.isNegative() || topItems < 0 || topItemsHalfLife.toMillis() < 1
                || reselectionThreads < 1 || reselectionCapacity < 1) {
            throw new IllegalArgumentException("invalid demand settings: " + DemandSettings.class.getSimpleName()
                    + "[history=" + history + ", horizon=" + horizon + ", season=" + season + ", refitEvery="
                    + refitEvery + ", driftThreshold=" + driftThreshold + ", topItems=" + topItems
                    + ", topItemsHalfLife=" + topItemsHalfLife + ", reselectionThreads=" + reselectionThreads
                    + ", reselectionCapacity=" + reselectionCapacity + "]");
        }
    }

    /** Demand follows the day for hourly buckets and the week for daily ones. */
    public static int naturalSeason(Duration window) {
        if (window.equals(Duration.ofHours(1))) {
            return 24;
        }
        return window.equals(Duration.ofDays(1)) ? 7 : 1;
    }

    public long windowMillis() {
        return window.toMillis();
    }

    public SeriesForecaster forecaster() {
        return new SeriesForecaster(season, history, horizon, refitEvery, driftThreshold);
    }

    public TopItemsTracker topItemsTracker() {
        return new TopItemsTracker(topItems, topItemsHalfLife.toMillis());
    }
}
