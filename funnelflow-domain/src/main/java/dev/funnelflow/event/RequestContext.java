package dev.funnelflow.event;

/**
 * Where and when a recommendation is asked for: the trigger event's time, device, channel and category.
 *
 * @param eventTime the trigger's event time, epoch ms
 * @param channel the producer's {@code context.channel}, null when absent
 * @param categoryId the trigger item's category, null when absent
 * @param readAt when the source read the trigger ({@link RecordOrigin#readAt()}), for the latency metric; 0 unknown
 */
public record RequestContext(long eventTime, DeviceType device, String channel, String categoryId, long readAt) {

    /** A context whose trigger's read time is unknown. */
    public RequestContext(long eventTime, DeviceType device, String channel, String categoryId) {
        this(eventTime, device, channel, categoryId, 0);
    }

    public static RequestContext of(ClickEvent trigger) {
        EventContext context = trigger.context();
        long readAt = trigger.origin() == null ? 0 : trigger.origin().readAt();
        return context == null
                ? new RequestContext(trigger.eventTime(), DeviceType.UNKNOWN, null, trigger.categoryId(), readAt)
                : new RequestContext(trigger.eventTime(), DeviceType.ofUserAgent(context.userAgent()),
                        context.channel(), trigger.categoryId(), readAt);
    }
}
