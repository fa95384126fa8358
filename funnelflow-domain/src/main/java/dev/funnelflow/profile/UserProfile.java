package dev.funnelflow.profile;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import java.util.Arrays;

/**
 * Everything the job remembers about one user: first and last seen, counts per event type, spend, recent and
 * purchased items, decayed category affinity, the current session, and the devices and IPs used. Sessions follow
 * the producer's {@code session_id}; without one, a new session starts after an inactivity gap, numbered per user
 * as {@code ~derived-N} (the same rule the evaluation protocol uses).
 *
 * <p>Kept in keyed state through a hand-written serializer; still a Flink POJO, whose serializer reads the state of
 * earlier versions. The domain method is {@link #observe}.
 */
public class UserProfile {

    /**
     * Devices and IPs kept per user, as many as the device and IP keys keep users: a user seen on more leaves the
     * oldest ones' entries to expire with those keys' state.
     */
    public static final int DEVICES_AND_IPS_KEPT = 32;

    private static final String[] NONE = new String[0];

    private long firstSeen;
    private long lastSeen;
    private int[] eventCounts = new int[EventType.values().length];
    private double spend;
    private String[] recentItems = NONE;
    private String[] purchasedItems = NONE;
    private String[] affinityCategories = NONE;
    private double[] affinityScores = new double[0];
    private long affinityTime;
    private String sessionId;
    private long sessionStart;
    private int sessionEvents;
    private String[] sessionItems = NONE;
    private String[] sessionCategories = NONE;
    private float[] sessionPrices = new float[0];
    private long labellingUntil;
    private int derivedSessions;
    private long derivedLastSeen;
    private String[] devices = NONE;
    private String[] ips = NONE;

    public UserProfile() {}

    /** Folds one accepted event into the profile and says which session it belongs to. */
    public SessionStep observe(ClickEvent event, ProfileSettings settings) {
        long time = event.eventTime();
        if (firstSeen == 0 || time < firstSeen) {
            firstSeen = time;
        }
        lastSeen = Math.max(lastSeen, time);
        eventCounts[event.type().ordinal()]++;
        spend += event.purchaseValue();

        String assigned = assignSession(event, settings.sessionGapMillis());
        if (!assigned.equals(sessionId)) {
            sessionId = assigned;
            sessionStart = time;
            sessionEvents = 0;
            setSession(ItemRefs.NONE);
        }
        sessionEvents++;
        ItemRefs previous = session().without(event.itemId());
        String item = event.itemId();
        if (item != null) {
            setSession(session().pushFront(ItemRefs.of(item, event.categoryId(), event.price()), settings.sessionItems()));
            recentItems = pushFront(recentItems, item, settings.recentItems());
            if (event.type() == EventType.PURCHASE && settings.purchasedItems() > 0) {
                purchasedItems = pushFront(purchasedItems, item, settings.purchasedItems());
            }
        }
        if (event.categoryId() != null && settings.affinityCategories() > 0) {
            addAffinity(event.categoryId(), affinityWeight(event.type()), time, settings);
        }
        // Kept so that forgetting the user reaches the device- and IP-keyed fraud state, which holds user ids.
        if (event.context() != null) {
            devices = pushFrontIfNew(devices, event.context().deviceId());
            ips = pushFrontIfNew(ips, event.context().ip());
        }
        return new SessionStep(sessionId, previous, purchasedItems);
    }

    /** The current session's items, most recent first, with the category and price they were last seen with. */
    private ItemRefs session() {
        return new ItemRefs(sessionItems, sessionCategories, sessionPrices);
    }

    private void setSession(ItemRefs items) {
        sessionItems = items.ids();
        sessionCategories = items.categories();
        sessionPrices = items.prices();
    }

    private String assignSession(ClickEvent event, long gapMillis) {
        if (event.sessionId() != null) {
            return event.sessionId();
        }
        long time = event.eventTime();
        if (derivedSessions == 0 || time - derivedLastSeen > gapMillis) {
            derivedSessions++;
        }
        derivedLastSeen = time;
        return "~derived-" + derivedSessions;
    }

    /** Stronger intent counts more towards a category. */
    private static double affinityWeight(EventType type) {
        return switch (type) {
            case PURCHASE -> 5;
            case ADD_TO_CART -> 3;
            case CLICK -> 1.5;
            default -> 1;
        };
    }

    private void addAffinity(String category, double weight, long time, ProfileSettings settings) {
        if (time > affinityTime) {
            double factor = Math.pow(0.5, (double) (time - affinityTime) / settings.affinityHalfLifeMillis());
            for (int i = 0; i < affinityScores.length; i++) {
                affinityScores[i] *= factor;
            }
            affinityTime = time;
        }
        int index = Arrays.asList(affinityCategories).indexOf(category);
        if (index < 0 && affinityCategories.length < settings.affinityCategories()) {
            affinityCategories = Arrays.copyOf(affinityCategories, affinityCategories.length + 1);
            affinityScores = Arrays.copyOf(affinityScores, affinityScores.length + 1);
            index = affinityCategories.length - 1;
            affinityCategories[index] = category;
        } else if (index < 0) {
            index = indexOfMin(affinityScores);
            affinityCategories[index] = category;
            affinityScores[index] = 0;
        }
        affinityScores[index] += weight;
    }

