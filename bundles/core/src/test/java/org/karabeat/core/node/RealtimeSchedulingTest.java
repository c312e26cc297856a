package org.karabeat.core.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.Test;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * The real {@code sched_setscheduler} through JNA, each on a thread of its own, checked in
 * {@code /proc/thread-self/stat}. Run as root (as CI does), the switch must succeed; unprivileged, it must
 * fail with EPERM and a warning, and the thread must stay as it was.
 */
public class RealtimeSchedulingTest {

    private static final Supplier<RealtimeScheduling.LibC> LIBC = () -> Native.load("c", RealtimeScheduling.LibC.class);

    /** What a thread's scheduling is: policy (0 normal, 2 SCHED_RR) and realtime priority. */
    record Sched(int policy, int rtPriority) {
        static final Sched NORMAL = new Sched(0, 0);
    }

    /** Records the log lines. */
    static final class Lines implements RealtimeScheduling.Log {
        final List<String> info = new CopyOnWriteArrayList<>();
        final List<String> warn = new CopyOnWriteArrayList<>();

        @Override
        public void info(String message) {
            info.add(message);
        }

        @Override
        public void warn(String message) {
            warn.add(message);
        }
    }

    /** The calling thread's policy (field 41) and rt_priority (field 40) of its {@code stat}. */
    static Sched thisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            // fields after the command name (which may hold blanks) start with field 3
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return new Sched(Integer.parseInt(f[41 - 3]), Integer.parseInt(f[40 - 3]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code body} on a new thread named {@code name} and returns what it returned. */
    static <T> T onThread(String name, Supplier<T> body) throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(body.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        t.start();
        t.join(10_000);
        if (failure.get() != null) {
            throw new AssertionError("on " + name, failure.get());
        }
        return result.get();
    }

    private static boolean root() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                .anyMatch(l -> l.split("\\s+")[2].equals("0"));
    }

