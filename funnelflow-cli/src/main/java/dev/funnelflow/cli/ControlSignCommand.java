package dev.funnelflow.cli;

import dev.funnelflow.control.CommandSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code control sign}: prints a command signed, e.g. to send it with {@code kcat} or keep it for review. */
@Command(
        name = "sign",
        mixinStandardHelpOptions = true,
        description = {
            "Reads one control command (JSON) from --file or standard input, fills in command_id, issued_at (now),"
                    + " issued_by and a promotion's model_sha256 (from its file) where missing, and prints it signed"
                    + " on one line.",
            "Send it soon: the job refuses commands issued more than funnelflow.control.max-age (default 1 h) before"
                    + " they reach the control topic."
        })
public final class ControlSignCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ControlSigning signing;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.println(CommandSigner.toJson(signing.signed(spec, System.in)));
        out.flush();
        return 0;
    }
}
