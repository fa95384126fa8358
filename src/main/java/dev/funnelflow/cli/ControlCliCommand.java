package dev.funnelflow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code control}: parent of the operator's commands for the {@code control} topic (DESIGN.md §4). */
@Command(
        name = "control",
        mixinStandardHelpOptions = true,
        description = "Signs control commands (rule changes, model promotions, forget-user) and sends them to the"
                + " control topic; the job refuses unsigned ones.",
        subcommands = {ControlSignCommand.class, ControlSendCommand.class})
public final class ControlCliCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
