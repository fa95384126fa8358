package dev.funnelflow.ranking;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventContext;

/**
 * Where and when a list is asked for: the trigger event's time, device and channel.
 *
 * @param eventTime the trigger's event time, epoch ms
 * @param channel the producer's {@code context.channel}, null when absent
 */
public record RequestContext(long eventTime, DeviceType device, String channel) {

    public static RequestContext of(ClickEvent trigger) {
        EventContext context = trigger.context();
        return context == null
                ? new RequestContext(trigger.eventTime(), DeviceType.UNKNOWN, null)
                : new RequestContext(trigger.eventTime(), DeviceType.ofUserAgent(context.userAgent()), context.channel());
    }
}
