package dev.funnelflow.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Writing one output record as a JSON object with Jackson's streaming generator, the conventions every output
 * topic shares: times as ISO-8601 UTC, and no NaN or infinity (JSON has none: such a measure is written null).
 */
public final class JsonObjects {

    /** Scores and prices are most of an output's digits: Schubfach writes them several times faster than the JDK. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private JsonObjects() {}

    /** The fields of one object. */
    public interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    public static byte[] object(Fields fields) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(512);
             JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
            json.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void nullableNumber(JsonGenerator json, String field, Double value) throws IOException {
        if (value == null || !Double.isFinite(value)) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    /** {@code value}, or null when it is negative (unknown). */
    public static void nonNegativeOrNull(JsonGenerator json, String field, long value) throws IOException {
        if (value < 0) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    public static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
