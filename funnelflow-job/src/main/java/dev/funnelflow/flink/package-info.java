/**
 * How Flink stores and ships FunnelFlow's types: hand-written serializers for keyed state and for the records
 * between operators, and their type information ({@link dev.funnelflow.flink.WireTypes}).
 *
 * <p>Savepoints name the classes whose instances they hold: these serializers' snapshot classes, and the classes
 * Flink's POJO serializer keeps in state, among them {@link dev.funnelflow.flink.PendingReselection} and the window
 * key nested in {@link dev.funnelflow.flink.TopItemsFunction} (which is why that one operator lives here, not in
 * {@code operators}). A moved class would stop savepoints of earlier versions from restoring: these keep their names.
 */
package dev.funnelflow.flink;
