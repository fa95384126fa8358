package dev.funnelflow.ranking;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CTR and CVR models one A/B arm serves: the newest in its models directory ({@code <name>-<version>.onnx} with
 * cards), unless a model was promoted into the slot. Each {@link #poll} loads a model per label that is newer than
 * the one serving: data scientists publish a model by dropping its two files in, and the job swaps without restart.
 * {@link #promote} serves a named file and pins its slot: the directory no longer swaps it (promoting an older
 * version rolls back). A file that fails to load is rejected (from the directory once, until it changes) and the
 * serving model stays.
 *
 * <p>The card's {@code label} says which slot a model fills. "Newest" is the card's {@code created_at} (cards without
 * one count as oldest), then the file name; drop the card before the model, or copy both and rename, so a
 * half-copied model is at worst rejected and retried when it changes.
 *
 * <p>Not thread-safe: in the job only {@link ModelLoader}'s thread calls it, off the task thread.
 */
public final class ServingModels {

    /** A model file that must not serve, and why. */
    public record Rejection(Path file, String reason) {}

    /**
     * What a poll changed.
     *
     * @param models the set to serve from now on
     * @param retired models replaced, to close once nothing queued still needs them
     */
    public record Update(ModelSet models, List<OnnxRanker> retired, List<Rejection> rejections) {

        public boolean swapped() {
            return models != null;
        }
    }

    private record FileVersion(Path file, long modified) {}

    private record Candidate(FileVersion version, ExampleLabel label, String createdAt) {}

    /** Null for an arm served by promotions only. */
    private final Path directory;
    private final FeatureSchema schema;
    private final ExecutionProvider provider;
    private final Map<ExampleLabel, FileVersion> serving = new EnumMap<>(ExampleLabel.class);
    private final Set<FileVersion> rejected = new HashSet<>();
    private final Set<ExampleLabel> pinned = EnumSet.noneOf(ExampleLabel.class);
    private ModelSet models = ModelSet.NONE;

    /** @param directory the models directory to watch; null to serve promoted models only */
    public ServingModels(Path directory, FeatureSchema schema, ExecutionProvider provider) {
        this.directory = directory;
        this.schema = schema;
        this.provider = provider;
    }

    public ModelSet models() {
        return models;
    }

    /** Where the models come from, for logs. */
    public String source() {
        return directory == null ? "promotions" : directory.toString();
    }

    /**
     * Loads the newest model of each label if it is not the one serving.
     *
     * @return {@code models} is null when nothing was swapped
     */
    public Update poll() {
        List<Rejection> rejections = new ArrayList<>();
        Map<ExampleLabel, Candidate> newest = newestPerLabel(rejections);
        ModelSet next = models;
        List<OnnxRanker> retired = new ArrayList<>();
        for (Map.Entry<ExampleLabel, Candidate> entry : newest.entrySet()) {
            FileVersion version = entry.getValue().version();
            if (pinned.contains(entry.getKey()) || version.equals(serving.get(entry.getKey()))
                    || rejected.contains(version)) {
                continue;
            }
            try {
                next = serve(next, entry.getKey(), OnnxRanker.load(version.file(), schema, provider), retired);
                serving.put(entry.getKey(), version);
            } catch (ModelRejectedException e) {
                rejected.add(version);
                rejections.add(new Rejection(version.file(), e.getMessage()));
            }
        }
        boolean swapped = next != models;
        models = next;
        return new Update(swapped ? next : null, retired, rejections);
    }

    /**
     * Serves {@code file} as the {@code label} model and pins that slot, if it loads and its card has that label,
     * {@code expectedVersion} (as {@code name-version} or bare) and, when given, {@code expectedSchemaHash}.
     */
    public Update promote(ExampleLabel label, Path file, String expectedVersion, String expectedSchemaHash) {
        OnnxRanker loaded;
        try {
            loaded = OnnxRanker.load(file, schema, provider);
        } catch (ModelRejectedException e) {
            return new Update(null, List.of(), List.of(new Rejection(file, e.getMessage())));
        }
        ModelCard card = loaded.card();
        String mismatch = mismatch(card, label, expectedVersion, expectedSchemaHash);
        if (mismatch != null) {
            loaded.close();
            return new Update(null, List.of(), List.of(new Rejection(file, file + ": " + mismatch)));
        }
        List<OnnxRanker> retired = new ArrayList<>();
        models = serve(models, label, loaded, retired);
        serving.remove(label);
        pinned.add(label);
        return new Update(models, retired, List.of());
    }

    /** What in {@code card} differs from what a promotion asked for; null when nothing does. */
    private static String mismatch(ModelCard card, ExampleLabel label, String expectedVersion,
            String expectedSchemaHash) {
        if (!label.wireName().equals(card.label())) {
            return "its card's label is " + card.label() + ", not " + label.wireName();
        }
        if (!expectedVersion.equals(card.modelVersion()) && !expectedVersion.equals(card.version())) {
            return "its card's version is " + card.modelVersion() + ", not " + expectedVersion;
        }
        if (expectedSchemaHash != null && !expectedSchemaHash.equals(card.featureSchema().hash())) {
            return "its card's feature schema hash is " + card.featureSchema().hash() + ", not " + expectedSchemaHash;
        }
        return null;
    }

    private static ModelSet serve(ModelSet models, ExampleLabel label, OnnxRanker model, List<OnnxRanker> retired) {
        if (models.model(label) != null) {
            retired.add(models.model(label));
        }
        return models.with(label, model);
    }

    /** Closes the serving models. */
    public void close() {
        for (ExampleLabel label : ExampleLabel.values()) {
            if (models.model(label) != null) {
                models.model(label).close();
            }
        }
        models = ModelSet.NONE;
        serving.clear();
        pinned.clear();
    }

    private Map<ExampleLabel, Candidate> newestPerLabel(List<Rejection> rejections) {
        Map<ExampleLabel, Candidate> newest = new EnumMap<>(ExampleLabel.class);
        Comparator<Candidate> order = Comparator.comparing(Candidate::createdAt)
                .thenComparing(c -> c.version().file().getFileName().toString());
        for (Path file : modelFiles()) {
            FileVersion version;
            try {
                version = new FileVersion(file, Math.max(Files.getLastModifiedTime(file).toMillis(),
                        Files.getLastModifiedTime(ModelCard.pathFor(file)).toMillis()));
            } catch (NoSuchFileException e) {
                version = new FileVersion(file, -1);
            } catch (IOException e) {
                continue;
            }
            if (rejected.contains(version)) {
                continue;
            }
            Candidate candidate = candidate(version, rejections);
            if (candidate != null && (newest.get(candidate.label()) == null
                    || order.compare(candidate, newest.get(candidate.label())) > 0)) {
                newest.put(candidate.label(), candidate);
            }
        }
        return newest;
    }

    /** The model's label and age from its card; null (and rejected) when the card cannot say. */
    private Candidate candidate(FileVersion version, List<Rejection> rejections) {
        String reason;
        try {
            ModelCard card = ModelCard.read(ModelCard.pathFor(version.file()));
            if (card.label() != null) {
                return new Candidate(version, ExampleLabel.fromWireName(card.label()),
                        card.createdAt() == null ? "" : card.createdAt());
            }
            reason = "its card has no label (click or convert): the job cannot tell which model it is";
        } catch (IOException | IllegalArgumentException e) {
            reason = "no readable model card " + ModelCard.pathFor(version.file()).getFileName() + ": "
                    + e.getMessage().lines().findFirst().orElse("");
        }
        rejected.add(version);
        rejections.add(new Rejection(version.file(), version.file() + ": " + reason));
        return null;
    }

    private List<Path> modelFiles() {
        List<Path> files = new ArrayList<>();
        if (directory == null) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.onnx")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            // A directory that is missing for now (not mounted yet, being replaced) serves what it served.
        }
        return files;
    }
}