    /**
     * Keeps this user's events flowing to the training-example labeller until {@code time}: a list of theirs was
     * logged and its outcomes are still open.
     */
    public void labelUntil(long time) {
        labellingUntil = Math.max(labellingUntil, time);
    }

    /** Decayed affinity of this user to {@code category} at the last event time; 0 if unknown. */
    public double affinity(String category) {
        int index = Arrays.asList(affinityCategories).indexOf(category);
        return index < 0 ? 0 : affinityScores[index];
    }

    public int count(EventType type) {
        return eventCounts[type.ordinal()];
    }

    private static int indexOfMin(double[] values) {
        int min = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[min]) {
                min = i;
            }
        }
        return min;
    }

    /** {@code items} with {@code item} moved or added to the front, cut to {@code capacity}. */
    static String[] pushFront(String[] items, String item, int capacity) {
        String[] rest = without(items, item);
        String[] result = new String[Math.min(capacity, rest.length + 1)];
        result[0] = item;
        System.arraycopy(rest, 0, result, 1, result.length - 1);
        return result;
    }

    /** As {@link #pushFront}, without copying when {@code id} is already the most recent (the usual case). */
    private static String[] pushFrontIfNew(String[] ids, String id) {
        return id == null || ids.length > 0 && ids[0].equals(id) ? ids : pushFront(ids, id, DEVICES_AND_IPS_KEPT);
    }

    private static String[] without(String[] items, String item) {
        if (item == null) {
            return items;
        }
        for (int i = 0; i < items.length; i++) {
            if (items[i].equals(item)) {
                String[] result = new String[items.length - 1];
                System.arraycopy(items, 0, result, 0, i);
                System.arraycopy(items, i + 1, result, i, items.length - i - 1);
                return result;
            }
        }
        return items;
    }

    // Getters and setters for the state serializers (Flink's POJO serializer reads earlier versions' state).

    public long getFirstSeen() { return firstSeen; }
    public void setFirstSeen(long firstSeen) { this.firstSeen = firstSeen; }
    public long getLastSeen() { return lastSeen; }
    public void setLastSeen(long lastSeen) { this.lastSeen = lastSeen; }
    public int[] getEventCounts() { return eventCounts; }
    public void setEventCounts(int[] eventCounts) { this.eventCounts = eventCounts; }
    public double getSpend() { return spend; }
    public void setSpend(double spend) { this.spend = spend; }
    public String[] getRecentItems() { return recentItems; }
    public void setRecentItems(String[] recentItems) { this.recentItems = recentItems; }
    public String[] getPurchasedItems() { return purchasedItems; }
    public void setPurchasedItems(String[] purchasedItems) { this.purchasedItems = purchasedItems; }
    public String[] getAffinityCategories() { return affinityCategories; }
    public void setAffinityCategories(String[] affinityCategories) { this.affinityCategories = affinityCategories; }
    public double[] getAffinityScores() { return affinityScores; }
    public void setAffinityScores(double[] affinityScores) { this.affinityScores = affinityScores; }
    public long getAffinityTime() { return affinityTime; }
    public void setAffinityTime(long affinityTime) { this.affinityTime = affinityTime; }
    public String getSessionId() { return sessionId; }
    public void setSessionId(String sessionId) { this.sessionId = sessionId; }
    public long getSessionStart() { return sessionStart; }
    public void setSessionStart(long sessionStart) { this.sessionStart = sessionStart; }
    public int getSessionEvents() { return sessionEvents; }
    public void setSessionEvents(int sessionEvents) { this.sessionEvents = sessionEvents; }
    public String[] getSessionItems() { return sessionItems; }
    public void setSessionItems(String[] sessionItems) { this.sessionItems = sessionItems; }
    public String[] getSessionCategories() { return sessionCategories; }
    public void setSessionCategories(String[] sessionCategories) { this.sessionCategories = sessionCategories; }
    public float[] getSessionPrices() { return sessionPrices; }
    public void setSessionPrices(float[] sessionPrices) { this.sessionPrices = sessionPrices; }
    public long getLabellingUntil() { return labellingUntil; }
    public void setLabellingUntil(long labellingUntil) { this.labellingUntil = labellingUntil; }
    public int getDerivedSessions() { return derivedSessions; }
    public void setDerivedSessions(int derivedSessions) { this.derivedSessions = derivedSessions; }
    public long getDerivedLastSeen() { return derivedLastSeen; }
    public void setDerivedLastSeen(long derivedLastSeen) { this.derivedLastSeen = derivedLastSeen; }
    /** Devices the user was seen on, most recent first. */
    public String[] getDevices() { return devices; }
    public void setDevices(String[] devices) { this.devices = devices; }
    /** IPs the user was seen on, most recent first. */
    public String[] getIps() { return ips; }
    public void setIps(String[] ips) { this.ips = ips; }
}
