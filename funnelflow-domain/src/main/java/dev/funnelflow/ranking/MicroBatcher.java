package dev.funnelflow.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gathers the candidate rows of several requests into one model run, bounded by rows and by waiting time. A run
 * costs about as much for 256 rows as for one (ONNX Runtime here: 5-14 µs per call either way), so batching
 * across requests multiplies throughput, and the time budget bounds the latency it adds.
 *
 * <p>Time is passed in ({@link System#nanoTime()} or a processing-time clock), so an operator drives it from its
 * timers and tests from numbers. Results come back per request, in arrival order. Not thread-safe.
 *
 * @param <R> the request a set of rows belongs to
 */
public final class MicroBatcher<R> {

    /**
     * Scores {@code count} rows laid out one after another, returning {@code outputsPerRow} values per row, row
     * after row: {@link OnnxRanker#score} fits for one output.
     */
    @FunctionalInterface
    public interface Scorer {
        float[] score(float[] rows, int count);
    }

    /** One request's outputs: {@code outputsPerRow} values per row it brought, row after row. */
    public record Scored<R>(R request, float[] probabilities) {}

    private record Pending<R>(R request, int firstRow, int rows) {}

    private final int featureCount;
    private final int outputsPerRow;
    private final int maxRows;
    private final long maxDelayNanos;
    private final Scorer scorer;
    private final float[] batch;
    private final List<Pending<R>> pending = new ArrayList<>();
    private int pendingRows;
    private long oldestArrival;

    /**
     * @param maxRows rows per run; a request with more rows runs alone
     * @param maxDelayNanos longest a request waits for others; 0 scores every request at once
     */
    public MicroBatcher(int featureCount, int outputsPerRow, int maxRows, long maxDelayNanos, Scorer scorer) {
        if (featureCount < 1 || outputsPerRow < 1 || maxRows < 1 || maxDelayNanos < 0) {
            throw new IllegalArgumentException("invalid micro-batch bounds: " + featureCount + " features, "
                    + maxRows + " rows, " + maxDelayNanos + " ns");
        }
        this.featureCount = featureCount;
        this.outputsPerRow = outputsPerRow;
        this.maxRows = maxRows;
        this.maxDelayNanos = maxDelayNanos;
        this.scorer = scorer;
        this.batch = new float[maxRows * featureCount];
    }

    /**
     * Queues {@code count} rows of {@code request} ({@code count * featureCount} values from {@code rows}) and
     * returns the requests scored by this call: none while the batch has room and time left.
     */
    public List<Scored<R>> add(R request, float[] rows, int count, long now) {
        List<Scored<R>> scored = new ArrayList<>();
        if (pendingRows + count > maxRows) {
            scored.addAll(flush());
        }
        if (count > maxRows) {
            scored.add(new Scored<>(request, scorer.score(rows, count)));
            return scored;
        }
        if (pending.isEmpty()) {
            oldestArrival = now;
        }
        System.arraycopy(rows, 0, batch, pendingRows * featureCount, count * featureCount);
        pending.add(new Pending<>(request, pendingRows, count));
        pendingRows += count;
        if (pendingRows == maxRows || now - oldestArrival >= maxDelayNanos) {
            scored.addAll(flush());
        }
        return scored;
    }

    /** Scores the queued requests if the oldest has waited its time budget; for the operator's timer. */
    public List<Scored<R>> flushIfDue(long now) {
        return !pending.isEmpty() && now - oldestArrival >= maxDelayNanos ? flush() : List.of();
    }

    /** Scores every queued request now, e.g. before a checkpoint or at end of input. */
    public List<Scored<R>> flush() {
        if (pending.isEmpty()) {
            return List.of();
        }
        float[] probabilities = scorer.score(batch, pendingRows);
        List<Scored<R>> scored = new ArrayList<>(pending.size());
        for (Pending<R> request : pending) {
            int from = request.firstRow() * outputsPerRow;
            scored.add(new Scored<>(request.request(),
                    Arrays.copyOfRange(probabilities, from, from + request.rows() * outputsPerRow)));
        }
        pending.clear();
        pendingRows = 0;
        return scored;
    }

    /** When the queued requests must be scored at the latest; {@link Long#MAX_VALUE} when none wait. */
    public long deadline() {
        return pending.isEmpty() ? Long.MAX_VALUE : oldestArrival + maxDelayNanos;
    }
}
