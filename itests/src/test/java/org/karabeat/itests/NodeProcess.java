package org.karabeat.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/karabeat} from an unpacked distribution as a real process, with its own
 * {@code KARABEAT_BASE}; records the PID and always kills what it started.
 */
final class NodeProcess implements AutoCloseable {

    /** A finished command. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private final Path home;
    private final Path base;
    private final Map<String, String> env;
    private Process node;
    private List<String> wrapper = List.of();

    NodeProcess(Path home, Path base, Map<String, String> env) {
        this.home = home;
        this.base = base;
        this.env = env;
    }

    Path base() {
        return base;
    }

    /** Runs the node inside a network namespace ({@code ip netns exec NS}); the PID is still the node's. */
    NodeProcess inNamespace(String namespace) {
        wrapper = List.of("ip", "netns", "exec", namespace);
        return this;
    }

    /** Starts {@code bin/karabeat run} in a new session (no controlling terminal), stdin from /dev/null. */
    Process startRun() throws IOException {
        return start("run", ProcessBuilder.Redirect.from(new File("/dev/null")));
    }

    /** Starts {@code bin/karabeat console} with its stdin on a pipe the test writes commands to. */
    Process startConsole() throws IOException {
        return start("console", ProcessBuilder.Redirect.PIPE);
    }

    private Process start(String command, ProcessBuilder.Redirect stdin) throws IOException {
        Files.createDirectories(base);
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(List.of("setsid", home.resolve("bin/karabeat").toString(), command));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(stdin)
                .redirectOutput(base.resolve("run.out").toFile())
                .redirectError(base.resolve("run.err").toFile());
        pb.environment().putAll(env);
        pb.environment().put("KARABEAT_BASE", base.toString());
        node = pb.start();
        return node;
    }

    Process process() {
        return node;
    }

    String runStdout() throws IOException {
        return Files.readString(base.resolve("run.out"), StandardCharsets.UTF_8);
    }

    String runStderr() throws IOException {
        return Files.readString(base.resolve("run.err"), StandardCharsets.UTF_8);
    }

    /** Runs {@code bin/karabeat ARGS...} to completion (bounded). */
    Result karabeat(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/karabeat").toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(base, "cmd", ".out");
        Path err = Files.createTempFile(base, "cmd", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(new File("/dev/null")).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        pb.environment().put("KARABEAT_BASE", base.toString());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("bin/karabeat " + String.join(" ", args) + " did not finish within 60 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** Polls {@code bin/karabeat status} until it answers; returns the milliseconds waited. */
    long awaitReady(long timeoutMillis) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (node != null && !node.isAlive()) {
                throw new AssertionError("node exited with " + node.exitValue() + ": " + runStderr());
            }
            if (Files.exists(base.resolve("data/karabeat.sock")) && karabeat("status").exit() == 0) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("node not ready within " + timeoutMillis + " ms: " + runStderr());
    }

    /** SIGKILL: the node dies at once, as in a crash; no goodbye reaches its peers. */
    void kill() throws InterruptedException {
        if (node != null && node.isAlive()) {
            node.destroyForcibly();
            node.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM and wait: a graceful stop; returns the exit code. */
    int stop() throws InterruptedException {
        node.destroy();
        if (!node.waitFor(30, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("node did not stop within 30 s of SIGTERM");
        }
        return node.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (node != null && node.isAlive()) {
            node.destroy();
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
