package dev.funnelflow.ranking;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads ranking models on one background daemon thread, so that reading files, creating ONNX Runtime sessions and
 * test-running models never holds up the thread that scores: the caller asks for a directory poll or a promotion,
 * and picks up each finished load with {@link #next()} when it is ready to swap (between two batches).
 *
 * <p>All {@link ServingModels} of the arms live on the loader thread; the caller only ever sees finished
 * {@link Loaded} results, in the order they were asked for. Models a result retires are the caller's to close once
 * nothing it queued still needs them. Promotions are ordered here, where they are applied: one issued before the
 * slot's accepted promotion, or a replay of it, changes nothing.
 */
public final class ModelLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);
    /** How long {@link #close} waits for a load under way; a session being created cannot be interrupted. */
    private static final long CLOSE_WAIT_SECONDS = 30;

    /**
     * A finished load of one arm.
     *
     * @param before the version the arm served before it, null for none
     * @param source where it came from, for logs: the directory or the promotion
     * @param promotionId the {@link Promotion#id} it carried out, null for a directory poll
     */
    public record Loaded(Variant variant, String before, ServingModels.Update update, String source,
            String promotionId) {}

    /**
     * Serve {@code file} in the {@code variant}'s {@code label} slot (see {@link ServingModels#promote}).
     *
     * @param id unique per command: a promotion with the slot's accepted id is a replay
     * @param issuedAt orders the promotions of a slot
     * @param refusal run on the loader thread before loading: why the file must not be served (it is not where
     *     promotions may come from, or not the bytes the command named), or null
     */
    public record Promotion(String id, long issuedAt, Variant variant, ExampleLabel label, Path file,
            String expectedVersion, String expectedSchemaHash, Supplier<String> refusal) {

        private String slot() {
            return variant.wireName() + "/" + label.wireName();
        }
    }

    private final FeatureSchema schema;
    private final ExecutionProvider provider;
    /** Loader thread only. */
    private final Map<Variant, ServingModels> arms = new EnumMap<>(Variant.class);
    /** Loader thread only: the newest accepted promotion per slot. */
    private final Map<String, Promotion> accepted = new HashMap<>();
    private final Queue<Loaded> ready = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    private final ExecutorService thread;

    /** @param directories the models directory of each arm that has one */
    public ModelLoader(Map<Variant, Path> directories, FeatureSchema schema, ExecutionProvider provider,
            String threadName) {
        this.schema = schema;
        this.provider = provider;
        directories.forEach((variant, dir) -> arms.put(variant, new ServingModels(dir, schema, provider)));
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread daemon = new Thread(task, threadName);
            daemon.setDaemon(true);
            return daemon;
        });
    }

    /**
     * Loads the newest model of each arm's directory where it is not the one serving; does nothing if a poll is
     * already waiting to run.
     *
     * @return done when this poll, and everything asked before it, has finished
     */
    public Future<?> poll() {
        if (!pollQueued.compareAndSet(false, true)) {
            return settled(); // the poll already queued runs first
        }
        return thread.submit(() -> {
            pollQueued.set(false);
            arms.forEach((variant, models) -> {
                String before = models.models().version();
                ServingModels.Update update = guarded(() -> models.poll(), Path.of(models.source()));
                if (update.swapped() || !update.rejections().isEmpty()) {
                    ready.add(new Loaded(variant, before, update, models.source(), null));
                }
            });
        });
    }

    /** Loads and checks the promoted model; its result says whether it serves. */
    public void promote(Promotion promotion) {
        thread.execute(() -> {
            ServingModels models = arms.computeIfAbsent(promotion.variant(),
                    variant -> new ServingModels(null, schema, provider));
            String before = models.models().version();
            String source = "promotion " + promotion.id();
            Promotion current = accepted.get(promotion.slot());
            if (current != null && (promotion.issuedAt() < current.issuedAt()
                    || promotion.id().equals(current.id()))) {
                // Replayed, or older than what the slot serves.
                ready.add(new Loaded(promotion.variant(), before, new ServingModels.Update(null, List.of(), List.of()),
                        source, promotion.id()));
                return;
            }
            String refused = promotion.refusal().get();
            if (refused != null) {
                ready.add(new Loaded(promotion.variant(), before, new ServingModels.Update(null, List.of(),
                        List.of(new ServingModels.Rejection(promotion.file(), refused))), source, promotion.id()));
                return;
            }
            ServingModels.Update update = guarded(() -> models.promote(promotion.label(), promotion.file(),
                    promotion.expectedVersion(), promotion.expectedSchemaHash()), promotion.file());
            if (update.swapped()) {
                accepted.put(promotion.slot(), promotion);
            }
            ready.add(new Loaded(promotion.variant(), before, update, source, promotion.id()));
        });
    }

    /**
     * The update {@code load} makes; a rejection of {@code file} if it throws (e.g. ONNX Runtime refusing to start),
     * so that the loader thread lives on and every request gets its result.
     */
    private static ServingModels.Update guarded(Supplier<ServingModels.Update> load, Path file) {
        try {
            return load.get();
        } catch (RuntimeException e) {
            return new ServingModels.Update(null, List.of(),
                    List.of(new ServingModels.Rejection(file, file + ": loading failed: " + e)));
        }
    }

    /** Done when every load asked for before it has finished. */
    public Future<?> settled() {
        return thread.submit(() -> {});
    }

    /** The oldest finished load not yet taken, null when none is ready. */
    public Loaded next() {
        return ready.poll();
    }

    public boolean hasReady() {
        return !ready.isEmpty();
    }

    /**
     * Stops the thread, waiting for a load under way, and closes every model it loaded: serving, or retired by a
     * result never taken. Models a taken result retired are the caller's.
     */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("a ranking model load did not finish in {} s; its models stay open", CLOSE_WAIT_SECONDS);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (Loaded loaded = ready.poll(); loaded != null; loaded = ready.poll()) {
            loaded.update().retired().forEach(OnnxRanker::close);
        }
        arms.values().forEach(ServingModels::close);
    }
}
