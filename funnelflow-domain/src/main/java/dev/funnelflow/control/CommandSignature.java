package dev.funnelflow.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code signature} of a {@code control} command: lower-case hex HMAC-SHA256, keyed with the control secret, of
 * the command's canonical bytes. Canonical form: the command object without its {@code signature} member, written as
 * UTF-8 JSON with no whitespace between tokens and the members of every object sorted by name (Java
 * {@link String#compareTo} order); strings with only the escapes JSON requires, numbers as Jackson writes them
 * (integers in decimal, others as Java's {@link Double#toString}). Signing the parsed form rather than the record's
 * bytes lets an operator pretty-print or reorder a command without breaking it, and keeps the signature inside the
 * record, so it survives files, {@code kcat} and the dead-letter copy.
 */
public final class CommandSignature {

    public static final String FIELD = "signature";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALGORITHM = "HmacSHA256";

    private CommandSignature() {}

    /** The bytes the signature covers. */
    public static byte[] canonicalBytes(ObjectNode command) {
        ObjectNode unsigned = command.deepCopy();
        unsigned.remove(FIELD);
        try {
            return JSON.writeValueAsBytes(sorted(unsigned));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The signature of {@code command} under {@code secret} (any {@code signature} it has is ignored). */
    public static String sign(ObjectNode command, byte[] secret) {
        return HexFormat.of().formatHex(mac(secret, canonicalBytes(command)));
    }

    /** Whether {@code command} carries a {@code signature} at all. */
    public static boolean isSigned(ObjectNode command) {
        return command.path(FIELD).isTextual();
    }

    /** Whether {@code command}'s {@code signature} is its HMAC under {@code secret}; compared in constant time. */
    public static boolean verify(ObjectNode command, byte[] secret) {
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(command.path(FIELD).asText(""));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(claimed, mac(secret, canonicalBytes(command)));
    }

    private static byte[] mac(byte[] secret, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(bytes);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                members.add(it.next());
            }
            members.sort(Map.Entry.comparingByKey());
            ObjectNode out = JSON.createObjectNode();
            members.forEach(member -> out.set(member.getKey(), sorted(member.getValue())));
            return out;
        }
        if (node.isArray()) {
            var out = JSON.createArrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }
}
