/**
 * The job's operators: thin Flink functions that hold keyed state and timers and call the domain. Each receives its
 * own domain's settings; {@link dev.funnelflow.job.ClickstreamJob} wires them together.
 */
package dev.funnelflow.flink.operators;
