package dev.funnelflow.ranking;

import dev.funnelflow.event.EventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One user's served examples of one item waiting for labels, and the user's recent interactions with the item that
 * may label them. An example is final when its convert window has passed: clicked if the user viewed or clicked the
 * item within the click window after it was served, converted if they bought it within the convert window.
 *
 * <p>Interactions are kept as well as examples because the two reach the labeller by different paths: a user's
 * next views can arrive before the examples of the list they followed, above all in fast replays.
 *
 * <p>A Flink POJO (public no-argument constructor, getters and setters) so keyed state needs no Kryo.
 */
public class ItemOutcomes {

    /** The most interactions of each kind remembered; enough to label every example in the window. */
    static final int MAX_INTERACTIONS = 8;

    private ServedExample[] pending = new ServedExample[0];
    private boolean[] clicked = new boolean[0];
    private boolean[] converted = new boolean[0];
    private long[] views = new long[0];
    private long[] purchases = new long[0];

    public ItemOutcomes() {}

    /** Keeps {@code example} until its convert window has passed, labelled by the interactions already seen. */
    public void add(ServedExample example, LabelWindows windows) {
        int index = pending.length;
        pending = Arrays.copyOf(pending, index + 1);
        clicked = Arrays.copyOf(clicked, index + 1);
        converted = Arrays.copyOf(converted, index + 1);
        pending[index] = example;
        for (long view : views) {
            label(index, false, view, windows);
        }
        for (long purchase : purchases) {
            label(index, true, purchase, windows);
        }
    }

    /** Labels the pending examples with a view, click or purchase of the item and remembers it. */
    public void observe(EventType type, long time, LabelWindows windows) {
        boolean purchase = type == EventType.PURCHASE;
        for (int i = 0; i < pending.length; i++) {
            label(i, purchase, time, windows);
        }
        if (purchase) {
            purchases = remember(purchases, time);
        } else {
            views = remember(views, time);
        }
    }

    /**
     * Removes and returns the examples whose convert window ended at or before {@code time}, and forgets the
     * interactions no example still waiting could be labelled by.
     */
    public List<TrainingExample> takeFinal(long time, LabelWindows windows) {
        List<TrainingExample> done = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < pending.length; i++) {
            if (pending[i].eventTime() + windows.convertMillis() <= time) {
                done.add(new TrainingExample(pending[i], clicked[i], converted[i]));
            } else {
                pending[kept] = pending[i];
                clicked[kept] = clicked[i];
                converted[kept] = converted[i];
                kept++;
            }
        }
        pending = Arrays.copyOf(pending, kept);
        clicked = Arrays.copyOf(clicked, kept);
        converted = Arrays.copyOf(converted, kept);
        long horizon = time - windows.convertMillis();
        views = Arrays.stream(views).filter(t -> t > horizon).toArray();
        purchases = Arrays.stream(purchases).filter(t -> t > horizon).toArray();
        return done;
    }

    /** True when nothing is pending or remembered: the state can go. */
    public boolean isEmpty() {
        return pending.length == 0 && views.length == 0 && purchases.length == 0;
    }

    private void label(int example, boolean purchase, long time, LabelWindows windows) {
        long after = time - pending[example].eventTime();
        if (after <= 0) {
            return;
        }
        if (purchase && after <= windows.convertMillis()) {
            converted[example] = true;
        } else if (!purchase && after <= windows.clickMillis()) {
            clicked[example] = true;
        }
    }

    private static long[] remember(long[] times, long time) {
        int drop = Math.max(0, times.length + 1 - MAX_INTERACTIONS);
        long[] result = Arrays.copyOfRange(times, drop, times.length + 1);
        result[result.length - 1] = time;
        return result;
    }

    public ServedExample[] getPending() { return pending; }
    public void setPending(ServedExample[] pending) { this.pending = pending; }
    public boolean[] getClicked() { return clicked; }
    public void setClicked(boolean[] clicked) { this.clicked = clicked; }
    public boolean[] getConverted() { return converted; }
    public void setConverted(boolean[] converted) { this.converted = converted; }
    public long[] getViews() { return views; }
    public void setViews(long[] views) { this.views = views; }
    public long[] getPurchases() { return purchases; }
    public void setPurchases(long[] purchases) { this.purchases = purchases; }
}
