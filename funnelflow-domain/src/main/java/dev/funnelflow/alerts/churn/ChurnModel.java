package dev.funnelflow.alerts.churn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A trained churn model and its model card, one JSON file ({@code DIR/churn-bgnbd.json}): the BG/NBD
 * parameters the job needs, and what a person needs to trust them (training data span, customer counts,
 * log-likelihood, when and from what it was made). The version is a hash of the parameters and the training
 * span, so retraining on the same data gives the same {@code model_version} on alerts.
 */
public record ChurnModel(String modelVersion, BgNbdParameters parameters, ObjectNode card) {

    public static final String FILE_NAME = "churn-bgnbd.json";
    /**
     * The parameters the job uses when no trained model is configured, shipped inside the jars: Fader, Hardie
     * and Lee's published fit to the CDNOW sample (weeks), a reference point rather than a fit to this shop.
     */
    public static final String BUNDLED = "flink-jobs/" + FILE_NAME;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The model and card for a fit on {@code log} observed until {@code observationEnd}. */
    public static ChurnModel of(BgNbdFit fit, PurchaseLog log, long observationEnd, String source, Instant createdAt) {
        BgNbdParameters p = fit.parameters();
        String version = "churn-bgnbd-" + hash(p + "|" + log.firstPurchaseDayStart() + "|" + observationEnd);
        ObjectNode card = JSON.createObjectNode();
        card.put("name", "churn-bgnbd");
        card.put("model", "BG/NBD");
        card.put("model_version", version);
        card.put("created_at", createdAt.toString());
        card.put("time_unit", "week");
        ObjectNode params = card.putObject("params");
        params.put("r", p.r());
        params.put("alpha", p.alpha());
        params.put("a", p.a());
        params.put("b", p.b());
        ObjectNode training = card.putObject("training");
        training.put("events", source);
        training.put("purchase_events", log.purchases());
        training.put("customers", fit.customers());
        training.put("first_purchase", Instant.ofEpochMilli(log.firstPurchaseDayStart()).toString());
        training.put("observation_end", Instant.ofEpochMilli(observationEnd).toString());
        training.put("purchases_counted", "per customer and UTC day");
        ObjectNode quality = card.putObject("fit");
        quality.put("log_likelihood", fit.logLikelihood());
        quality.put("log_likelihood_per_customer", fit.logLikelihood() / fit.customers());
        quality.put("optimizer", "Nelder-Mead on log parameters (Hipparchus)");
        quality.put("evaluations", fit.evaluations());
        card.put("reference", "Fader, Hardie & Lee (2005), \"Counting Your Customers\" the Easy Way: "
                + "An Alternative to the Pareto/NBD Model, Marketing Science 24(2):275-284");
        return new ChurnModel(version, p, card);
    }

    public Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        Files.writeString(file, JSON.writeValueAsString(card) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Reads a card written by {@link #write}; the parameters are validated. */
    public static ChurnModel read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** The model shipped inside the jars ({@link #BUNDLED}). */
    public static ChurnModel bundled() {
        try (InputStream in = ChurnModel.class.getResourceAsStream("/" + BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the classpath");
            }
            return read(in, BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED, e);
        }
    }

    private static ChurnModel read(InputStream in, String source) throws IOException {
        JsonNode card = JSON.readTree(in);
        if (card == null || !card.isObject()) {
            throw new IOException(source + ": not a JSON object");
        }
        JsonNode params = card.path("params");
        for (String name : new String[] {"r", "alpha", "a", "b"}) {
            if (!params.path(name).isNumber()) {
                throw new IOException(source + ": params." + name + " is missing or not a number");
            }
        }
        if (!card.path("model_version").isTextual() || card.get("model_version").asText().isEmpty()) {
            throw new IOException(source + ": model_version is missing");
        }
        BgNbdParameters p = new BgNbdParameters(params.get("r").asDouble(), params.get("alpha").asDouble(),
                params.get("a").asDouble(), params.get("b").asDouble());
        return new ChurnModel(card.get("model_version").asText(), p, (ObjectNode) card);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
