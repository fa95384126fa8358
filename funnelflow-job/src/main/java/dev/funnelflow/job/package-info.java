/**
 * The topology ({@link dev.funnelflow.job.ClickstreamJob}) and the ways to run it: on a cluster
 * ({@link dev.funnelflow.job.ClusterEntryPoint}), on Kafka inside this JVM ({@link dev.funnelflow.job.KafkaJob}), or
 * over files ({@link dev.funnelflow.job.Replay}).
 */
package dev.funnelflow.job;
