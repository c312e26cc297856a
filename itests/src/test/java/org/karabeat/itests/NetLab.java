package org.karabeat.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Network namespaces a test creates for itself: a bridge namespace ({@code <prefix>-br}, bridge {@code br0})
 * and node namespaces attached to it with an {@code ens160} in 192.0.2.0/24 (test-lab-recipes.md, recipe 1).
 * Every namespace is recorded; {@link #close()} kills what still runs inside each one (by the PIDs the
 * kernel lists for that namespace, never by name) and deletes it, so the host is left as it was even when
 * the test fails.
 */
final class NetLab implements AutoCloseable {

    /** A finished command. */
    record Result(int exit, String out) {
    }

    private final String prefix;
    private final Path dir;
    private final List<String> namespaces = new ArrayList<>();

    private NetLab(String prefix, Path dir) {
        this.prefix = prefix;
        this.dir = dir;
    }

    /**
     * Checks that this test can build a lab (root, iproute2, the classic heartbeat package) and fails, never
     * skips, when it cannot: these tests are what proves interoperability.
     */
    static NetLab create(Path dir) throws IOException, InterruptedException {
        String uid = run(List.of("id", "-u"), 10).out().trim();
        if (!"0".equals(uid)) {
            throw new AssertionError("the interop tests need root (network namespaces, UDP port 694): "
                    + "run tools/prerequisites.sh --test and the tests as root, as CI does");
        }
        for (String tool : List.of("/usr/sbin/ip", "/usr/bin/nsenter", "/usr/bin/unshare",
                ClassicNode.HEARTBEAT)) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new AssertionError(tool + " is missing: run tools/prerequisites.sh --test (installs iproute2, "
                        + "util-linux and the heartbeat package without starting it)");
            }
        }
        Files.createDirectories(dir);
        // short and unique: interface and namespace names are limited, parallel runs must not collide
        String prefix = "kb" + Long.toString(ProcessHandle.current().pid(), 36) + Long.toString(System.nanoTime() % 1296, 36);
        NetLab lab = new NetLab(prefix, dir);
        lab.bridge("br");
        return lab;
    }

    Path dir() {
        return dir;
    }

    /** The full name of one of this lab's namespaces. */
    String ns(String name) {
        return prefix + "-" + name;
    }

    /** Creates namespace {@code name} (recorded for cleanup) with its loopback up. */
    void namespace(String name) throws IOException, InterruptedException {
        sh("ip", "netns", "add", ns(name));
        namespaces.add(ns(name));
        sh("ip", "-n", ns(name), "link", "set", "lo", "up");
    }

    /**
     * Creates namespace {@code name} and plugs it into the bridge: {@code ens160} with {@code address}
     * (CIDR, 192.0.2.0/24 only).
     */
    void node(String name, String address) throws IOException, InterruptedException {
        namespace(name);
        attach(name, "br", "ens160", address);
    }

    /** A second LAN: bridge namespace {@code <prefix>-<bridge>} with its own {@code br0}. */
    void bridge(String bridge) throws IOException, InterruptedException {
        namespace(bridge);
        sh("ip", "-n", ns(bridge), "link", "add", "br0", "type", "bridge");
        sh("ip", "-n", ns(bridge), "link", "set", "br0", "up");
    }

    /**
     * Plugs node namespace {@code name} into {@code bridge} as interface {@code ifname} with {@code address}
     * (CIDR, 192.0.2.0/24 or 198.51.100.0/24 only). The veth is made inside the bridge namespace so that no
     * interface ever appears on the host; its bridge end is called {@code <bridge>-<name>}.
     */
    void attach(String name, String bridge, String ifname, String address) throws IOException, InterruptedException {
        if (!address.startsWith("192.0.2.") && !address.startsWith("198.51.100.")) {
            throw new IllegalArgumentException("lab addresses come from 192.0.2.0/24 and 198.51.100.0/24 only: "
                    + address);
        }
        String port = port(bridge, name);
        sh("ip", "-n", ns(bridge), "link", "add", port, "type", "veth", "peer", "name", ifname, "netns", ns(name));
        sh("ip", "-n", ns(bridge), "link", "set", port, "master", "br0", "up");
        sh("ip", "-n", ns(name), "addr", "add", address, "brd", "+", "dev", ifname);
        sh("ip", "-n", ns(name), "link", "set", ifname, "up");
    }

    /** Cuts ({@code up=false}) or restores the cable of node {@code name} on {@code bridge}. */
    void cable(String name, String bridge, boolean up) throws IOException, InterruptedException {
        sh("ip", "-n", ns(bridge), "link", "set", port(bridge, name), up ? "up" : "down");
    }

    /** The bridge end of node {@code name}'s cable on {@code bridge} (nftables rules name it). */
    static String port(String bridge, String name) {
        return bridge + "-" + name;
    }

    /** Kills every process running in namespace {@code name} (a classic daemon and its children). */
    void killAll(String name) throws IOException, InterruptedException {
        killAllIn(ns(name));
    }

    private static void killAllIn(String namespace) throws IOException, InterruptedException {
        for (String pid : run(List.of("ip", "netns", "pids", namespace), 10).out().split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
            }
        }
    }

    /** Runs a command to completion within 30 s; fails the test when it exits non-zero. */
    String sh(String... cmd) throws IOException, InterruptedException {
        Result r = run(List.of(cmd), 30);
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed with " + r.exit() + ": " + r.out());
        }
        return r.out();
    }

    /** Runs a command within {@code seconds}, stdout and stderr together; killed when it takes longer. */
    static Result run(List<String> cmd, long seconds) throws IOException, InterruptedException {
        File out = File.createTempFile("netlab", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out)
                    .redirectInput(new File("/dev/null")).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + seconds + " s: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    /** Polls {@code condition} every 100 ms for at most {@code millis}; returns the time it took, or -1. */
    static long await(long millis, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(100);
        }
        return -1;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (String n : namespaces) {
            killAllIn(n);
        }
        Thread.sleep(300); // the kernel frees a namespace once its last process is gone
        for (String n : namespaces) {
            run(List.of("ip", "netns", "del", n), 30);
        }
        namespaces.clear();
    }
}
