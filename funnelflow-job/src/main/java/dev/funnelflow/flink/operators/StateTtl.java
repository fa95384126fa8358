package dev.funnelflow.flink.operators;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/**
 * The one TTL policy of the job: expire on last write, never return expired values, purge in RocksDB compaction.
 * Files older than the TTL are compacted even when no write pressure would, so expired entries leave disk and
 * checkpoints within about two TTLs instead of RocksDB's 30-day default.
 */
public final class StateTtl {

    private StateTtl() {}

    public static StateTtlConfig afterLastWrite(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupInRocksdbCompactFilter(1000, ttl)
                .build();
    }
}
