package dev.funnelflow.flink;

import dev.funnelflow.demand.DemandObservation;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Purchases as demand observations of their category's series; other events carry no demand. */
public final class PurchasedQuantities implements FlatMapFunction<ClickEvent, DemandObservation> {

    @Override
    public void flatMap(ClickEvent event, Collector<DemandObservation> out) {
        if (event.type() == EventType.PURCHASE && event.categoryId() != null) {
            out.collect(new DemandObservation(DemandObservation.categorySeries(event.categoryId()),
                    event.eventTime(), event.quantity()));
        }
    }
}
