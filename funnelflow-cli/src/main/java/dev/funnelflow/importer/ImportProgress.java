package dev.funnelflow.importer;

/** Told every {@link Importer#PROGRESS_EVERY_ROWS} rows how far an import has got. */
@FunctionalInterface
public interface ImportProgress {
    void rowsRead(long rows, long events, long skipped);
}
