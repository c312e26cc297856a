package org.karabeat.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;

/**
 * CPU time, memory and scheduling policy of a daemon: the process and all its descendants (a classic node is
 * its master control process plus its FIFO, read and write children; a Karabeat node is one JVM), from
 * {@code /proc}.
 */
final class ProcStats {

    /** One reading: CPU ticks (user + system) and memory summed over the tree. */
    record Sample(long nanoTime, long ticks, long rssKb, long pssKb, int processes, String policies) {
    }

    private static final long HZ = clockTicks();

    private ProcStats() {
    }

    static Sample sample(long rootPid) throws IOException {
        List<Long> pids = new ArrayList<>();
        pids.add(rootPid);
        ProcessHandle.of(rootPid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        long ticks = 0;
        long rss = 0;
        long pss = 0;
        int n = 0;
        Map<String, Integer> policies = new TreeMap<>();
        for (long pid : pids) {
            Path proc = Path.of("/proc", Long.toString(pid));
            String stat;
            try {
                stat = Files.readString(proc.resolve("stat"));
            } catch (IOException e) {
                continue; // exited meanwhile
            }
            // fields after "(comm)": state is field 3; utime 14, stime 15 (the whole process's)
            String[] f = fields(stat);
            ticks += Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
            // the policy is per thread: Karabeat puts only its two heartbeat threads in SCHED_RR
            try (var tasks = Files.list(proc.resolve("task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        policies.merge(policy(fields(Files.readString(task.resolve("stat")))), 1, Integer::sum);
                    } catch (IOException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException e) {
                continue;
            }
            rss += kb(proc.resolve("status"), "VmRSS:");
            pss += kb(proc.resolve("smaps_rollup"), "Pss:");
            n++;
        }
        StringBuilder p = new StringBuilder();
        policies.forEach((k, v) -> p.append(p.length() == 0 ? "threads: " : ", ").append(v).append(" x ").append(k));
        return new Sample(System.nanoTime(), ticks, rss, pss, n, p.toString());
    }

    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** rt_priority is field 40, policy 41. */
    private static String policy(String[] f) {
        int rtPrio = Integer.parseInt(f[40 - 3]);
        return switch (Integer.parseInt(f[41 - 3]) & 0xff) {
            case 0 -> "SCHED_OTHER";
            case 1 -> "SCHED_FIFO " + rtPrio;
            case 2 -> "SCHED_RR " + rtPrio;
            case 3 -> "SCHED_BATCH";
            case 5 -> "SCHED_IDLE";
            default -> "policy " + f[41 - 3];
        };
    }

    /** CPU use between two samples, in % of one core. */
    static double cpuPercent(Sample a, Sample b) {
        double seconds = (b.nanoTime() - a.nanoTime()) / 1e9;
        return (b.ticks() - a.ticks()) * 100.0 / HZ / seconds;
    }

    private static long kb(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited meanwhile, or no such file on this kernel
        }
        return 0;
    }

    private static long clockTicks() {
        try {
            NetLab.Result r = NetLab.run(List.of("getconf", "CLK_TCK"), 10);
            return Long.parseLong(r.out().trim());
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
