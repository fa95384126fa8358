package dev.funnelflow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eval}: parent of the offline evaluations (DESIGN.md §4); each evaluation is a subcommand. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Offline evaluations of the job's outputs; each prints one JSON object on stdout.",
        subcommands = {EvalRecsCommand.class, EvalModelCommand.class, EvalAlertsCommand.class, EvalChurnCommand.class,
                EvalAbCommand.class})
public final class EvalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
