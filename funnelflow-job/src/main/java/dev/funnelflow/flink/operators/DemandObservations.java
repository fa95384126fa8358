package dev.funnelflow.flink.operators;

import dev.funnelflow.demand.DemandObservation;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Purchases as observations of their category's (or item's) series, and views of its views series when those are
 * forecast too; other events carry no demand.
 */
public final class DemandObservations implements FlatMapFunction<ClickEvent, DemandObservation> {

    private final boolean byItem;
    private final boolean views;

    private DemandObservations(boolean byItem, boolean views) {
        this.byItem = byItem;
        this.views = views;
    }

    /** Observations of {@code category:<id>} (and {@code category:<id>:views}). */
    public static DemandObservations ofCategories(boolean views) {
        return new DemandObservations(false, views);
    }

    /** Observations of {@code item:<id>} (and {@code item:<id>:views}) for every item; the top items are picked later. */
    public static DemandObservations ofItems(boolean views) {
        return new DemandObservations(true, views);
    }

    @Override
    public void flatMap(ClickEvent event, Collector<DemandObservation> out) {
        String id = byItem ? event.itemId() : event.categoryId();
        if (id == null) {
            return;
        }
        String series = byItem ? DemandObservation.itemSeries(id) : DemandObservation.categorySeries(id);
        if (event.type() == EventType.PURCHASE) {
            out.collect(new DemandObservation(series, event.eventTime(), event.quantity()));
        } else if (views && event.type() == EventType.VIEW) {
            out.collect(new DemandObservation(DemandObservation.viewsSeries(series), event.eventTime(), 1));
        }
    }
}
