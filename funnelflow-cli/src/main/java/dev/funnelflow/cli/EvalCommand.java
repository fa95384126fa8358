package dev.funnelflow.cli;

import picocli.CommandLine.Command;

/** {@code eval}: parent of the offline evaluations (DESIGN.md §4); each evaluation is a subcommand. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Offline evaluations of the job's outputs; each prints one JSON object on stdout.",
        subcommands = {EvalRecsCommand.class, EvalModelCommand.class, EvalAlertsCommand.class, EvalChurnCommand.class,
                EvalAbCommand.class})
public final class EvalCommand extends CommandGroup {}
