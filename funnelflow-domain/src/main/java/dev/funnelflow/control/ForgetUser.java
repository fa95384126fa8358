package dev.funnelflow.control;

/**
 * A {@code forget_user}: delete every state the job keeps about {@code userId}.
 *
 * @param pseudonymised the command named the user by their pseudonym ({@code user_pseudonym}), so that the
 *     {@code control} topic never holds the raw id; the id is then used as it is
 */
public record ForgetUser(String commandId, long issuedAt, String userId, boolean pseudonymised)
        implements ControlCommand {

    /** A forget of the user as the job keys them. */
    public ForgetUser(String commandId, long issuedAt, String userId) {
        this(commandId, issuedAt, userId, false);
    }
}
