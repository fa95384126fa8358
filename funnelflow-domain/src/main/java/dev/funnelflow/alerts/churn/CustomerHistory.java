package dev.funnelflow.alerts.churn;

import java.io.Serializable;

/**
 * A customer's purchase summary in the BG/NBD sense, in weeks since their first purchase (which is not
 * counted: it is when the customer was "born").
 *
 * @param x repeat purchases (purchase days after the first)
 * @param tx time of the last repeat purchase; 0 when {@code x == 0}
 * @param t age: time from the first purchase to the end of observation ("T" in the paper)
 */
public record CustomerHistory(int x, double tx, double t) implements Serializable {

    public CustomerHistory {
        if (x < 0 || !(tx >= 0) || !(t >= tx) || (x == 0 && tx != 0)) {
            throw new IllegalArgumentException("need x >= 0, 0 <= t_x <= T and t_x = 0 when x = 0; got x=" + x
                    + ", t_x=" + tx + ", T=" + t);
        }
    }
}
