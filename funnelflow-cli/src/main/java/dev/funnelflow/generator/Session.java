package dev.funnelflow.generator;

import dev.funnelflow.event.EventType;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One user's visit as a small state machine: an optional signup, login or search, then a walk over related
 * items (views, some of them clicks on recommendations) with add-to-carts along the way, then a checkout
 * that buys, removes or abandons each cart line. {@link #next} fills the reused {@link Step} with the next
 * step; {@link #hasNext} says whether the visit goes on.
 *
 * <p>Calibration, per session: browse events (view + click) = 1 with probability {@value #SINGLE_VIEW_EXTRA},
 * else 1 + geometric with continuation {@value #CONTINUE_BROWSING}, which gives Diginetica's mean of 4.15
 * views and 31% one-view sessions with a geometric tail. Per browse event, {@value #CART_PER_BROWSE} add to
 * cart; {@value #BUY_PER_CART_LINE} of cart lines are bought and {@value #REMOVE_PER_CART_LINE} removed (the
 * rest abandoned): Taobao's cart/view 0.062 and buy/cart 0.41.
 */
final class Session {

    static final double SINGLE_VIEW_EXTRA = 0.12;
    static final double CONTINUE_BROWSING = 0.7816;
    static final int MAX_BROWSE_EVENTS = 200;
    static final double CART_PER_BROWSE = 0.062;
    static final double BUY_PER_CART_LINE = 0.42;
    static final double REMOVE_PER_CART_LINE = 0.12;
    static final double SEARCH_AT_START = 0.05;
    static final double SEARCH_PER_BROWSE = 0.003;
    static final double LOGIN_AT_START = 0.05;
    /** Next-item moves: back to an item seen in this session (Diginetica repeats 18% of views). */
    static final double MOVE_REVISIT = 0.14;
    /** ...to a related item of the last one: the learnable co-visitation signal. */
    static final double MOVE_NEIGHBOUR = 0.62;
    /** ...to a popular item of the current category; the rest jump to a popular item anywhere. */
    static final double MOVE_CATEGORY = 0.16;
    /** Share of moves to a related item that came from clicking a recommendation. */
    static final double CLICK_PER_NEIGHBOUR_MOVE = 0.12;

    private final Catalog catalog;
    private final int user;
    private final long number;
    private final long sessionIdOrNone;
    private final int browseTarget;

    private boolean signupPending;
    private boolean loginPending;
    private boolean searchPending;
    private int nextItem;
    private int lastItem = Step.NONE;
    private int browsed;
    private int pendingCartItem = Step.NONE;
    private int pendingCartQuantity;

    private int[] viewed = new int[8];
    private int viewedCount;
    private int[] cartItems = new int[4];
    private int[] cartQuantities = new int[4];
    private int cartCount;

    /** After browsing: cart lines to remove, then lines to buy (indexes into the cart arrays). */
    private int[] checkout;
    private int removeCount;
    private int checkoutPosition;

    Session(Catalog catalog, int user, long number, boolean sendsSessionId, boolean signsUp,
            SplittableRandom random) {
        this.catalog = catalog;
        this.user = user;
        this.number = number;
        this.sessionIdOrNone = sendsSessionId ? number : Step.NONE;
        this.browseTarget = browseLength(random);
        this.signupPending = signsUp;
        this.loginPending = !signsUp && random.nextDouble() < LOGIN_AT_START;
        this.searchPending = random.nextDouble() < SEARCH_AT_START;
        this.nextItem = catalog.popularItem(random.nextDouble());
    }

    int user() {
        return user;
    }

    boolean hasNext() {
        return signupPending || loginPending || searchPending || pendingCartItem != Step.NONE
                || browsed < browseTarget || checkout == null || checkoutPosition < checkout.length;
    }

    /** Fills {@code step} with what the visit does next. */
    void next(Step step, SplittableRandom random) {
        if (signupPending) {
            signupPending = false;
            step.clear(EventType.SIGNUP, user, sessionIdOrNone);
        } else if (loginPending) {
            loginPending = false;
            step.clear(EventType.LOGIN, user, sessionIdOrNone);
        } else if (searchPending) {
            searchPending = false;
            step.clear(EventType.SEARCH, user, sessionIdOrNone);
            step.query = SearchQueries.queryFor(catalog.categoryOf(nextItem), random);
        } else if (pendingCartItem != Step.NONE) {
            itemEvent(step, EventType.ADD_TO_CART, pendingCartItem, pendingCartQuantity);
            addToCart(pendingCartItem, pendingCartQuantity);
            pendingCartItem = Step.NONE;
        } else if (browsed < browseTarget) {
            browse(step, random);
        } else {
            checkout(step);
        }
        if (checkout == null && browsed == browseTarget && pendingCartItem == Step.NONE && !searchPending) {
            planCheckout(random);
        }
    }

    private void browse(Step step, SplittableRandom random) {
        boolean fromRecommendation = false;
        int item;
        if (nextItem != Step.NONE) {
            item = nextItem;
            nextItem = Step.NONE;
        } else {
            double move = random.nextDouble();
            if (move < MOVE_REVISIT && viewedCount >= 2) {
                item = viewed[random.nextInt(viewedCount - 1)]; // not the item just viewed
            } else if (move < MOVE_REVISIT + MOVE_NEIGHBOUR) {
                item = catalog.neighbour(lastItem, Zipf.rank(random.nextDouble(), Catalog.NEIGHBOURS, 1.0));
                fromRecommendation = random.nextDouble() < CLICK_PER_NEIGHBOUR_MOVE;
            } else if (move < MOVE_REVISIT + MOVE_NEIGHBOUR + MOVE_CATEGORY) {
                item = catalog.popularItemIn(catalog.categoryOf(lastItem), random.nextDouble());
            } else {
                item = catalog.popularItem(random.nextDouble());
            }
        }
        itemEvent(step, fromRecommendation ? EventType.CLICK : EventType.VIEW, item, 0);
        if (fromRecommendation) {
            step.recommendation = random.nextLong() >>> 1;
        }
        browsed++;
        lastItem = item;
        remember(item);
        if (random.nextDouble() < CART_PER_BROWSE) {
            pendingCartItem = item;
            pendingCartQuantity = quantity(random);
        }
        if (browsed < browseTarget && random.nextDouble() < SEARCH_PER_BROWSE) {
            searchPending = true;
            nextItem = catalog.popularItem(random.nextDouble());
        }
    }

    /** Removes first, then purchases; all purchases of a session form one order, numbered like the session. */
    private void checkout(Step step) {
        int line = checkout[checkoutPosition];
        if (checkoutPosition < removeCount) {
            itemEvent(step, EventType.REMOVE_FROM_CART, cartItems[line], cartQuantities[line]);
        } else {
            itemEvent(step, EventType.PURCHASE, cartItems[line], cartQuantities[line]);
            step.order = number;
        }
        checkoutPosition++;
    }

    private void planCheckout(SplittableRandom random) {
        int[] removes = new int[cartCount];
        int[] buys = new int[cartCount];
        int buyCount = 0;
        removeCount = 0;
        for (int line = 0; line < cartCount; line++) {
            double outcome = random.nextDouble();
            if (outcome < BUY_PER_CART_LINE) {
                buys[buyCount++] = line;
            } else if (outcome < BUY_PER_CART_LINE + REMOVE_PER_CART_LINE) {
                removes[removeCount++] = line;
            }
        }
        checkout = Arrays.copyOf(removes, removeCount + buyCount);
        System.arraycopy(buys, 0, checkout, removeCount, buyCount);
    }

    private void itemEvent(Step step, EventType type, int item, int quantity) {
        step.clear(type, user, sessionIdOrNone);
        step.item = item;
        step.category = catalog.categoryOf(item);
        step.priceCents = catalog.priceCents(item);
        step.quantity = quantity;
    }

    private void remember(int item) {
        if (viewedCount == viewed.length) {
            viewed = Arrays.copyOf(viewed, viewedCount * 2);
        }
        viewed[viewedCount++] = item;
    }

    private void addToCart(int item, int quantity) {
        if (cartCount == cartItems.length) {
            cartItems = Arrays.copyOf(cartItems, cartCount * 2);
            cartQuantities = Arrays.copyOf(cartQuantities, cartCount * 2);
        }
        cartItems[cartCount] = item;
        cartQuantities[cartCount++] = quantity;
    }

    private static int browseLength(SplittableRandom random) {
        if (random.nextDouble() < SINGLE_VIEW_EXTRA) {
            return 1;
        }
        double u = 1.0 - random.nextDouble(); // (0, 1]
        long extra = (long) (Math.log(u) / Math.log(CONTINUE_BROWSING));
        return (int) Math.min(MAX_BROWSE_EVENTS, 1 + extra);
    }

    /** 1 unit 85%, 2 units 10%, 3 to 5 units 5%. */
    private static int quantity(SplittableRandom random) {
        double u = random.nextDouble();
        return u < 0.85 ? 1 : u < 0.95 ? 2 : 3 + random.nextInt(3);
    }
}
