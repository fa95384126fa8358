package dev.funnelflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time per stage of a job running in this JVM (MiniCluster) and of the embedded broker's process, while it runs.
 * On a machine whose cores are all busy, the stage that burns the most CPU per event is the one to make cheaper: busy
 * and back-pressure ratios only say which stage waits for which, not what each costs.
 *
 * <p>Task threads are named after their operator chain ({@code name (2/2)#0}); a task thread ends with its job, so
 * each thread's CPU time is sampled while it lives. A task's output flusher and timer threads count for its task.
 * The JIT compilers, the garbage collector and RocksDB's background threads are not Java threads; on Linux
 * {@link NativeThreadCpu} reads them by name, and what is left of the process's CPU is {@link #UNATTRIBUTED}.
 * The broker runs in a process of its own ({@code EmbeddedKafka}): all of that process's CPU, its JIT compiler and
 * collector included, counts as {@link #KAFKA_BROKER}.
 */
final class StageCpu implements AutoCloseable {

    static final String UNATTRIBUTED = "other native threads";
    static final String KAFKA_PRODUCERS = "Kafka producers (sinks and committers)";
    static final String KAFKA_CONSUMERS = "Kafka consumers (source fetchers)";
    static final String KAFKA_BROKER = "Kafka broker";
    static final String OTHER_JVM_THREADS = "other JVM threads";
    /**
     * What a job costs on this JVM whatever its operators do: the Kafka traffic it makes (broker and clients), the JIT
     * compiling it, the collector cleaning up after it, and Flink's own threads (RPC, checkpoint coordination, metrics).
     */
    static final Set<String> PLATFORM = Set.of(KAFKA_PRODUCERS, KAFKA_CONSUMERS, KAFKA_BROKER, OTHER_JVM_THREADS,
            NativeThreadCpu.JIT, NativeThreadCpu.GC);
    /** This sampler and the latency probe's consumer: what measuring costs, not the job. */
    static final String HARNESS = "bench itself (CPU sampler, latency consumer)";

    private static final Pattern SUBTASK = Pattern.compile("^(.*) \\(\\d+/\\d+\\)(#\\d+)?$");
    /** A task's helper threads: they flush its output buffers and fire its processing-time timers. */
    private static final Pattern TASK_HELPER =
            Pattern.compile("^(OutputFlusher|Time Trigger|System Time Trigger) for (.*)$");
    private static final long SAMPLE_MILLIS = 200;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, Long> startNanos = new HashMap<>();
    private final Map<Long, Long> lastNanos = new HashMap<>();
    private final Map<Long, String> stages = new HashMap<>();
    private final NativeThreadCpu natives = new NativeThreadCpu();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-stage-cpu");
        thread.setDaemon(true);
        return thread;
    });
    private final long processStartNanos;
    private long processEndNanos;
    private final Supplier<Optional<Duration>> brokerCpu;
    private final Optional<Duration> brokerStart;
    private Optional<Duration> brokerEnd = Optional.empty();

    private StageCpu(Supplier<Optional<Duration>> brokerCpu) {
        this.brokerCpu = brokerCpu;
        brokerStart = brokerCpu.get();
        processStartNanos = os.getProcessCpuTime();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                startNanos.put(id, cpu);
            }
        }
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts sampling this JVM; {@link #close} stops it. */
    static StageCpu start() {
        return start(Optional::empty);
    }

    /** Starts sampling this JVM and the broker process whose CPU time so far {@code brokerCpu} reads. */
    static StageCpu start(Supplier<Optional<Duration>> brokerCpu) {
        return new StageCpu(brokerCpu);
    }

    private synchronized void sample() {
        natives.sample();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                lastNanos.put(info.getThreadId(), cpu);
                stages.putIfAbsent(info.getThreadId(), stageOf(info.getThreadName()));
            }
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        sample();
        processEndNanos = os.getProcessCpuTime();
        brokerEnd = brokerCpu.get();
    }

    /** CPU seconds per stage since {@link #start}, largest first, with the unattributed rest last. */
    synchronized Map<String, Double> seconds() {
        Map<String, Long> nanos = new HashMap<>();
        lastNanos.forEach((id, cpu) -> nanos.merge(stages.get(id), cpu - startNanos.getOrDefault(id, 0L), Long::sum));
        nanos.putAll(natives.nanos());
        long attributed = nanos.values().stream().mapToLong(Long::longValue).sum();
        brokerStart.ifPresent(start -> brokerEnd.ifPresent(end -> nanos.put(KAFKA_BROKER, end.minus(start).toNanos())));
        Map<String, Double> result = new LinkedHashMap<>();
        nanos.entrySet().stream()
                .filter(stage -> stage.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(stage -> result.put(stage.getKey(), stage.getValue() / 1e9));
        result.put(UNATTRIBUTED, Math.max(0, processEndNanos - processStartNanos - attributed) / 1e9);
        return result;
    }

    /** A task thread's operator chain; the Kafka clients' threads by role. */
    static String stageOf(String threadName) {
        if (threadName.startsWith("kafka-producer-network-thread")) {
            return KAFKA_PRODUCERS;
        }
        if (threadName.startsWith("Source Data Fetcher")) {
            return KAFKA_CONSUMERS;
        }
        if (threadName.startsWith("bench-")) {
            return HARNESS;
        }
        if (threadName.startsWith("AsyncOperations-thread")) {
            return "checkpoints (asynchronous snapshot parts)";
        }
        Matcher helper = TASK_HELPER.matcher(threadName);
        if (helper.matches()) {
            Matcher task = SUBTASK.matcher(helper.group(2));
            return task.matches() ? task.group(1) : helper.group(2);
        }
        Matcher subtask = SUBTASK.matcher(threadName);
        if (subtask.matches()) {
            return subtask.group(1);
        }
        return OTHER_JVM_THREADS;
    }
}
