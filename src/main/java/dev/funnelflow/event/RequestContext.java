package dev.funnelflow.event;

/**
 * Where and when a recommendation is asked for: the trigger event's time, device, channel and category.
 *
 * @param eventTime the trigger's event time, epoch ms
 * @param channel the producer's {@code context.channel}, null when absent
 * @param categoryId the trigger item's category, null when absent
 */
public record RequestContext(long eventTime, DeviceType device, String channel, String categoryId) {

    public static RequestContext of(ClickEvent trigger) {
        EventContext context = trigger.context();
        return context == null
                ? new RequestContext(trigger.eventTime(), DeviceType.UNKNOWN, null, trigger.categoryId())
                : new RequestContext(trigger.eventTime(), DeviceType.ofUserAgent(context.userAgent()),
                        context.channel(), trigger.categoryId());
    }
}