    @Test
    public void theCallingThreadAloneGoesSchedRrAndWhatItStartsDoesNot() throws Exception {
        Lines lines = new Lines();
        RealtimeScheduling rt = new RealtimeScheduling(true, 1, LIBC, lines);
        Sched[] seen = onThread("kb-test-core", () -> {
            Sched before = thisThread();
            rt.coreThreadStart().run();
            Sched after = thisThread();
            Sched[] child = new Sched[1];
            Thread c = new Thread(() -> child[0] = thisThread());
            c.start();
            try {
                c.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new Sched[] {before, after, child[0]};
        });
        rt.report();
        assertEquals(Sched.NORMAL, seen[0]);
        assertEquals("the test thread is untouched", Sched.NORMAL, thisThread());
        if (root()) {
            assertEquals("root: SCHED_RR 1 (" + lines.warn + ")", new Sched(2, 1), seen[1]);
            assertEquals("SCHED_RESET_ON_FORK: a thread it starts runs normal", Sched.NORMAL, seen[2]);
            assertEquals(List.of("Heartbeat threads run at realtime priority: kb-test-core SCHED_RR 1"), lines.info);
            assertEquals(List.of(), lines.warn);
        } else {
            assertEquals("unprivileged: unchanged", Sched.NORMAL, seen[1]);
            assertEquals(1, lines.warn.size());
            assertTrue(lines.warn.get(0), lines.warn.get(0).contains("EPERM"));
            assertEquals(List.of(), lines.info);
        }
    }

    @Test
    public void theIoThreadRunsOneLowerThanRtprioAsHeartbeatsMediaProcesses() throws Exception {
        RealtimeScheduling rt = new RealtimeScheduling(true, 50, LIBC, new Lines());
        RealtimeScheduling.Result r = onThread("kb-test-io", () -> {
            rt.ioThreadStart().run();
            return rt.raise(49); // what the hook asked for, again: the same outcome
        });
        assertEquals(49, r.priority());
        if (root()) {
            assertTrue(r.error(), r.ok());
            assertEquals(new Sched(2, 49), onThread("kb-test-io2", () -> {
                rt.ioThreadStart().run();
                return thisThread();
            }));
        }
        // rtprio 1: both threads at 1
        RealtimeScheduling one = new RealtimeScheduling(true, 1, LIBC, new Lines());
        assertEquals(1, (int) onThread("kb-test-io3", () -> {
            one.ioThreadStart().run();
            return one.raise(1).priority();
        }));
    }

    @Test
    public void anInvalidPriorityIsEinvalAWarningAndNothingChanges() throws Exception {
        Lines lines = new Lines();
        RealtimeScheduling rt = new RealtimeScheduling(true, 0, LIBC, lines);
        Object[] seen = onThread("kb-test-einval", () -> {
            RealtimeScheduling.Result r = rt.raise(0);
            return new Object[] {r, thisThread()};
        });
        RealtimeScheduling.Result r = (RealtimeScheduling.Result) seen[0];
        assertFalse(r.ok());
        // the kernel checks the priority before the privilege: EINVAL for root and others alike
        assertTrue(r.error(), r.error().startsWith("EINVAL"));
        assertEquals(Sched.NORMAL, seen[1]);
        rt.report();
        assertEquals(List.of(), lines.info);
        assertEquals(List.of("Unable to set scheduler parameters (ha.cf realtime on) for kb-test-einval: EINVAL"
                + " (invalid argument): priority 0 is not valid for SCHED_RR (1..99); carrying on at normal"
                + " priority"), lines.warn);
    }

    @Test
    public void epermNamesTheMissingPrivilegeInOneWarningForBothThreads() throws Exception {
        Lines lines = new Lines();
        RealtimeScheduling rt = new RealtimeScheduling(true, 1, () -> (pid, policy, param) -> {
            throw new LastErrorException(1);
        }, lines);
        onThread("karabeat-core", () -> rt.raise(1));
        onThread("karabeat-transport-1-1", () -> rt.raise(1));
        rt.report();
        rt.report(); // once only
        assertEquals(List.of(), lines.info);
        assertEquals(1, lines.warn.size());
        String w = lines.warn.get(0);
        assertTrue(w, w.startsWith("Unable to set scheduler parameters (ha.cf realtime on) for karabeat-core,"
                + " karabeat-transport-1-1: EPERM"));
        assertTrue(w, w.contains("CAP_SYS_NICE"));
    }

    @Test
    public void withoutLibcTheNodeCarriesOnWithAWarning() throws Exception {
        Lines lines = new Lines();
        RealtimeScheduling rt = new RealtimeScheduling(true, 1, () -> {
            throw new UnsatisfiedLinkError("no libc here");
        }, lines);
        assertFalse(onThread("kb-test-nolibc", () -> rt.raise(1)).ok());
        rt.report();
        assertEquals(1, lines.warn.size());
        assertTrue(lines.warn.get(0), lines.warn.get(0).contains("not available"));
    }

    @Test
    public void realtimeOffChangesAndLogsNothing() throws Exception {
        Lines lines = new Lines();
        RealtimeScheduling rt = new RealtimeScheduling(false, 1, () -> {
            throw new AssertionError("libc is not even loaded with realtime off");
        }, lines);
        Sched s = onThread("kb-test-off", () -> {
            rt.coreThreadStart().run();
            rt.ioThreadStart().run();
            return thisThread();
        });
        rt.report();
        assertEquals(Sched.NORMAL, s);
        assertEquals(List.of(), lines.info);
        assertEquals(List.of(), lines.warn);
    }

    @Test
    public void aThreadAfterTheReportLogsForItself() throws Exception {
        Lines lines = new Lines();
        RealtimeScheduling rt = new RealtimeScheduling(true, 0, LIBC, lines);
        rt.report();
        assertEquals(List.of(), lines.warn);
        onThread("kb-test-late", () -> rt.raise(0));
        assertEquals(1, lines.warn.size());
        assertTrue(lines.warn.get(0), lines.warn.get(0).contains("kb-test-late: EINVAL"));
    }
}
