package dev.funnelflow.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.GeneratorSettings;
import dev.funnelflow.io.KafkaOptions;
import dev.funnelflow.io.Topic;
import dev.funnelflow.job.ClickstreamJob;
import dev.funnelflow.job.KafkaJob;
import dev.funnelflow.job.LocalRuntime;
import dev.funnelflow.kafka.EmbeddedKafka;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one-command demo: a real Kafka broker (KRaft) in a child process, the clickstream job on a Flink MiniCluster
 * with RocksDB and exactly-once checkpoints, live traffic from the generator (or an events file), and a
 * console view of what the job emits.
 */
public final class Demo {

    /**
     * @param duration how long to run; {@link Duration#ZERO} runs until interrupted
     * @param input an events file to replay instead of generated traffic, or null
     */
    public record Options(Duration duration, double eventsPerSecond, Path input, int kafkaPort, int webPort,
                          long seed) {}

    /** Alerts printed per report at most, the newest; the counts cover the rest. */
    private static final int SHOWN_ALERTS = 3;

    private final Options options;
    private final PrintStream out;
    private volatile boolean stopRequested;

    public Demo(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public void run(Configuration jobConfig) throws Exception {
        Thread main = Thread.currentThread();
        Thread onCtrlC = new Thread(() -> {
            stopRequested = true;
            main.interrupt();
            joinQuietly(main);
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            runUntilStopped(jobConfig);
        } finally {
            if (!stopRequested) {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            }
        }
    }

    /** Ctrl-C: let the demo cancel the job and stop the broker (deleting its files) before the JVM exits. */
    private static void joinQuietly(Thread thread) {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runUntilStopped(Configuration jobConfig) throws Exception {
        out.printf("Starting Kafka (KRaft) on port %d ...%n", options.kafkaPort());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.defaults().withPort(options.kafkaPort()))) {
            int parallelism = jobConfig.get(CoreOptions.DEFAULT_PARALLELISM);
            kafka.createTopics(Topic.partitions(parallelism));

            Configuration config = new Configuration(jobConfig);
            config.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            // A new broker: the first events may be produced before the source has looked up the end offsets.
            config.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
            config.set(RestOptions.PORT, options.webPort());
            String checkpoints = LocalRuntime.useTemporaryCheckpointDir(config);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(config);
            KafkaJob.define(env, config);
            JobClient job = env.executeAsync(ClickstreamJob.NAME);
            out.printf("Flink job %s running: web UI http://localhost:%d, checkpoints in %s%n",
                    job.getJobID(), options.webPort(), checkpoints);
            out.printf("Consume it yourself: kcat -b %s -C -t recommendations -X isolation.level=read_committed%n",
                    kafka.bootstrapServers());

            List<String> outputs = Topic.outputs().stream().map(Topic::topicName).toList();
            try (OutputMonitor monitor = new OutputMonitor(kafka.bootstrapServers(), outputs,
                            Topic.RECOMMENDATIONS.topicName(), Topic.DEAD_LETTER.topicName(), Topic.ALERTS.topicName());
                 PacedProducer producer = new PacedProducer(kafka.bootstrapServers(), Topic.CLICKSTREAM.topicName(),
                            traffic(), options.eventsPerSecond())) {
                monitor.start();
                producer.start();
                watch(producer, monitor);
            } catch (InterruptedException e) {
                Thread.interrupted(); // Ctrl-C: clear the flag so the cleanup below can wait
            } finally {
                out.println("Stopping: cancelling the job and shutting the broker down ...");
                job.cancel().get();
            }
        }
    }

    private TrafficSource traffic() throws Exception {
        if (options.input() != null) {
            return new FileTraffic(options.input());
        }
        GeneratorSettings settings = GeneratorSettings.defaults()
                .withSeed(options.seed())
                .withEvents(Long.MAX_VALUE)
                .withStartEpochMs(System.currentTimeMillis())
                .withEventsPerSecond(options.eventsPerSecond());
        return new GeneratorTraffic(new ClickstreamGenerator(settings));
    }

    private void watch(PacedProducer producer, OutputMonitor monitor) throws InterruptedException {
        long started = System.nanoTime();
        long lastSent = 0;
        long lastRecs = 0;
        Duration report = Duration.ofSeconds(5);
        boolean announcedEnd = false;
        while (!stopRequested
                && (options.duration().isZero() || System.nanoTime() - started < options.duration().toNanos())) {
            Thread.sleep(report.toMillis()); // the reporting interval
            long sent = producer.sent();
            long recs = monitor.count(Topic.RECOMMENDATIONS.topicName());
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            out.printf(Locale.ROOT, "[%4ds] clickstream %,d (%,.0f/s) | recommendations %,d (%,.0f/s) | alerts %,d"
                            + " | forecasts %,d | dead-letter %,d %s%n",
                    seconds, sent, (sent - lastSent) / (double) report.toSeconds(), recs,
                    (recs - lastRecs) / (double) report.toSeconds(), monitor.count(Topic.ALERTS.topicName()),
                    monitor.count(Topic.DEMAND_FORECASTS.topicName()), monitor.count(Topic.DEAD_LETTER.topicName()),
                    monitor.deadLetterErrors());
            JsonNode latest = monitor.latestRecommendation();
            if (latest != null) {
                out.println("        latest: " + describe(latest));
            }
            List<JsonNode> alerts = monitor.takeAlerts();
            alerts.stream().skip(Math.max(0, alerts.size() - SHOWN_ALERTS))
                    .forEach(alert -> out.println("        alert: " + describeAlert(alert)));
            lastSent = sent;
            lastRecs = recs;
            if (producer.exhausted() && !announcedEnd) {
                announcedEnd = true;
                out.println("Input file fully sent; outputs keep arriving with each checkpoint. Ctrl-C to stop.");
            }
        }
    }

    /** Kind, severity, user and reasons: what the fraud and retention teams read first. */
    private static String describeAlert(JsonNode alert) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s %s user %s score %.2f:",
                alert.path("kind").asText(), alert.path("severity").asText(), alert.path("user_id").asText(),
                alert.path("score").asDouble()));
        for (JsonNode reason : alert.path("reasons")) {
            text.append(' ').append(reason.path("code").asText()).append(" (").append(reason.path("detail").asText())
                    .append(')');
        }
        return text.toString();
    }

    private static String describe(JsonNode rec) {
        StringBuilder text = new StringBuilder("user " + rec.path("user_id").asText() + " (after "
                + rec.path("trigger_event_id").asText() + ") ->");
        int shown = 0;
        for (JsonNode item : rec.path("items")) {
            if (shown++ == 5) {
                text.append(" ...");
                break;
            }
            text.append(item.path("p_click").isNumber()
                    ? String.format(Locale.ROOT, " %s [%s p_click %.3f p_convert %.4f]", item.path("item_id").asText(),
                            item.path("source").asText(), item.path("p_click").asDouble(),
                            item.path("p_convert").asDouble())
                    : String.format(Locale.ROOT, " %s [%s %.2f]", item.path("item_id").asText(),
                            item.path("source").asText(), item.path("score").asDouble()));
        }
        JsonNode model = rec.path("model_version");
        return text.append(model.isTextual() ? " (ranked by " + model.asText() + ")" : "").toString();
    }
}
