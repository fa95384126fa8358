package dev.funnelflow.cli;

import picocli.CommandLine.Command;

/** {@code control}: parent of the operator's commands for the {@code control} topic (DESIGN.md §4). */
@Command(
        name = "control",
        mixinStandardHelpOptions = true,
        description = "Signs control commands (rule changes, model promotions, forget-user) and sends them to the"
                + " control topic; the job refuses unsigned ones.",
        subcommands = {ControlSignCommand.class, ControlSendCommand.class})
public final class ControlCliCommand extends CommandGroup {}
