package dev.funnelflow.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the JVM's threads that {@link java.lang.management.ThreadMXBean} does not show (the JIT compilers, the
 * garbage collector, RocksDB's flush and compaction threads), read by thread name from {@code /proc/self/task} on
 * Linux. Elsewhere it finds nothing, and their time stays unattributed.
 */
final class NativeThreadCpu {

    static final String JIT = "JIT compiler";
    static final String GC = "garbage collector (GC and VM threads)";
    static final String ROCKSDB = "RocksDB background (flush, compaction)";

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux reports thread CPU in clock ticks of 10 ms (USER_HZ 100 on every mainstream kernel). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final Map<String, Long> startTicks = new HashMap<>();
    private final Map<String, Long> lastTicks = new HashMap<>();
    private final Map<String, String> kinds = new HashMap<>();

    NativeThreadCpu() {
        read(startTicks);
        lastTicks.putAll(startTicks);
    }

    /** Takes the current CPU time of each native thread; threads that end keep their last sample. */
    void sample() {
        read(lastTicks);
    }

    /** CPU nanoseconds per kind of native thread since construction. */
    Map<String, Long> nanos() {
        Map<String, Long> nanos = new HashMap<>();
        lastTicks.forEach((tid, ticks) ->
                nanos.merge(kinds.get(tid), (ticks - startTicks.getOrDefault(tid, 0L)) * NANOS_PER_TICK, Long::sum));
        return nanos;
    }

    private void read(Map<String, Long> ticks) {
        if (!Files.isDirectory(TASKS)) {
            return;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                readTask(task, ticks);
            }
        } catch (IOException e) {
            // The task list changed under us; the next sample reads it again.
        }
    }

    private void readTask(Path task, Map<String, Long> ticks) {
        String stat;
        try {
            stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
            return; // the thread ended between listing and reading
        }
        // pid (comm) state ...: comm may hold spaces and parentheses, so split at the last ')'.
        int commEnd = stat.lastIndexOf(')');
        String kind = kindOf(stat.substring(stat.indexOf('(') + 1, commEnd));
        if (kind == null) {
            return;
        }
        String[] fields = stat.substring(commEnd + 2).split(" ");
        // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after comm.
        long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        String tid = task.getFileName().toString();
        ticks.put(tid, used);
        kinds.put(tid, kind);
    }

    /** The kind of a native thread by its (15-character) Linux name, or null for one ThreadMXBean sees. */
    static String kindOf(String threadName) {
        if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")
                || threadName.startsWith("Sweeper thread")) {
            return JIT;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
            return GC;
        }
        if (threadName.startsWith("rocksdb")) {
            return ROCKSDB;
        }
        return null;
    }
}
