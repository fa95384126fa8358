package dev.funnelflow.alerts.fraud;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;
import com.amazon.randomcutforest.state.RandomCutForestMapper;
import com.amazon.randomcutforest.state.RandomCutForestState;
import dev.funnelflow.alerts.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.zip.InflaterInputStream;

/**
 * Online anomaly detection over risk feature vectors with a Random Cut Forest (Guha, Mishra, Roy and Schrijvers,
 * "Robust Random Cut Forest Based Anomaly Detection on Streams", ICML 2016), using Amazon's implementation
 * ({@code randomcutforest-core}). A point's score says how much it would displace the sampled points in
 * random cut trees; the forest's attribution ({@link DiVector}: per dimension, how much of the score comes from
 * the point being higher or lower than the sample) becomes the reasons of an alert.
 *
 * <p>Not thread-safe: one per operator subtask. Checkpoint with {@link #toBytes}: the forest's own state mapper
 * ({@code RandomCutForestMapper}, in the core artifact) with tree state saved, so a restored forest holds the
 * same trees and scores exactly as before, not merely a forest rebuilt from the same samples.
 */
public final class ForestDetector {

    /**
     * Format of {@link #toBytes}; bump when the layout changes. Format 1 was the same layout deflated, which shrank it
     * by a tenth (the forest's state is already compact) and took most of the time of writing it, which a checkpoint
     * waits for: it is still read.
     */
    private static final int FORMAT = 2;
    private static final int DEFLATED_FORMAT = 1;
    /** The first byte of a zlib stream at the default window size, whatever the level; format 2 starts with 0. */
    private static final int ZLIB_HEADER = 0x78;
    private static final int MAX_REASONS = 3;

    private final AnomalyVector vector;
    private final RandomCutForest forest;
    /** A dimension must carry this share of the score to become a reason. */
    private final double reasonShare;

    /**
     * @param trees number of trees (50 is the library's default; more = steadier scores, slower)
     * @param sampleSize points per tree (256 by default): the memory of what "usual" is
     * @param reasonShare share of the score a dimension must carry to become a reason (0.1 by default)
     */
    public ForestDetector(AnomalyVector vector, int trees, int sampleSize, long seed, double reasonShare) {
        this(vector, RandomCutForest.builder()
                .dimensions(vector.dimensions())
                .numberOfTrees(trees)
                .sampleSize(sampleSize)
                .randomSeed(seed)
                .build(), reasonShare);
    }

    private ForestDetector(AnomalyVector vector, RandomCutForest forest, double reasonShare) {
        this.vector = vector;
        this.forest = forest;
        this.reasonShare = reasonShare;
    }

    public AnomalyVector vector() {
        return vector;
    }

    /** Whether the forest has seen enough points to score (before that every score is 0). */
    public boolean isReady() {
        return forest.isOutputReady();
    }

    /** Scores the point of {@code raw} (from {@link AnomalyVector#raw}) without learning from it. */
    public AnomalyScore score(double[] raw) {
        double score = forest.getAnomalyScore(vector.point(raw));
        return new AnomalyScore(score, AnomalyScore.normalize(score));
    }

    /**
     * The dimensions that contributed most to {@code score} of {@code raw}, largest first. A second pass over the
     * forest, so callers ask only when an alert will carry them, and before the point is learnt.
     */
    public List<Reason> reasons(double[] raw, AnomalyScore score) {
        if (score.normalized() == 0) {
            return List.of();
        }
        return reasons(raw, forest.getAnomalyAttribution(vector.point(raw)), score.raw());
    }

    /** Learns the point of {@code raw}. Score before learning, or a point would mask itself. */
    public void update(double[] raw) {
        forest.update(vector.point(raw));
    }

    private List<Reason> reasons(double[] raw, DiVector attribution, double score) {
        List<Reason> reasons = new ArrayList<>();
        IntStream.range(0, raw.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> attribution.getHighLowSum(i)).reversed())
                .limit(MAX_REASONS)
                .filter(i -> attribution.getHighLowSum(i) >= reasonShare * score)
                .forEach(i -> {
                    String name = vector.slots().get(i).name();
                    String direction = attribution.high[i] >= attribution.low[i] ? "higher" : "lower";
                    String detail = String.format(Locale.ROOT,
                            "%s = %s is %s than usual: %.2f of anomaly score %.2f", name, format(raw[i]),
                            direction, attribution.getHighLowSum(i), score);
                    reasons.add(new Reason("anomaly_" + name, detail, Double.isNaN(raw[i]) ? null : raw[i], null));
                });
        return reasons;
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "undefined" : String.format(Locale.ROOT, "%.4g", value);
    }

    /**
     * The forest as bytes for a checkpoint: format, vector schema, then the mapper's state (Java
     * serialization, which {@link RandomCutForestState} is built for).
     */
    public byte[] toBytes() {
        RandomCutForestMapper mapper = new RandomCutForestMapper();
        mapper.setSaveTreeStateEnabled(true);
        mapper.setSaveExecutorContextEnabled(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeUTF(vector.schema());
            ObjectOutputStream objects = new ObjectOutputStream(out);
            objects.writeObject(mapper.toState(forest));
            objects.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores a forest from {@link #toBytes}; fails if it was written for another vector layout. */
    public static ForestDetector fromBytes(byte[] bytes, AnomalyVector vector, double reasonShare) {
        boolean deflated = bytes.length > 0 && (bytes[0] & 0xff) == ZLIB_HEADER;
        InputStream raw = new ByteArrayInputStream(bytes);
        try (DataInputStream in = new DataInputStream(deflated ? new InflaterInputStream(raw) : raw)) {
            int format = in.readInt();
            if (format != (deflated ? DEFLATED_FORMAT : FORMAT)) {
                throw new IllegalStateException(
                        "unknown anomaly forest format " + format + (deflated ? " (deflated)" : ""));
            }
            String schema = in.readUTF();
            if (!schema.equals(vector.schema())) {
                throw new IllegalStateException("anomaly forest was trained on vector " + schema
                        + " but the job now uses " + vector.schema());
            }
            RandomCutForestState state = (RandomCutForestState) new ObjectInputStream(in).readObject();
            return new ForestDetector(vector, new RandomCutForestMapper().toModel(state), reasonShare);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot restore the anomaly forest: " + e.getMessage(), e);
        }
    }
}
