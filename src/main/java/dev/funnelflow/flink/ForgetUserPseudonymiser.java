package dev.funnelflow.flink;

import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.PseudonymSecret;
import dev.funnelflow.event.Pseudonymiser;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Gives a {@code forget_user} command the user's pseudonym when pseudonymisation is on, so that it meets the state
 * keys, which {@link IngestSplitter} pseudonymised with the same secret; passes it unchanged otherwise.
 */
public final class ForgetUserPseudonymiser extends RichMapFunction<ForgetUser, ForgetUser> {

    private final PseudonymSecret secret;
    private transient Pseudonymiser pseudonymiser;

    public ForgetUserPseudonymiser(PseudonymSecret secret) {
        this.secret = secret;
    }

    @Override
    public void open(OpenContext openContext) {
        // Read here, on the TaskManager, so the secret never travels in the job graph.
        pseudonymiser = secret.pseudonymiser(System.getenv());
    }

    @Override
    public ForgetUser map(ForgetUser forget) {
        return pseudonymiser == null ? forget
                : new ForgetUser(forget.commandId(), forget.issuedAt(), pseudonymiser.pseudonym(forget.userId()));
    }
}
