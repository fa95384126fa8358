package dev.funnelflow.job;

import dev.funnelflow.config.JobConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Main class of {@code funnelflow-job.jar}, for {@code flink run} or the REST API on an existing cluster.
 * Arguments: {@code [--config FILE] [-Dkey=value ...]}. Precedence, lowest first: the bundled job definition, the
 * cluster's Flink configuration (including what a REST or CLI submission adds, such as its parallelism), the file,
 * the {@code -D} arguments.
 */
public final class ClusterEntryPoint {

    private ClusterEntryPoint() {}

    public static void main(String[] args) throws Exception {
        Path configFile = null;
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if (arg.startsWith("-D") && arg.contains("=")) {
                properties.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; expected [--config FILE] [-Dkey=value ...]");
            }
        }
        // Without arguments the context environment carries exactly the cluster's configuration.
        ReadableConfig cluster = StreamExecutionEnvironment.getExecutionEnvironment().getConfiguration();
        Configuration config = JobConfig.load(cluster, configFile, properties);
        StateChangelog.check(cluster, config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        KafkaJob.define(env, config);
        env.execute(ClickstreamJob.NAME);
    }
}
