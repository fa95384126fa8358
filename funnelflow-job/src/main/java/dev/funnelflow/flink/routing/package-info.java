/**
 * Records that travel between operators (a user's inputs, cross-key forgets and lookups, the fraud inputs and the
 * backlog that keeps them in user order) and the dead-letter side output every operator writes to.
 */
package dev.funnelflow.flink.routing;
