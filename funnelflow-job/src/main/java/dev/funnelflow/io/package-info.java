/**
 * The job's edges: the topics ({@link dev.funnelflow.io.Topic}), Kafka sources and exactly-once sinks, replay
 * files, and the encoders that turn each output into its topic's record.
 */
package dev.funnelflow.io;
