package dev.funnelflow.importer;

/** Converts one data row of a public dataset into a clickstream event. Implementations are stateless. */
public interface RowConverter {

    /** The header line the dataset's files start with, or {@code null} when they have none. */
    String header();

    /**
     * Converts one non-blank data row.
     *
     * @param eventId the event id to give the event (deterministic, chosen by the importer)
     * @throws BadRowException with a short reason when the row is malformed
     */
    ImportedEvent convert(String row, String eventId) throws BadRowException;
}
