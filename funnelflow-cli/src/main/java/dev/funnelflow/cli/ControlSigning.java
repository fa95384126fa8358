package dev.funnelflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.control.CommandSigner;
import dev.funnelflow.control.ControlParser;
import dev.funnelflow.control.ControlSecret;
import dev.funnelflow.control.InvalidControlCommandException;
import dev.funnelflow.event.PseudonymSecret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** What {@code control sign} and {@code control send} share: the key, the command, who issues it. */
final class ControlSigning {

    @Option(names = "--secret-file", required = true, paramLabel = "FILE",
            description = "File holding the control key (as the job's funnelflow.control.hmac-secret-file).")
    Path secretFile;

    @Option(names = "--file", paramLabel = "command.json",
            description = "The command (one JSON object); default: standard input.")
    Path file;

    @Option(names = "--issued-by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Written as issued_by when the command names nobody (default: the login name).")
    String issuedBy;

    @Option(names = "--pseudonymise-with", paramLabel = "FILE",
            description = "File holding the job's pseudonymisation secret (funnelflow.privacy.hmac-secret-file):"
                    + " a forget_user then names its user by pseudonym, so the control topic keeps no raw id.")
    Path pseudonymisationSecretFile;

    /** The command read from {@code --file} or {@code stdin}, completed and signed. */
    ObjectNode signed(CommandSpec spec, InputStream stdin) throws IOException {
        byte[] secret;
        try {
            secret = ControlSecret.readFile(secretFile);
        } catch (IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), "--secret-file: " + e.getMessage());
        }
        if (file != null) {
            Cli.requireFile(spec, file, "--file");
        }
        byte[] json = file != null ? Files.readAllBytes(file) : stdin.readAllBytes();
        try {
            if (pseudonymisationSecretFile != null) {
                json = CommandSigner.toJson(CommandSigner.pseudonymiseUser(ControlParser.readObject(json),
                        pseudonymisationSecret(spec))).getBytes(StandardCharsets.UTF_8);
            }
            ObjectNode command = CommandSigner.sign(json, issuedBy, Instant.now(), secret);
            CommandSigner.key(command);
            return command;
        } catch (InvalidControlCommandException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private byte[] pseudonymisationSecret(CommandSpec spec) {
        try {
            return new PseudonymSecret(null, pseudonymisationSecretFile.toString()).read(Map.of());
        } catch (IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), "--pseudonymise-with: " + e.getMessage());
        }
    }
}
