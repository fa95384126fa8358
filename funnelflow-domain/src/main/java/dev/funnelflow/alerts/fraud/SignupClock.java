package dev.funnelflow.alerts.fraud;

/**
 * Time from signup to the first purchase. Fresh accounts that buy within seconds are a classic sign of scripted
 * fraud with stolen cards; real new customers browse first. A Flink POJO.
 */
public class SignupClock {

    private long signupTime = Long.MIN_VALUE;
    private boolean purchased;

    public SignupClock() {}

    public void signedUp(long time) {
        signupTime = time;
    }

    /**
     * Call on every purchase: the seconds since signup if this is the account's first purchase after a signup
     * the job saw, else NaN (users who signed up before the job started have no known signup time).
     */
    public double purchase(long time) {
        boolean first = !purchased;
        purchased = true;
        if (!first || signupTime == Long.MIN_VALUE) {
            return Double.NaN;
        }
        return Math.max(0, time - signupTime) / 1000.0;
    }

    // Getters and setters for the state serializers (Flink's POJO serializer reads earlier versions' state).

    public long getSignupTime() { return signupTime; }
    public void setSignupTime(long signupTime) { this.signupTime = signupTime; }
    public boolean isPurchased() { return purchased; }
    public void setPurchased(boolean purchased) { this.purchased = purchased; }
}
