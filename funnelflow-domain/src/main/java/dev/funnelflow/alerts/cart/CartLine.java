package dev.funnelflow.alerts.cart;

/**
 * One item in a user's open cart.
 *
 * @param quantity units still in the cart (added, minus removed, minus bought), at least 1
 * @param price the latest unit price seen on the item's cart events, or null if none carried one
 * @param eventIds the add_to_cart events that put the units there, oldest first (evidence of an alert)
 */
public record CartLine(String itemId, int quantity, Double price, String[] eventIds) {

    public CartLine {
        if (quantity < 1) {
            throw new IllegalArgumentException("a cart line holds at least one unit, got " + quantity);
        }
    }

    /** Price times quantity; 0 when no price is known. */
    public double value() {
        return price == null ? 0 : price * quantity;
    }
}
