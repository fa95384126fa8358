package dev.funnelflow.flink;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/** The one TTL policy of the job: expire on last write, never return expired values, purge in RocksDB compaction. */
final class StateTtl {

    private StateTtl() {}

    static StateTtlConfig afterLastWrite(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupInRocksdbCompactFilter(1000)
                .build();
    }
}
