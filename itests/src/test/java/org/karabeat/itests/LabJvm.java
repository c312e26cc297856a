package org.karabeat.itests;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A helper program of the test sources ({@link UdpRelay}, {@link Flooder}) run as its own JVM inside a lab
 * namespace: {@code ip netns exec NS java -cp <test classes> CLASS ARGS...}. {@code ip netns exec} execs, so the
 * recorded PID is the JVM's; {@link #close()} stops it by that PID (TERM, bounded wait, then KILL). The
 * namespace's own cleanup ({@link NetLab#close()}) is the second net.
 */
final class LabJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path out;

    private LabJvm(String name, Process process, Path out) {
        this.name = name;
        this.process = process;
        this.out = out;
    }

    /** Starts {@code main} in {@code namespace}; stdout and stderr go to {@code out}. */
    static LabJvm start(String namespace, Class<?> main, Path out, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m", "-Xmx96m", "-XX:+UseSerialGC", "-cp", classpath(main), main.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(new File("/dev/null")).start();
        return new LabJvm(main.getSimpleName(), p, out);
    }

    private static String classpath(Class<?> main) {
        try {
            // target/test-classes: the helpers use the JDK only
            return Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path output() {
        return out;
    }

    /** Waits for a normal exit at most {@code millis}; returns the exit code, or fails (and kills it). */
    int await(long millis) throws InterruptedException {
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError(name + " (pid " + pid() + ") did not finish within " + millis + " ms");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: the helpers write their last figures in a shutdown hook
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
