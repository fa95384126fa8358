package dev.funnelflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Argument checks shared by commands: one clear line instead of a stack trace. */
final class Cli {

    private Cli() {}

    /** A usage error of {@code spec}'s command (message and usage) unless {@code file} is a regular file. */
    static void requireFile(CommandSpec spec, Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), option + ": no such file: " + file);
        }
    }
}
