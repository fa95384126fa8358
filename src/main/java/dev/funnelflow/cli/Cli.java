package dev.funnelflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Argument checks shared by commands: one clear line instead of a stack trace. */
final class Cli {

    private Cli() {}

    static void requireFile(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(new CommandLine(new Object()),
                    option + ": file not found: " + file);
        }
    }
}
