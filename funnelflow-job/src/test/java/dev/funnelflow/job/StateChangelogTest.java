package dev.funnelflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.config.JobConfig;
import java.util.Map;
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.StateChangelogOptions;
import org.junit.jupiter.api.Test;

/**
 * The job checkpoints through the state changelog: its changes stored durably beside the checkpoints, and restores
 * that claim their savepoint; otherwise it refuses to start, saying what to set.
 */
class StateChangelogTest {

    private static final Configuration BUNDLED = JobConfig.load(null, Map.of());

    @Test
    void theJobDefinitionTurnsTheChangelogOn() {
        assertThat(BUNDLED.get(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG)).isTrue();
    }

    @Test
    void localRunsStoreTheChangesOnTheFilesystemBesideTheCheckpoints() {
        Configuration config = new Configuration(BUNDLED);
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "file:/tmp/ff/checkpoints");

        LocalRuntime.useTemporaryCheckpointDir(config);

        assertThat(config.get(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE)).isEqualTo("filesystem");
        assertThat(config.get(FsStateChangelogOptions.BASE_PATH)).isEqualTo("file:/tmp/ff/checkpoints/changelog");
    }

    @Test
    void aConfiguredChangelogLocationIsKept() {
        Configuration config = new Configuration(BUNDLED);
        config.set(FsStateChangelogOptions.BASE_PATH, "file:/data/changelog");

        String checkpoints = LocalRuntime.useTemporaryCheckpointDir(config);

        assertThat(checkpoints).startsWith("file:");
        assertThat(config.get(FsStateChangelogOptions.BASE_PATH)).isEqualTo("file:/data/changelog");
    }

    @Test
    void aClusterKeepingTheChangesInTaskManagerMemoryIsRefused() {
        Configuration cluster = Configuration.fromMap(Map.of(
                "execution.checkpointing.dir", "s3://bucket/checkpoints"));

        assertThatThrownBy(() -> StateChangelog.check(cluster, JobConfig.load(cluster, null, Map.of())))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("state.changelog.storage: filesystem")
                .hasMessageContaining("state.changelog.dstl.dfs.base-path")
                .hasMessageContaining("-Dstate.changelog.enabled=false");
    }

    @Test
    void aRestoreInNoClaimModeIsRefusedAndTheJobDefinitionClaims() {
        Configuration durable = durableCluster();
        Map<String, String> restore = Map.of("execution.state-recovery.path", "file:/savepoints/savepoint-1");

        assertThatCode(() -> StateChangelog.check(durable, JobConfig.load(durable, null, restore)))
                .doesNotThrowAnyException();
        Configuration noClaim = JobConfig.load(durable, null, Map.of(
                "execution.state-recovery.path", "file:/savepoints/savepoint-1",
                "execution.state-recovery.claim-mode", "NO_CLAIM"));
        assertThatThrownBy(() -> StateChangelog.check(durable, noClaim))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("file:/savepoints/savepoint-1")
                .hasMessageContaining("execution.state-recovery.claim-mode: CLAIM");
    }

    @Test
    void aClusterWithDurableStorageOrAJobWithoutTheChangelogStarts() {
        Configuration durable = durableCluster();
        Configuration memory = new Configuration();

        assertThatCode(() -> StateChangelog.check(durable, JobConfig.load(durable, null, Map.of())))
                .doesNotThrowAnyException();
        assertThatCode(() -> StateChangelog.check(memory,
                JobConfig.load(memory, null, Map.of("state.changelog.enabled", "false"))))
                .doesNotThrowAnyException();
    }

    private static Configuration durableCluster() {
        return Configuration.fromMap(Map.of(
                "state.changelog.storage", "filesystem",
                "state.changelog.dstl.dfs.base-path", "s3://bucket/changelog"));
    }
}
