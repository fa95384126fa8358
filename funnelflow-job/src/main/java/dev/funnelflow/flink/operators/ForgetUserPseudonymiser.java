package dev.funnelflow.flink.operators;

import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.PseudonymSecret;
import dev.funnelflow.event.Pseudonymiser;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a {@code forget_user} command the user's pseudonym when pseudonymisation is on, so that it meets the state
 * keys, which {@link IngestSplitter} pseudonymised with the same secret; passes it unchanged otherwise, and when the
 * command already names the pseudonym ({@code user_pseudonym}, so that the topic keeps no raw id).
 */
public final class ForgetUserPseudonymiser extends RichMapFunction<ForgetUser, ForgetUser> {

    private static final Logger LOG = LoggerFactory.getLogger(ForgetUserPseudonymiser.class);

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
        if (forget.pseudonymised()) {
            if (pseudonymiser == null) {
                LOG.warn("forget_user {} names a pseudonym, but pseudonymisation is off: it matches no user",
                        forget.commandId());
            }
            return forget;
        }
        return pseudonymiser == null ? forget
                : new ForgetUser(forget.commandId(), forget.issuedAt(), pseudonymiser.pseudonym(forget.userId()));
    }
}
