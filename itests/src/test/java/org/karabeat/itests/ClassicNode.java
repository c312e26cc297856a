package org.karabeat.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic heartbeat 3.0.6 daemon as one node of a test cluster, in a lab namespace (test-lab-recipes.md,
 * recipe 8). {@code /etc/ha.d}, {@code /var/lib/heartbeat} and {@code /run} are private bind mounts in its
 * own mount and UTS namespaces, so nothing of the host is read or written but the package's own scripts.
 */
final class ClassicNode {

    static final String HEARTBEAT = "/usr/libexec/heartbeat/heartbeat";

    private final NetLab lab;
    private final String namespace;
    private final String name;
    private final Path dir;
    private long pid = -1;

    /** @param namespace the lab namespace it runs in; {@code name} is its {@code uname -n} */
    ClassicNode(NetLab lab, String namespace, String name) throws IOException, InterruptedException {
        this.lab = lab;
        this.namespace = namespace;
        this.name = name;
        this.dir = lab.dir().resolve("classic-" + name);
        if (!Files.exists(etc())) {
            Files.createDirectories(etc());
            Files.createDirectories(lib());
            // the package's harc, rc.d, resource.d and state layout, without any identity: a new node
            lab.sh("cp", "-a", "/etc/ha.d/.", etc().toString());
            lab.sh("cp", "-a", "/var/lib/heartbeat/.", lib().toString());
            for (String f : List.of("hb_uuid", "hb_generation", "hostcache", "delhostcache", "ha-log", "fifo")) {
                Files.deleteIfExists(lib().resolve(f));
            }
        }
    }

    String name() {
        return name;
    }

    Path etc() {
        return dir.resolve("etc");
    }

    /** Its {@code /var/lib/heartbeat}: hb_uuid, hb_generation and (by the tests' ha.cf) its log. */
    Path lib() {
        return dir.resolve("lib");
    }

    /** The log, as the tests' {@code ha.cf} names it: {@code logfile /var/lib/heartbeat/ha-log}. */
    String log() throws IOException {
        Path log = lib().resolve("ha-log");
        return Files.exists(log) ? Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
    }

    long generation() throws IOException {
        return Long.parseLong(Files.readString(lib().resolve("hb_generation")).trim());
    }

    byte[] uuid() throws IOException {
        return Files.readAllBytes(lib().resolve("hb_uuid"));
    }

    /** Writes ha.cf, authkeys (mode 600) and haresources. */
    void configure(String haCf, String authkeys, String haresources) throws IOException {
        Files.writeString(etc().resolve("ha.cf"), haCf);
        Path keys = etc().resolve("authkeys");
        Files.writeString(keys, authkeys);
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(etc().resolve("haresources"), haresources);
    }

    /** Starts the daemon (it always daemonizes) and records the PID of its master control process. */
    void start() throws IOException, InterruptedException {
        Path run = dir.resolve("run");
        lab.sh("rm", "-rf", run.toString());
        Files.createDirectories(run);
        String script = "hostname " + name + "\n"
                + "mount --bind '" + etc() + "' /etc/ha.d\n"
                + "mount --bind '" + lib() + "' /var/lib/heartbeat\n"
                + "mount --bind '" + run + "' /run\n"
                + "mkdir -p /run/heartbeat/ccm /run/heartbeat/crm /run/heartbeat/dopd /run/resource-agents /run/lock\n"
                + "chown -R hacluster:haclient /run/heartbeat; chmod -R 750 /run/heartbeat\n"
                + "exec " + HEARTBEAT + "\n";
        NetLab.Result r = NetLab.run(List.of("ip", "netns", "exec", namespace, "unshare", "--uts", "--mount", "sh", "-c",
                script), 60);
        if (r.exit() != 0) {
            throw new AssertionError("classic heartbeat " + name + " did not start (" + r.exit() + "): " + r.out()
                    + "\n" + log());
        }
        Path pidFile = run.resolve("heartbeat.pid");
        if (NetLab.await(10_000, () -> readPid(pidFile) > 0) < 0) {
            throw new AssertionError("classic heartbeat " + name + " wrote no pid file: " + log());
        }
        pid = readPid(pidFile);
    }

    private static long readPid(Path file) {
        try {
            String s = Files.exists(file) ? Files.readString(file).trim() : "";
            return s.isEmpty() ? -1 : Long.parseLong(s);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    boolean running() {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** {@code cl_status ARGS} in the daemon's namespaces; its output, trimmed, or "" when it fails. */
    String clStatus(String... args) throws IOException, InterruptedException {
        if (!running()) {
            return "";
        }
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-m", "-u", "-n", "cl_status"));
        cmd.addAll(List.of(args));
        NetLab.Result r = NetLab.run(cmd, 15);
        // nodestatus exits 1 for a dead node but still prints the word; errors print sentences
        String out = r.out().trim();
        return r.exit() == 0 || out.matches("[a-z]+") ? out : "";
    }

    /** What this node thinks of {@code node}: {@code active}, {@code dead}, ... ({@code cl_status nodestatus}). */
    String nodeStatus(String node) {
        try {
            return clStatus("nodestatus", node);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** {@code heartbeat -k}: the graceful stop administrators use; waits until the daemon has exited. */
    void stopGracefully() throws IOException, InterruptedException {
        if (!running()) {
            return;
        }
        NetLab.Result r = NetLab.run(List.of("nsenter", "-t", Long.toString(pid), "-m", "-u", "-n", HEARTBEAT, "-k"), 60);
        if (NetLab.await(30_000, () -> !running()) < 0) {
            throw new AssertionError("classic heartbeat " + name + " still runs 30 s after heartbeat -k (" + r.out()
                    + ")\n" + log());
        }
    }

    /** Kills the daemon and all its children at once, as a crash or a power cut would. */
    void kill() throws IOException, InterruptedException {
        lab.killAll(namespaceSuffix());
        NetLab.await(10_000, () -> !running());
    }

    private String namespaceSuffix() {
        return namespace.substring(namespace.lastIndexOf('-') + 1);
    }

    /** Stops it if it runs: gracefully, or killed when that fails. */
    void close() throws IOException, InterruptedException {
        if (running()) {
            try {
                stopGracefully();
            } catch (AssertionError e) {
                kill();
            }
        }
    }
}
