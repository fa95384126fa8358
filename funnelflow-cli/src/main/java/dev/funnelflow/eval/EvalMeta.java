package dev.funnelflow.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.importer.ImportResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What {@code eval recs} takes from an events meta file ({@code <events>.meta.json}, written by
 * {@code import}): the test start and, when present, a named subset of test sessions ({@code table_e_sessions}).
 *
 * @param declaresTestStart whether the file has a {@code test_start_ms} field at all
 * @param testStartMs its value, {@code null} when the field is null (no split)
 */
public record EvalMeta(boolean declaresTestStart, Long testStartMs, Set<String> namedSubsetSessions) {

    public EvalMeta {
        namedSubsetSessions = Set.copyOf(namedSubsetSessions);
    }

    public static EvalMeta read(Path path) throws IOException {
        JsonNode meta = new ObjectMapper().readTree(path.toFile());
        if (meta == null || !meta.isObject()) {
            throw new IOException(path + ": not a JSON object");
        }
        JsonNode testStart = meta.get(ImportResult.TEST_START_FIELD);
        if (testStart != null && !testStart.isNull() && !testStart.isNumber()) {
            throw new IOException(path + ": " + ImportResult.TEST_START_FIELD + " is not a number: " + testStart);
        }
        // Session ids in events are strings, so only string entries can name a session.
        Set<String> subset = new LinkedHashSet<>();
        JsonNode sessions = meta.get("table_e_sessions");
        if (sessions != null && sessions.isArray()) {
            sessions.forEach(session -> {
                if (session.isTextual()) {
                    subset.add(session.asText());
                }
            });
        }
        return new EvalMeta(testStart != null, testStart == null || testStart.isNull() ? null : testStart.asLong(),
                subset);
    }
}
