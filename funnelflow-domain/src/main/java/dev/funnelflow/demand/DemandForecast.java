package dev.funnelflow.demand;

/**
 * The forecast of one series after a bucket closed (or a closed bucket was revised by late data): the payload of the
 * {@code demand-forecasts} topic (DESIGN.md §3).
 *
 * @param windowMillis bucket length
 * @param windowEnd end (exclusive, epoch ms) of the newest bucket in the history; forecast step h ends at
 *     {@code windowEnd + h·windowMillis}
 * @param emittedAt wall-clock time of emission, epoch ms
 */
public record DemandForecast(String series, long windowMillis, long windowEnd, ArimaModel model, Forecast forecast,
        long emittedAt) {

    /** End of forecast step {@code step} (1 = the next bucket). */
    public long stepEnd(int step) {
        return windowEnd + step * windowMillis;
    }
}
