package dev.funnelflow.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A fixed test key, and commands signed with it as an operator would. */
public final class TestCommands {

    /** 32 bytes of test key; never a real one. */
    public static final String SECRET = "funnelflow-test-control-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestCommands() {}

    public static byte[] secret() {
        return SECRET.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code json} with its {@code signature} under {@link #SECRET}. */
    public static String signed(String json) {
        try {
            ObjectNode command = (ObjectNode) JSON.readTree(json);
            command.put(CommandSignature.FIELD, CommandSignature.sign(command, secret()));
            return JSON.writeValueAsString(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
