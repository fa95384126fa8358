package dev.funnelflow.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A generated corpus of clickstream documents, valid and broken, for checking that the parser and the schema
 * agree: valid events of every type, then every field set to values of every kind (missing, null, wrong
 * types, numbers as ids, empty and over-long strings, bad enums and patterns, out-of-range, huge and
 * overflowing numbers, timestamps out of range or as digit strings), then text-level breakage (a second
 * object, trailing garbage, comments, duplicate keys, non-objects) and random combinations of edits. Values
 * are raw JSON text so that numbers like {@code 1e400} or {@code 2.0} reach both sides exactly as written.
 */
final class ClickstreamCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Marks removal of a field in an edit's value list. */
    private static final String ABSENT = "<absent>";
    private static final List<String> WRONG_KINDS =
            List.of("null", "true", "[]", "{}", "[\"x\"]", "7", "7.5", "-1", "\"\"");

    private final SplittableRandom random;
    private final List<String> documents = new ArrayList<>();

    private ClickstreamCorpus(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The corpus for a seed: the same seed gives the same documents in the same order. */
    static List<String> generate(long seed) {
        ClickstreamCorpus corpus = new ClickstreamCorpus(seed);
        List<ObjectNode> bases = validEvents();
        Map<String, List<String>> edits = fieldEdits();
        for (ObjectNode base : bases) {
            corpus.documents.add(base.toString());
            edits.forEach((path, values) -> values.forEach(value -> corpus.documents.add(edit(base, path, value))));
            corpus.addTextBreakage(base.toString());
        }
        corpus.addNonObjects();
        corpus.addCombinedEdits(bases, edits, 2_000);
        return corpus.documents;
    }

    /** Two valid events of each type, the second with every optional field the type can carry. */
    private static List<ObjectNode> validEvents() {
        String[] types = {"view", "click", "add_to_cart", "remove_from_cart", "purchase", "search", "signup", "login"};
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            String type = types[i];
            ObjectNode minimal = object("{\"event_id\":\"e" + i
                    + "\",\"event_time\":1767225600000,\"user_id\":\"u1\",\"type\":\"" + type + "\"}");
            ObjectNode full = object("""
                    {"event_id":"f%d","event_time":"2026-01-01T10:00:00.250+01:00","user_id":"u-7","session_id":"s1",
                     "type":"%s","category_id":"42","price":19.99,"quantity":2,"order_id":"o1","rec_id":"r1",
                     "context":{"device_id":"d1","ip":"203.0.113.7","user_agent":"Mozilla/5.0","country":"DE",
                                "channel":"web"},
                     "payment":{"method":"card","card_fingerprint":"fp1","amount":39.98,"currency":"EUR"},
                     "referrer":{"kept":"and ignored"}}""".formatted(i, type));
            if (!type.equals("signup") && !type.equals("login") && !type.equals("search")) {
                minimal.put("item_id", "i" + i);
                full.put("item_id", "81766");
            }
            if (type.equals("search")) {
                minimal.put("query", "");
                full.put("query", "red shoes");
            }
            events.add(minimal);
            events.add(full);
        }
        return events;
    }

    /** Per field path (dotted for nested fields), the raw JSON values to try in it. */
    private static Map<String, List<String>> fieldEdits() {
        Map<String, List<String>> edits = new LinkedHashMap<>();
        List<String> ids = with(WRONG_KINDS, ABSENT, "\"x\"", "\"42\"", "42", "1e3", "\" \"",
                quoted("i".repeat(128)), quoted("i".repeat(129)),
                quoted("\uD83D\uDE00".repeat(128)), quoted("\uD83D\uDE00".repeat(129)), quoted("é".repeat(129)));
        for (String id : List.of("event_id", "user_id", "session_id", "item_id", "category_id", "order_id", "rec_id")) {
            edits.put(id, ids);
        }
        edits.put("type", with(WRONG_KINDS, ABSENT, "\"view\"", "\"search\"", "\"purchase\"", "\"login\"",
                "\"VIEW\"", "\"wishlist\"", "\" view\"", "\"view\\n\""));
        edits.put("event_time", with(WRONG_KINDS, ABSENT,
                "1767225600000", "\"1767225600000\"", "946684799999", "946684800000", "4102444799999", "4102444800000",
                "1767225600", "0", "-1767225600000", "1767225600000.0", "1767225600000.5", "1.7672256e12",
                "99999999999999999999", "\"2026-01-01T10:00:00Z\"", "\"2026-01-01T10:00:00.123456789Z\"",
                "\"2026-01-01T10:00:00+05:30\"", "\"2026-01-01t10:00:00z\"", "\"2026-01-01 10:00:00Z\"",
                "\"2026-01-01T10:00Z\"", "\"2026-01-01T10:00:00\"", "\"2026-01-01\"", "\"2026-02-30T10:00:00Z\"",
                "\"2026-01-01T24:00:00Z\"", "\"2016-12-31T23:59:60Z\"", "\"2026-06-30T23:59:60Z\"",
                "\" 2026-01-01T10:00:00Z\"", "\"2026-01-01T10:00:00Z \"", "\"1999-12-31T23:59:59Z\"",
                "\"2000-01-01T00:00:00+01:00\"", "\"2099-12-31T23:59:59-05:00\"", "\"2100-01-01T00:00:00Z\"",
                "\"1970-01-01T00:00:00Z\"", "\"+2026-01-01T10:00:00Z\"", "\"20260101T100000Z\"", "\"yesterday\""));
        edits.put("price", numbers("10000000", "10000000.5", "1.0000001e7"));
        edits.put("quantity", with(WRONG_KINDS, ABSENT, "1", "2", "2.0", "1.5", "0", "10000", "10001", "1e2",
                "2147483648", "99999999999999999999", "\"2\""));
        edits.put("query", with(WRONG_KINDS, ABSENT, "\"red shoes\"", quoted("q".repeat(1024)),
                quoted("q".repeat(1025)), quoted("\uD83D\uDE00".repeat(1024))));
        edits.put("context", with(WRONG_KINDS, ABSENT, "\"web\"", "{\"country\":\"FR\"}"));
        for (String field : List.of("device_id", "ip", "user_agent", "channel")) {
            edits.put("context." + field, with(WRONG_KINDS, ABSENT, "\"x\""));
        }
        edits.put("context.country", with(WRONG_KINDS, ABSENT, "\"FR\"", "\"de\"", "\"DEU\"", "\"D\"",
                "\"DE\\n\"", "\"\\nDE\"", "\"12\"", "\"ÄB\"", "\"D E\""));
        edits.put("payment", with(WRONG_KINDS, ABSENT, "\"card\"", "{\"amount\":1}"));
        edits.put("payment.method", with(WRONG_KINDS, ABSENT, "\"paypal\""));
        edits.put("payment.card_fingerprint", with(WRONG_KINDS, ABSENT, "\"fp2\""));
        edits.put("payment.amount", numbers("1000000000", "1000000000.5", "1e9", "1e10"));
        edits.put("payment.currency", with(WRONG_KINDS, ABSENT, "\"USD\"", "\"usd\"", "\"US\"", "\"USDX\"",
                "\"US1\"", "\"USD\\n\""));
        edits.put("referrer", with(WRONG_KINDS, ABSENT, "1e400", "{\"a\":{\"b\":[1,2,{}]}}"));
        return edits;
    }

    /** Values for a non-negative number field with the given values around its maximum. */
    private static List<String> numbers(String... aroundMaximum) {
        return with(with(WRONG_KINDS, ABSENT, "0", "-0", "-0.0", "0.01", "19.99", "-0.01", "1e-400", "1e308",
                "1e400", "-1e400", "99999999999999999999999", "\"19.99\"", "\"NaN\""), aroundMaximum);
    }

    /** A second value, garbage or a comment after the object; duplicate keys; cuts and wrappings. */
    private void addTextBreakage(String base) {
        String inner = base.substring(1);
        documents.addAll(List.of(
                base + base, base + "\n" + base, base + " x", base + "//comment", base + "/* comment */",
                "/* comment */" + base, base + ",", base + "}", base + "]", base + " null", base + " 1",
                base.substring(0, base.length() - 1), "[" + base + "]", "[" + base + "," + base + "]",
                base + "\n", " \t" + base + "\r\n", // surrounding whitespace is fine for both
                "{\"event_id\":\"dup\"," + inner,
                "{\"type\":\"login\"," + inner,
                "{\"user_id\":\"u1\"," + inner,
                "{\"x\":1,\"x\":1," + inner,
                "{" + inner.replace("\"context\":{", "\"context\":{\"country\":\"DE\",\"country\":\"DE\","),
                "{" + inner.replace("\"payment\":{", "\"payment\":{\"amount\":1,"),
                "{" + inner.replace("\"kept\":", "\"kept\":1,\"kept\":"),
                "{'event_id':'x'," + inner,
                "{" + inner.replace(":", " :\n "), // insignificant whitespace, still valid
                "\uFEFF" + base));
    }

    private void addNonObjects() {
        documents.addAll(List.of("", " ", "\n", "\t\r\n", "[]", "{}", "\"text\"", "42", "-0.5", "true", "null",
                "[{}]", "{\"a\":1}{\"a\":1}", "{", "}", "{\"event_id\":", "//", "/* */ {}", "{}//", "NaN",
                "Infinity", "{\"event_id\":\"e\",\"event_time\":NaN,\"user_id\":\"u\",\"type\":\"login\"}"));
    }

    /** Several random edits on one valid event: agreement must not depend on checking fields one at a time. */
    private void addCombinedEdits(List<ObjectNode> bases, Map<String, List<String>> edits, int count) {
        List<String> paths = new ArrayList<>(edits.keySet());
        for (int i = 0; i < count; i++) {
            ObjectNode document = bases.get(random.nextInt(bases.size())).deepCopy();
            int editCount = 2 + random.nextInt(3);
            for (int e = 0; e < editCount; e++) {
                String path = paths.get(random.nextInt(paths.size()));
                List<String> values = edits.get(path);
                editInPlace(document, path, values.get(random.nextInt(values.size())));
            }
            documents.add(text(document));
        }
    }

    /** The base with one field set to a raw JSON value or removed, as text (1e400 and 2.0 stay as written). */
    private static String edit(ObjectNode base, String path, String rawValue) {
        ObjectNode document = base.deepCopy();
        editInPlace(document, path, rawValue);
        return text(document);
    }

    /** A nested field is edited in its parent when that is an object, else in a fresh parent object. */
    private static void editInPlace(ObjectNode document, String path, String rawValue) {
        int dot = path.indexOf('.');
        ObjectNode target = document;
        String field = path;
        if (dot >= 0) {
            String parent = path.substring(0, dot);
            target = document.get(parent) instanceof ObjectNode object ? object : document.putObject(parent);
            field = path.substring(dot + 1);
        }
        if (rawValue.equals(ABSENT)) {
            target.remove(field);
        } else {
            target.putRawValue(field, new RawValue(rawValue));
        }
    }

    private static String text(ObjectNode document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static List<String> with(List<String> values, String... more) {
        List<String> all = new ArrayList<>(values);
        all.addAll(List.of(more));
        return all;
    }
}
