package org.karabeat.spi.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.rules.ExternalResource;

/** What the broken agents of a test leave running: let go when the test is over. */
final class LeftBehind extends ExternalResource {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());

    /** A thread named {@code name}, not started, that waits until the test is over. */
    Thread waitingThread(String name) {
        return new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
    }

    /** Starts {@code command}, destroyed when the test is over. */
    Process process(String... command) throws IOException {
        Process p = new ProcessBuilder(command).start();
        processes.add(p);
        return p;
    }

    @Override
    protected void after() {
        release.countDown();
        processes.forEach(Process::destroyForcibly);
    }
}
