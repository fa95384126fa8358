package dev.funnelflow.bench;

import dev.funnelflow.config.JobSettings;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.GeneratedRecord;
import dev.funnelflow.generator.GeneratorSettings;
import dev.funnelflow.io.KafkaIO;
import dev.funnelflow.io.Topic;
import dev.funnelflow.job.ClickstreamJob;
import dev.funnelflow.job.KafkaJob;
import dev.funnelflow.job.LocalRuntime;
import dev.funnelflow.kafka.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Throughput and latency of the whole pipeline against the pass-through limit, measured in one run on the same
 * data: (1) both jobs read the same pre-loaded clickstream topic to its end (the generator does not compete), at
 * the same parallelism and delivery guarantee, each rated over the span in which it appended its output (the
 * broker's LogAppendTime), so deployment and the final checkpoint stay out; (2) the pipeline at fixed offered
 * loads, timing each event to its recommendation in Kafka, and injected fraud attempts to their alerts.
 */
public final class Bench {

    /**
     * @param events records pre-loaded for the throughput runs (from the generator, or the first of {@code input})
     * @param input a JSON-lines clickstream to pre-load instead of generated traffic, or null
     */
    public record Options(long events, int parallelism, Duration duration, List<Double> rates, long seed, Path input) {}

    /** Where either job writes: the pipeline's output topics and the pass-through's. */
    private static final List<String> OUTPUT_TOPICS = Stream.concat(Topic.outputs().stream().map(Topic::topicName),
            Stream.of(PassThroughJob.OUTPUT_TOPIC)).toList();

    private final Options options;
    private final PrintStream out;
    /** Records the throughput runs read: {@code events}, or fewer when the input file has fewer. */
    private long events;

    public Bench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public Map<String, Object> run(Configuration baseConfig) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        Runtime runtime = Runtime.getRuntime();
        report.put("machine", Map.of("cores", runtime.availableProcessors(), "java", System.getProperty("java.version"),
                "max_heap_mb", runtime.maxMemory() >> 20));
        report.put("parallelism", options.parallelism());

        // One broker for every run: a broker started for a latency run would serve its measured window while its
        // JIT compiler is still at work (a C1-only broker halved the p99 at 1,000 events/s); a deployed job meets a
        // warm one.
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            throughputs(kafka, baseConfig, report);
            latencies(kafka, baseConfig, report);
        }
        return report;
    }

    private void throughputs(EmbeddedKafka kafka, Configuration baseConfig, Map<String, Object> report)
            throws Exception {
        Throughput passthrough;
        Throughput pipeline;
        Map<String, Integer> topics = new LinkedHashMap<>(Topic.partitions(options.parallelism()));
        topics.remove(Topic.RECOMMENDATIONS.topicName()); // created below, stamped by the broker
        kafka.createTopics(topics);
        createLogAppendTimeTopics(kafka.bootstrapServers(),
                List.of(PassThroughJob.OUTPUT_TOPIC, Topic.RECOMMENDATIONS.topicName()));
        events = options.input() == null ? preloadGenerated(kafka.bootstrapServers())
                : preloadFile(kafka.bootstrapServers(), options.input());
        report.put("events", events);
        report.put("input", options.input() == null ? "generator seed " + options.seed() : options.input().toString());
        // A cold JVM understates a job: its first pass over the events is also the JIT compiler's (12-13% of the
        // pipeline's CPU when measured cold). Each job runs once unreported, so both are measured warm.
        throughput("pass-through (warm-up, not reported)", kafka, baseConfig, true);
        passthrough = throughput("pass-through", kafka, baseConfig, true);
        throughput("pipeline (warm-up, not reported)", kafka, baseConfig, false);
        pipeline = throughput("pipeline", kafka, baseConfig, false);
        double ratio = pipeline.eventsPerSecond() / passthrough.eventsPerSecond();
        report.put("passthrough_eps", Math.round(passthrough.eventsPerSecond()));
        report.put("pipeline_eps", Math.round(pipeline.eventsPerSecond()));
        report.put("ratio", Math.round(ratio * 1000) / 1000.0);
        report.put("passthrough_cpu_us_per_event", passthrough.cpuMicrosPerEvent());
        report.put("pipeline_cpu_us_per_event", pipeline.cpuMicrosPerEvent());
        report.put("passthrough_job_s", passthrough.jobSeconds());
        report.put("pipeline_job_s", pipeline.jobSeconds());
        printRate("pass-through", passthrough);
        printRate("pipeline", pipeline);
        out.printf(Locale.ROOT, "%-14s %12.3f%n", "ratio", ratio);
        // The ratio the pipeline could reach if its operators and state cost nothing: its Kafka traffic, JIT, GC and
        // Flink threads alone, against everything the pass-through spends.
        double ceiling = passthrough.cpuSecondsTotal() / pipeline.platformCpuSeconds();
        report.put("ratio_ceiling", Math.round(ceiling * 1000) / 1000.0);
        out.printf(Locale.ROOT, "%-14s %12.3f  (pass-through CPU per event / the pipeline's Kafka, JIT, GC and JVM "
                + "threads alone: the ratio if every operator and RocksDB cost nothing)%n", "ratio ceiling", ceiling);
        printCpu("pass-through", passthrough);
        printCpu("pipeline", pipeline);
        report.put("passthrough_output_bytes_per_event", passthrough.outputBytesPerEvent());
        report.put("pipeline_output_bytes_per_event", pipeline.outputBytesPerEvent());
        printOutput("pass-through", passthrough);
        printOutput("pipeline", pipeline);
        report.put("keyed_skew", pipeline.keyedSkew());
        out.printf(Locale.ROOT, "pipeline: keyed skew at parallelism %d (busiest subtask's records in / the mean):%n",
                options.parallelism());
        pipeline.keyedSkew().forEach((operator, skew) ->
                out.printf(Locale.ROOT, "  %8.3f  %s%n", skew, operator));
    }

    private void latencies(EmbeddedKafka kafka, Configuration baseConfig, Map<String, Object> report)
            throws Exception {
        List<Map<String, Object>> latencies = new ArrayList<>();
        for (double rate : options.rates()) {
            LatencyProbe.Result result = latency(kafka, rate, baseConfig);
            Percentiles p = result.latencyMs();
            Percentiles r = result.rankedLatencyMs();
            Percentiles a = result.alertLatencyMs();
            out.printf(Locale.ROOT, "offered %,8.0f/s: %,d measured events, %,d recommendations timed, latency ms "
                    + "p50 %.0f p95 %.0f p99 %.0f max %.0f%n", rate, result.measuredEvents(), p.count(),
                    p.p50(), p.p95(), p.p99(), p.max());
            out.printf(Locale.ROOT, "offered %,8.0f/s: of which event to ranked (emitted_at), ms p50 %.0f p95 %.0f"
                    + " p99 %.0f max %.0f%n", rate, r.p50(), r.p95(), r.p99(), r.max());
            out.printf(Locale.ROOT, "offered %,8.0f/s: %,d fraud alerts timed, alert latency ms p50 %.0f p95 %.0f"
                    + " p99 %.0f max %.0f%n", rate, a.count(), a.p50(), a.p95(), a.p99(), a.max());
            latencies.add(Map.of("offered_eps", rate, "timed", p.count(), "latency_ms", asMap(p),
                    "ranked_latency_ms", asMap(r), "alerts_timed", a.count(), "alert_latency_ms", asMap(a)));
        }
        if (!latencies.isEmpty()) {
            Map<String, Object> primary = latencies.get(latencies.size() / 2);
            report.put("offered_eps", primary.get("offered_eps"));
            report.put("latency_ms", primary.get("latency_ms"));
            report.put("alert_latency_ms", primary.get("alert_latency_ms"));
            report.put("latency_by_rate", latencies);
        }
    }

    private static Map<String, Object> asMap(Percentiles p) {
        return Map.of("p50", p.p50(), "p95", p.p95(), "p99", p.p99(), "max", p.max());
    }

    private long preloadGenerated(String bootstrap) {
        ClickstreamGenerator generator = new ClickstreamGenerator(
                GeneratorSettings.defaults().withSeed(options.seed()).withEvents(options.events()));
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = preloader(bootstrap)) {
            for (long i = 0; i < options.events(); i++) {
                GeneratedRecord record = generator.next();
                byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(Topic.CLICKSTREAM.topicName(), key, record.value()));
            }
        }
        out.printf(Locale.ROOT, "pre-loaded %,d events in %.1f s%n", options.events(),
                (System.nanoTime() - started) / 1e9);
        return options.events();
    }

    /** The file's first {@code events} lines, unkeyed, as a producer that does not key its records sends them. */
    private long preloadFile(String bootstrap, Path input) throws IOException {
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = preloader(bootstrap);
             BufferedReader lines = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null && sent < options.events(); line = lines.readLine()) {
                if (!line.isBlank()) {
                    producer.send(new ProducerRecord<>(Topic.CLICKSTREAM.topicName(), line.getBytes(StandardCharsets.UTF_8)));
                    sent++;
                }
            }
        }
        if (sent == 0) {
            throw new IllegalArgumentException("--input " + input + " holds no records");
        }
        out.printf(Locale.ROOT, "pre-loaded %,d events from %s%n", sent, input);
        return sent;
    }

    private static KafkaProducer<byte[], byte[]> preloader(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * A job's run over the pre-loaded events: how long it wrote its output (first to last append), how long it ran
     * (deployment and final checkpoint included), and the CPU seconds each stage spent.
     */
    record Throughput(long events, double outputSeconds, double jobSeconds, Map<String, Double> cpuSeconds,
                      TopicVolume output, Map<String, Double> keyedSkew) {

        /** Sustained rate: the events over the span in which their output was written. */
        double eventsPerSecond() {
            return events / outputSeconds;
        }

        /** The CPU of the stages in {@link StageCpu#PLATFORM}: Kafka, the JIT, the GC and Flink's own threads. */
        double platformCpuSeconds() {
            return cpuSeconds.entrySet().stream().filter(stage -> StageCpu.PLATFORM.contains(stage.getKey()))
                    .mapToDouble(Map.Entry::getValue).sum();
        }

        double cpuSecondsTotal() {
            return cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Bytes appended to the output topics per input event, in all and by topic (those that grew). */
        Map<String, Long> outputBytesPerEvent() {
            Map<String, Long> perEvent = new LinkedHashMap<>();
            perEvent.put("total", Math.round((double) output.totalBytes() / events));
            output.bytes().forEach((topic, bytes) -> {
                if (bytes > 0) {
                    perEvent.put(topic, Math.round((double) bytes / events));
                }
            });
            return perEvent;
        }

        Map<String, Long> cpuMicrosPerEvent() {
            Map<String, Long> micros = new LinkedHashMap<>();
            micros.put("total", Math.round(cpuSecondsTotal() * 1e6 / events));
            cpuSeconds.forEach((stage, seconds) -> {
                long perEvent = Math.round(seconds * 1e6 / events);
                if (perEvent > 0) {
                    micros.put(stage, perEvent);
                }
            });
            return micros;
        }
    }

    private void printRate(String name, Throughput run) {
        out.printf(Locale.ROOT, "%-14s %,12.0f events/s  (outputs appended over %.1f s; job ran %.1f s)%n",
                name, run.eventsPerSecond(), run.outputSeconds(), run.jobSeconds());
    }

    private void printCpu(String name, Throughput run) {
        out.printf(Locale.ROOT, "%s: %,.0f µs of CPU per event, by stage:%n", name,
                run.cpuSecondsTotal() * 1e6 / run.events());
        run.cpuSeconds().forEach((stage, seconds) -> {
            if (seconds / run.cpuSecondsTotal() >= 0.005) {
                out.printf(Locale.ROOT, "  %8.1f µs %5.1f%%  %s%n", seconds * 1e6 / run.events(),
                        100 * seconds / run.cpuSecondsTotal(), stage);
            }
        });
    }

    private void printOutput(String name, Throughput run) {
        out.printf(Locale.ROOT, "%s: %,.0f bytes appended to Kafka per event (as stored, compressed), by topic:%n",
                name, (double) run.output().totalBytes() / run.events());
        run.output().bytes().forEach((topic, bytes) -> {
            if (bytes > 0) {
                out.printf(Locale.ROOT, "  %,8.0f bytes %6.3f offsets  %s%n", (double) bytes / run.events(),
                        (double) run.output().offsets().get(topic) / run.events(), topic);
            }
        });
    }

    private Throughput throughput(String name, EmbeddedKafka kafka, Configuration baseConfig, boolean passThrough)
            throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Configuration config = jobConfig(baseConfig, bootstrap);
        JobSettings settings = JobSettings.from(config);
        KafkaSource<Ingested> source = KafkaIO.clickstreamSourceBuilder(config, settings.parser())
                .setBounded(OffsetsInitializer.latest()).build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        if (passThrough) {
            PassThroughJob.define(env, settings, source, KafkaIO.sink(config, PassThroughJob.OUTPUT_TOPIC, false));
        } else {
            ClickstreamJob.define(env, settings, source,
                    KafkaIO.controlSourceBuilder(config).setBounded(OffsetsInitializer.latest()).build(),
                    KafkaIO.sinks(config));
        }
        out.printf("running %s over %,d events ...%n", name, events);
        String output = passThrough ? PassThroughJob.OUTPUT_TOPIC : Topic.RECOMMENDATIONS.topicName();
        try (AppendSpan span = new AppendSpan(bootstrap, output);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            span.mark();
            TopicVolume before = TopicVolume.of(admin, OUTPUT_TOPICS);
            String jobName = "bench-" + (passThrough ? "pass-through" : "pipeline");
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName(jobName);
            Set<String> keyedTasks = KeyedSkew.keyedTasks(graph);
            KeyedSkew.clear(jobName);
            long millis;
            StageCpu cpu = StageCpu.start(kafka::brokerCpuTime);
            try (cpu) {
                millis = env.execute(graph).getNetRuntime();
            }
            return new Throughput(events, span.sinceMark().toMillis() / 1000.0, millis / 1000.0,
                    cpu.seconds(), TopicVolume.of(admin, OUTPUT_TOPICS).since(before),
                    KeyedSkew.of(jobName, keyedTasks));
        }
    }

    private LatencyProbe.Result latency(EmbeddedKafka kafka, double rate, Configuration baseConfig) throws Exception {
        kafka.deleteAllTopics(); // the events the throughput runs read, and their outputs
        Map<String, Integer> topics = new LinkedHashMap<>(Topic.partitions(options.parallelism()));
        List<String> timed = List.of(Topic.RECOMMENDATIONS.topicName(), Topic.ALERTS.topicName());
        timed.forEach(topics::remove); // created below, stamped by the broker
        kafka.createTopics(topics);
        createLogAppendTimeTopics(kafka.bootstrapServers(), timed);
        Configuration config = jobConfig(baseConfig, kafka.bootstrapServers());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        KafkaJob.define(env, config);
        JobClient job = env.executeAsync("bench-latency");
        try {
            out.printf(Locale.ROOT, "offering %,.0f events/s for %d s (after 10 s warm-up) ...%n", rate,
                    options.duration().toSeconds());
            return new LatencyProbe(kafka.bootstrapServers())
                    .run(rate, Duration.ofSeconds(10), options.duration(), options.seed());
        } finally {
            // Down before the topics go and the broker stops: its clients would otherwise log every failed request.
            job.cancel().get();
            job.getJobExecutionResult().handle((result, cancelled) -> result).get();
        }
    }

    private Configuration jobConfig(Configuration baseConfig, String bootstrap) {
        Configuration config = new Configuration(baseConfig);
        Map<String, String> overrides = Map.of(
                "funnelflow.kafka.bootstrap-servers", bootstrap,
                "funnelflow.kafka.group-id", "bench-" + UUID.randomUUID(),
                // The throughput runs read events produced before the job starts.
                "funnelflow.kafka.starting-offsets", "EARLIEST",
                "funnelflow.kafka.transactional-id-prefix", "bench-" + UUID.randomUUID(),
                "parallelism.default", String.valueOf(options.parallelism()));
        config.addAll(Configuration.fromMap(overrides));
        config.addAll(Configuration.fromMap(KeyedSkew.configuration()));
        LocalRuntime.useTemporaryCheckpointDir(config);
        return config;
    }

    private void createLogAppendTimeTopics(String bootstrap, List<String> names) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(names.stream().map(topic -> new NewTopic(topic, options.parallelism(), (short) 1)
                    .configs(Map.of("message.timestamp.type", "LogAppendTime"))).toList()).all().get();
        }
    }
}
