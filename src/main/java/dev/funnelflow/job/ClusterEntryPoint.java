package dev.funnelflow.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Main class of {@code funnelflow-job.jar}, for {@code flink run} or the REST API on an existing cluster.
 * Arguments: {@code [--config FILE] [-Dkey=value ...]}, applied over the bundled job definition; the
 * cluster's own configuration (checkpoint storage, memory) stays in charge of everything not set there.
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
        Configuration config = JobConfig.load(configFile, properties);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        KafkaJob.define(env, config);
        env.execute(ClickstreamJob.NAME);
    }
}
