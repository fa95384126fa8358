package dev.funnelflow.job;

import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.fs.Path;

/**
 * Changelog checkpoints (FLIP-158) over RocksDB. A checkpoint uploads the state changes made since the previous one;
 * RocksDB's native checkpoint, whose memtable flush stops each stateful task for 100–400 ms on a small machine, runs
 * only when the state is materialized ({@code state.changelog.periodic-materialize.interval}). The TaskManagers read
 * where the changes go from their own configuration, not the job's.
 */
final class StateChangelog {

    private static final String FILESYSTEM = "filesystem";

    private StateChangelog() {}

    /** Local runs: the changes go to the filesystem beside the checkpoints unless configured otherwise. */
    static void storeBeside(String checkpointDir, Configuration config) {
        if (!config.contains(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE)) {
            config.set(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE, FILESYSTEM);
        }
        if (!config.contains(FsStateChangelogOptions.BASE_PATH)) {
            config.set(FsStateChangelogOptions.BASE_PATH, new Path(checkpointDir, "changelog").toString());
        }
    }

    /** Refuses, with the remedy, a job whose changelog could not checkpoint or would not survive a TaskManager. */
    static void check(ReadableConfig cluster, ReadableConfig job) {
        if (job.get(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG)) {
            requireDurableStorage(cluster);
            requireClaimedRestore(job);
        }
    }

    /**
     * Flink's default changelog storage is the TaskManager's memory, which a TaskManager's failure takes with it: a
     * job with the changelog on refuses a cluster that does not store the changes durably.
     */
    private static void requireDurableStorage(ReadableConfig cluster) {
        if (!FILESYSTEM.equalsIgnoreCase(cluster.get(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE))
                || cluster.getOptional(FsStateChangelogOptions.BASE_PATH).isEmpty()) {
            throw new IllegalConfigurationException(String.format(
                    "%s is on, but the cluster's configuration does not store the changes durably: set %s: %s and %s "
                            + "(beside execution.checkpointing.dir) in the cluster's Flink configuration, which the "
                            + "TaskManagers read, or submit with -D%s=false",
                    StateChangelogOptions.ENABLE_STATE_CHANGE_LOG.key(),
                    StateChangelogOptions.STATE_CHANGE_LOG_STORAGE.key(), FILESYSTEM,
                    FsStateChangelogOptions.BASE_PATH.key(), StateChangelogOptions.ENABLE_STATE_CHANGE_LOG.key()));
        }
    }

    /** NO_CLAIM forces a full first checkpoint, which the changelog cannot take: the job would restart forever. */
    private static void requireClaimedRestore(ReadableConfig job) {
        if (job.getOptional(StateRecoveryOptions.SAVEPOINT_PATH).isPresent()
                && job.get(StateRecoveryOptions.RESTORE_MODE) == RecoveryClaimMode.NO_CLAIM) {
            throw new IllegalConfigurationException(String.format(
                    "restoring from %s in NO_CLAIM mode, whose first checkpoint must be a full one, which %s cannot "
                            + "take: restore with %s: CLAIM (REST: \"claimMode\": \"CLAIM\"; copy the savepoint "
                            + "first to keep it), or with -D%s=false",
                    job.get(StateRecoveryOptions.SAVEPOINT_PATH), StateChangelogOptions.ENABLE_STATE_CHANGE_LOG.key(),
                    StateRecoveryOptions.RESTORE_MODE.key(), StateChangelogOptions.ENABLE_STATE_CHANGE_LOG.key()));
        }
    }
}
