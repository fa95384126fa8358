package dev.funnelflow.ranking;

/** A served example with its labels: a {@code training-examples} record. */
public record TrainingExample(ServedExample served, boolean click, boolean convert) {}
