package org.karabeat.spi.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** One agent call made by an {@link OperationRunner}, and what came of it. */
final class Op<T> {

    final String label;
    final Duration timeout;
    /** Whether {@link ResourceCheck#WITHIN_TIMEOUT} judges this call (not the deliberately slow start). */
    final boolean judged;

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile T value;
    private volatile Throwable thrown;
    private volatile long startNanos;
    private volatile long endNanos;
    volatile Thread thread;
    /** Set when the kit interrupted the call at its timeout. */
    volatile boolean interrupted;
    volatile long interruptNanos;
    /** Threads and processes the call left running (empty when it did not return: nothing was checked). */
    volatile List<String> leftBehind = List.of();

    Op(String label, Duration timeout, boolean judged) {
        this.label = label;
        this.timeout = timeout;
        this.judged = judged;
    }

    void begin() {
        startNanos = System.nanoTime();
    }

    void end(T result, Throwable failure) {
        endNanos = System.nanoTime();
        value = result;
        thrown = failure;
        done.countDown();
    }

    boolean await(Duration d) throws InterruptedException {
        return done.await(d.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** True when the call returned or threw (within the time the kit waited). */
    boolean finished() {
        return done.getCount() == 0;
    }

    /** True when the call returned a value (possibly null) without throwing. */
    boolean returned() {
        return finished() && thrown == null;
    }

    T value() {
        return value;
    }

    Throwable thrown() {
        return thrown;
    }

    boolean threwInterrupted() {
        return finished() && thrown instanceof InterruptedException;
    }

    /** How long the call took; only meaningful once {@link #finished()}. */
    long elapsedNanos() {
        return endNanos - startNanos;
    }

    /** How long after the kit's interrupt the call ended; only meaningful when interrupted and finished. */
    long afterInterruptNanos() {
        return Math.max(0, endNanos - interruptNanos);
    }

    boolean exceededTimeout() {
        return !finished() || elapsedNanos() > timeout.toNanos();
    }

    /** What the agent did, for messages: "returned ERR_GENERIC: boom", "threw IllegalStateException: x". */
    String outcome(Function<? super T, String> format) {
        if (!finished()) {
            return "did not return: interrupted at its " + Durations.format(timeout) + " timeout, it was still running "
                    + Durations.format(OperationRunner.INTERRUPT_GRACE) + " later";
        }
        if (thrown != null) {
            if (thrown instanceof InterruptedException) {
                return interrupted ? "threw InterruptedException (interrupted at its timeout)"
                        : "threw InterruptedException without being interrupted";
            }
            String m = thrown.getMessage();
            return "threw " + thrown.getClass().getName() + (m == null ? "" : ": " + m);
        }
        if (value == null) {
            return "returned null";
        }
        return "returned " + format.apply(value);
    }

    String outcome() {
        return outcome(String::valueOf);
    }
}
