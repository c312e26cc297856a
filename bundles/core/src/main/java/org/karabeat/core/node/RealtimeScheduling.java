package org.karabeat.core.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.karabeat.config.legacy.HaCf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * {@code ha.cf}'s {@code realtime} and {@code rtprio} for a JVM: the two threads that keep the heartbeat (the
 * core thread and the transport's I/O thread) switch themselves to SCHED_RR, as heartbeat 3.0.6 switches its
 * processes (its {@code cl_make_realtime}: the master control process at {@code rtprio}, the media processes
 * one lower when {@code rtprio} is above 1, default the lowest SCHED_RR priority, 1). Every other thread of
 * the JVM keeps normal scheduling. Memory is not locked: {@code mlockall} would lock the whole heap.
 * <p>
 * SCHED_RESET_ON_FORK is set too, so threads and processes these two start (a pool thread, a resource
 * script) fall back to normal scheduling, as heartbeat's children do ({@code hb_setup_child}).
 * <p>
 * A failure (not root, no CAP_SYS_NICE, no realtime budget in the cgroup) is a warning: the node carries on
 * at normal priority. Results are logged once, by {@link #report()}, after the node has started.
 */
final class RealtimeScheduling {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeScheduling.class);
    static final int SCHED_RR = 2;
    static final int SCHED_RESET_ON_FORK = 0x40000000;
    private static final int EPERM = 1;
    private static final int ESRCH = 3;
    private static final int EINVAL = 22;

    /** The subset of libc we need. */
    public interface LibC extends Library {
        /** {@code param} is a {@code struct sched_param}: one int, the priority. */
        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;
    }

    /** Where results go; SLF4J outside tests. */
    interface Log {
        void info(String message);

        void warn(String message);
    }

    /** What one thread got. {@code error} is empty on success. */
    record Result(String thread, int priority, String error) {
        boolean ok() {
            return error.isEmpty();
        }
    }

    private final boolean enabled;
    private final int priority;
    private final Supplier<LibC> libc;
    private final Log log;
    private final List<Result> pending = new ArrayList<>();
    private boolean reported;
    private LibC loaded;

    RealtimeScheduling(boolean enabled, int priority, Supplier<LibC> libc, Log log) {
        this.enabled = enabled;
        this.priority = priority;
        this.libc = libc;
        this.log = log;
    }

    /** As {@code ha.cf} says; binds libc only when realtime is on and a thread asks. */
    static RealtimeScheduling of(HaCf haCf) {
        return new RealtimeScheduling(haCf.realtime(), haCf.realtimePriority(), () -> Native.load("c", LibC.class),
                new Log() {
                    @Override
                    public void info(String message) {
                        LOG.info(message);
                    }

                    @Override
                    public void warn(String message) {
                        LOG.warn(message);
                    }
                });
    }

    /** For the core thread: {@code rtprio}. Does nothing with realtime off. */
    Runnable coreThreadStart() {
        return () -> raise(priority);
    }

    /** For the transport's I/O thread: one lower than the core when {@code rtprio} is above 1. */
    Runnable ioThreadStart() {
        return () -> raise(priority > 1 ? priority - 1 : priority);
    }

    /**
     * Switches the calling thread to SCHED_RR at {@code prio}, when realtime is on; never throws. On Linux,
     * pid 0 in {@code sched_setscheduler} is the calling thread, not the whole process.
     */
    Result raise(int prio) {
        String thread = Thread.currentThread().getName();
        if (!enabled) {
            return new Result(thread, prio, "realtime off");
        }
        String error = "";
        try {
            LibC c = libc();
            c.sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK, new int[] {prio});
        } catch (LastErrorException e) {
            error = reason(e.getErrorCode(), prio);
        } catch (RuntimeException | LinkageError e) {
            // no libc through JNA (not Linux, no native library): the node runs without
            error = "realtime scheduling is not available here: " + e;
        }
        Result r = new Result(thread, prio, error);
        boolean now;
        synchronized (this) {
            now = reported;
            if (!now) {
                pending.add(r);
            }
        }
        if (now) {
            // a thread started after the node came up (a transport reopened): its own line
            log(List.of(r));
        }
        return r;
    }

    /** Logs, once, what the threads that asked so far got; later threads log for themselves. */
    void report() {
        List<Result> results;
        synchronized (this) {
            if (reported) {
                return;
            }
            reported = true;
            results = List.copyOf(pending);
            pending.clear();
        }
        if (enabled) {
            log(results);
        }
    }

    private void log(List<Result> results) {
        List<Result> ok = results.stream().filter(Result::ok).collect(Collectors.toList());
        if (!ok.isEmpty()) {
            log.info("Heartbeat threads run at realtime priority: " + ok.stream()
                    .map(r -> r.thread() + " SCHED_RR " + r.priority()).collect(Collectors.joining(", ")));
        }
        Map<String, List<String>> failed = new LinkedHashMap<>();
        results.stream().filter(r -> !r.ok())
                .forEach(r -> failed.computeIfAbsent(r.error(), k -> new ArrayList<>()).add(r.thread()));
        // heartbeat's words ("Unable to set scheduler parameters."), then why and what follows
        failed.forEach((why, threads) -> log.warn("Unable to set scheduler parameters (ha.cf realtime on) for "
                + String.join(", ", threads) + ": " + why + "; carrying on at normal priority"));
    }

    private synchronized LibC libc() {
        if (loaded == null) {
            loaded = libc.get();
        }
        return loaded;
    }

    private static String reason(int errno, int prio) {
        switch (errno) {
            case EPERM:
                return "EPERM (operation not permitted): SCHED_RR needs root or CAP_SYS_NICE (and, with"
                        + " realtime group scheduling, a realtime budget in the node's cgroup)";
            case EINVAL:
                return "EINVAL (invalid argument): priority " + prio + " is not valid for SCHED_RR (1..99)";
            case ESRCH:
                return "ESRCH (no such thread)";
            default:
                return "errno " + errno;
        }
    }
}
