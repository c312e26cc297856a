package org.karabeat.spi.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Runs agent calls the way the node does: each on a thread of its own, interrupted at the request's
 * timeout. Afterwards it looks for threads and child processes the call started and left running, allowing
 * a grace period for them to end.
 */
final class OperationRunner {

    /** How long an interrupted call may take to return or throw. */
    static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final long POLL_NANOS = 10_000_000L;

    /** A call to an agent. */
    interface AgentCall<T> {
        T call() throws Exception;
    }

    private final Duration threadGrace;
    private final Predicate<Thread> ignored;
    private final Set<Thread> kitThreads = ConcurrentHashMap.newKeySet();
    private final List<Op<?>> ops = new ArrayList<>();

    OperationRunner(Duration threadGrace, Predicate<Thread> ignored) {
        this.threadGrace = threadGrace;
        this.ignored = ignored;
    }

    /** Every call made so far, in order. */
    List<Op<?>> ops() {
        return Collections.unmodifiableList(ops);
    }

    /**
     * Calls {@code call} on a new thread and waits up to {@code timeout}; then interrupts it and waits up
     * to {@link #INTERRUPT_GRACE} more. A call still running after that is left to finish on its own.
     */
    <T> Op<T> run(String label, Duration timeout, boolean judged, AgentCall<T> call) {
        Op<T> op = new Op<>(label, timeout, judged);
        ops.add(op);
        Set<Thread> threadsBefore = liveThreads();
        Set<Long> processesBefore = childProcesses();
        Thread t = new Thread(() -> {
            op.begin();
            T value = null;
            Throwable failure = null;
            try {
                value = call.call();
            } catch (Throwable e) {
                failure = e;
            }
            op.end(value, failure);
        }, "karabeat-testkit-" + SEQUENCE.incrementAndGet() + "-" + label.replace(' ', '-'));
        t.setDaemon(true);
        kitThreads.add(t);
        op.thread = t;
        try {
            t.start();
            if (!op.await(timeout)) {
                op.interruptNanos = System.nanoTime();
                op.interrupted = true;
                t.interrupt();
                op.await(INTERRUPT_GRACE);
            }
            if (op.finished()) {
                t.join(1000);
                op.leftBehind = leftBehind(threadsBefore, processesBefore);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.interrupt();
            throw new IllegalStateException("interrupted while waiting for " + label, e);
        }
        return op;
    }

    /** Waits up to {@code max} for a call that did not finish in time; true when it has finished. */
    boolean awaitEnd(Op<?> op, Duration max) {
        try {
            return op.await(max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + op.label, e);
        }
    }

    private List<String> leftBehind(Set<Thread> threadsBefore, Set<Long> processesBefore) throws InterruptedException {
        long deadline = System.nanoTime() + threadGrace.toNanos();
        while (true) {
            List<String> left = new ArrayList<>();
            for (Thread t : liveThreads()) {
                if (!threadsBefore.contains(t) && !kitThreads.contains(t) && t.isAlive() && !jdkOwned(t)
                        && !ignored.test(t)) {
                    left.add("thread '" + t.getName() + "' (" + (t.isDaemon() ? "daemon" : "non-daemon") + ", "
                            + t.getState() + ")");
                }
            }
            for (ProcessHandle p : descendants()) {
                if (!processesBefore.contains(p.pid()) && p.isAlive()) {
                    left.add("process " + p.pid() + p.info().commandLine().map(c -> " (" + c + ")").orElse(""));
                }
            }
            if (left.isEmpty() || System.nanoTime() - deadline > 0) {
                Collections.sort(left);
                return left;
            }
            Thread.sleep(POLL_NANOS / 1_000_000L);
        }
    }

    /** For the within-timeout check: every judged call that did not return within its request's timeout. */
    List<String> timeoutProblems() {
        List<String> problems = new ArrayList<>();
        for (Op<?> op : ops) {
            if (!op.judged || !op.exceededTimeout()) {
                continue;
            }
            if (op.finished()) {
                problems.add(op.label + " took " + Durations.formatNanos(op.elapsedNanos()) + ", more than its "
                        + Durations.format(op.timeout) + " timeout");
            } else {
                problems.add(op.label + " did not return within its " + Durations.format(op.timeout)
                        + " timeout and was still running " + Durations.format(INTERRUPT_GRACE) + " after the interrupt");
            }
        }
        if (!problems.isEmpty()) {
            problems.set(0, "every operation must return within the request's timeout (the node interrupts it"
                    + " there and counts it failed); " + problems.get(0));
        }
        return problems;
    }

    String timeoutSummary() {
        Op<?> slowest = null;
        int judged = 0;
        for (Op<?> op : ops) {
            if (op.judged) {
                judged++;
                if (slowest == null || op.elapsedNanos() > slowest.elapsedNanos()) {
                    slowest = op;
                }
            }
        }
        return slowest == null ? "no operation was run"
                : "all " + judged + " operations returned within their timeout; the slowest, " + slowest.label + ", took "
                        + Durations.formatNanos(slowest.elapsedNanos()) + " of " + Durations.format(slowest.timeout);
    }

    /** For the no-thread-left check: every call that left a thread or process running. */
    List<String> leftBehindProblems() {
        List<String> problems = new ArrayList<>();
        for (Op<?> op : ops) {
            if (!op.leftBehind.isEmpty()) {
                problems.add(op.label + " left " + String.join(", ", op.leftBehind) + " running "
                        + Durations.format(threadGrace) + " after it returned");
            }
        }
        if (!problems.isEmpty()) {
            problems.set(0, "an operation must not leave threads or processes behind (the node runs many, for"
                    + " months); " + problems.get(0));
        }
        return problems;
    }

    String leftBehindSummary() {
        int checked = 0;
        int unchecked = 0;
        for (Op<?> op : ops) {
            if (op.finished()) {
                checked++;
            } else {
                unchecked++;
            }
        }
        return "no thread or process left behind by " + checked + " operations (" + Durations.format(threadGrace)
                + " grace)" + (unchecked == 0 ? "" : "; " + unchecked + " that did not return could not be checked");
    }

    Duration threadGrace() {
        return threadGrace;
    }

    private static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    private static Set<Long> childProcesses() {
        Set<Long> pids = new HashSet<>();
        for (ProcessHandle p : descendants()) {
            pids.add(p.pid());
        }
        return pids;
    }

    private static List<ProcessHandle> descendants() {
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(out::add);
        return out;
    }

    /**
     * Threads the JDK starts and keeps for itself on first use of a feature (the common fork-join pool,
     * the process reaper, HTTP keep-alive, the cleaner): not the agent's to stop. A child process the agent
     * leaves behind is reported as a process.
     */
    static boolean jdkOwned(Thread t) {
        ThreadGroup g = t.getThreadGroup();
        if (g != null && ("system".equals(g.getName()) || "InnocuousThreadGroup".equals(g.getName()))) {
            return true;
        }
        String n = t.getName();
        return n.startsWith("ForkJoinPool.commonPool-worker-") || n.equals("process reaper")
                || n.equals("Common-Cleaner") || n.equals("Attach Listener") || n.startsWith("Keep-Alive-")
                || n.equals("Signal Dispatcher") || n.equals("Reference Handler") || n.equals("Finalizer")
                || n.equals("Notification Thread") || n.startsWith("JFR ");
    }
}
