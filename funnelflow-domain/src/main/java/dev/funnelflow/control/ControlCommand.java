package dev.funnelflow.control;

/**
 * A command from the {@code control} topic ({@code schemas/control.schema.json}), parsed once by
 * {@link ControlParser} and routed to the operators it concerns.
 */
public sealed interface ControlCommand permits RuleChange, ModelPromotion, ForgetUser {

    /** Unique id: applying the same command twice has no further effect. */
    String commandId();

    /** Epoch ms the command was issued; orders commands about one subject. */
    long issuedAt();
}
