package org.karabeat.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.json.JsonNumber;
import javax.json.JsonObject;
import javax.json.JsonValue;

/**
 * Two Karabeat nodes ({@code node1} in namespace {@code n1} at 192.0.2.1, {@code node2} in {@code n2} at
 * 192.0.2.2) on the lab's bridge {@code br}, and what the transport tests read from them: counters, states,
 * logs, RSS, the kernel's UDP figures, nftables faults in the bridge namespace. Everything it starts is
 * stopped by {@link #close()}, also when a test fails.
 */
final class LabPair implements AutoCloseable {

    /**
     * The lines that may say a node or a link was declared dead ({@code node hb2: is dead}, {@code Link hb2:ens160
     * dead.}, a late heartbeat beyond deadtime), and a partition healing: every line with "dead" in it.
     */
    static final Pattern DEAD = Pattern.compile("(?i)dead|returning after partition");

    final NetLab lab;
    final Path home;
    final Path work;
    final String keys;
    NodeProcess node1;
    NodeProcess node2;
    private final List<AutoCloseable> helpers = new ArrayList<>();

    private LabPair(NetLab lab, Path home, Path work, String keys) {
        this.lab = lab;
        this.home = home;
        this.work = work;
        this.keys = keys;
    }

    /** A fresh distribution and lab under {@code target/<name>}, with n1 and n2 on the bridge. */
    static LabPair create(String name) throws IOException, InterruptedException {
        Path home = Distribution.unpackFresh(name);
        Path work = Path.of("target", name).toAbsolutePath();
        new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor(60, TimeUnit.SECONDS);
        NetLab lab = NetLab.create(work.resolve("lab"));
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        LabPair pair = new LabPair(lab, home, work, "auth 1\n1 sha1 " + HexFormat.of().formatHex(secret) + "\n");
        try {
            lab.node("n1", "192.0.2.1/24");
            lab.node("n2", "192.0.2.2/24");
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            lab.close();
            throw e;
        }
        return pair;
    }

    /**
     * An ha.cf with the given timing lines ({@code keepalive 1\ndeadtime 10\n...}) and media lines; its
     * {@code logfile} is {@code <base>/log/heartbeat.log} of the node that gets it.
     */
    static String haCf(String timing, String media) {
        return "logfile @LOG@\n" + timing + "udpport 694\n" + media + "auto_failback on\nnode node1 node2\n";
    }

    /** The cluster's authkeys as a file (for the flooder, which signs with it). */
    Path authkeysFile() throws IOException {
        Path f = work.resolve("authkeys");
        if (!Files.exists(f)) {
            Files.writeString(f, keys);
        }
        return f;
    }

    /** Starts both nodes, waits until each sees the other active. */
    void start(String haCf1, String haCf2) throws Exception {
        node1 = create(1, haCf1);
        node2 = create(2, haCf2);
        node1.startRun();
        node2.startRun();
        node1.awaitReady(60_000);
        node2.awaitReady(60_000);
        awaitOrFail(40_000, "node1 sees node2 active", () -> "active".equals(LabKarabeat.stateOf(node1, "node2")));
        awaitOrFail(40_000, "node2 sees node1 active", () -> "active".equals(LabKarabeat.stateOf(node2, "node1")));
    }

    private NodeProcess create(int i, String haCf) throws IOException, InterruptedException {
        Path base = work.resolve("node" + i);
        return LabKarabeat.create(home, base, lab.ns("n" + i), "node" + i,
                haCf.replace("@LOG@", base.resolve("log/heartbeat.log").toString()), keys, "", base.resolve("state"));
    }

    /** Starts a helper JVM in namespace {@code ns}; it is stopped (by PID) when the pair closes. */
    LabJvm jvm(String ns, Class<?> main, String out, List<String> args) throws IOException {
        LabJvm j = LabJvm.start(lab.ns(ns), main, work.resolve(out), args);
        helpers.add(j);
        return j;
    }

    void awaitOrFail(long millis, String what, BooleanSupplier condition) throws Exception {
        if (NetLab.await(millis, condition) < 0) {
            throw new AssertionError(what + " not within " + millis + " ms" + logs());
        }
    }

    String logs() throws IOException {
        return "\n--- node1 log\n" + tail(node1) + "\n--- node2 log\n" + tail(node2);
    }

    private static String tail(NodeProcess n) throws IOException {
        if (n == null) {
            return "";
        }
        String log = LabKarabeat.log(n);
        return log.length() > 20_000 ? "..." + log.substring(log.length() - 20_000) : log;
    }

    /** The lines of a node's log that declare something dead. */
    static List<String> deadLines(NodeProcess node) throws IOException {
        return LabKarabeat.log(node).lines().filter(l -> DEAD.matcher(l).find()).toList();
    }

    // ---- status

    /** transport.counters of a node's status; fails when it does not answer. */
    static Map<String, Long> counters(NodeProcess node) throws IOException, InterruptedException {
        JsonObject s = LabKarabeat.status(node);
        if (s == null) {
            throw new AssertionError("no status from " + node.base());
        }
        return counters(s);
    }

    static Map<String, Long> counters(JsonObject status) {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, JsonValue> e : status.getJsonObject("transport").getJsonObject("counters").entrySet()) {
            out.put(e.getKey(), ((JsonNumber) e.getValue()).longValue());
        }
        return out;
    }

    static long get(Map<String, Long> counters, String key) {
        return counters.getOrDefault(key, 0L);
    }

    /**
     * A counter the test cannot do without: fails, naming it, when the node does not report it (the delivery
     * audit's {@code core.*} counters come from another branch).
     */
    static long required(Map<String, Long> counters, String key, String node) {
        Long v = counters.get(key);
        if (v == null) {
            throw new AssertionError("counter " + key + " is not reported by " + node
                    + " (transport.counters has " + counters.keySet() + ")");
        }
        return v;
    }

    /** Sum of the {@code dropped.*} counters. */
    static long dropped(Map<String, Long> counters) {
        return counters.entrySet().stream().filter(e -> e.getKey().startsWith("dropped."))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** {@code after - before} of every counter that moved. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    // ---- the host's view

    /** VmRSS of a process in KiB, or -1 when it is gone. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone
        }
        return -1;
    }

    /** The kernel's UDP figures ({@code InDatagrams}, {@code RcvbufErrors}, ...) in namespace {@code ns}. */
    Map<String, Long> udpStats(String ns) throws IOException, InterruptedException {
        String snmp = lab.sh("ip", "netns", "exec", lab.ns(ns), "cat", "/proc/net/snmp");
        List<String> udp = snmp.lines().filter(l -> l.startsWith("Udp:")).toList();
        Map<String, Long> out = new TreeMap<>();
        if (udp.size() >= 2) {
            String[] names = udp.get(0).split("\\s+");
            String[] values = udp.get(1).split("\\s+");
            for (int i = 1; i < Math.min(names.length, values.length); i++) {
                out.put(names[i], Long.parseLong(values[i]));
            }
        }
        return out;
    }

    // ---- faults: nftables in a bridge namespace (test-lab-recipes.md, net-faults.sh)

    /** Drops {@code percent} % of the frames between the bridge ports of {@code a} and {@code b}, both ways. */
    void loss(String bridge, String a, String b, int percent) throws IOException, InterruptedException {
        nftTable(bridge);
        String ports = "{ " + NetLab.port(bridge, a) + ", " + NetLab.port(bridge, b) + " }";
        lab.sh("ip", "netns", "exec", lab.ns(bridge), "nft", "add rule bridge lab cut iifname " + ports + " oifname "
                + ports + (percent >= 100 ? "" : " numgen random mod 100 < " + percent) + " counter drop");
    }

    /** Drops every frame from {@code from}'s port to {@code to}'s port. */
    void oneway(String bridge, String from, String to) throws IOException, InterruptedException {
        nftTable(bridge);
        lab.sh("ip", "netns", "exec", lab.ns(bridge), "nft", "add rule bridge lab cut iifname "
                + NetLab.port(bridge, from) + " oifname " + NetLab.port(bridge, to) + " counter drop");
    }

    /** Removes every fault of the bridge. */
    void heal(String bridge) throws IOException, InterruptedException {
        NetLab.run(List.of("ip", "netns", "exec", lab.ns(bridge), "nft", "delete table bridge lab"), 30);
    }

    /** Frames dropped by the rules of the bridge so far (the sum of their counters). */
    long nftDropped(String bridge) throws IOException, InterruptedException {
        NetLab.Result r = NetLab.run(List.of("ip", "netns", "exec", lab.ns(bridge), "nft", "list table bridge lab"), 30);
        long sum = 0;
        Matcher m = Pattern.compile("counter packets (\\d+)").matcher(r.out());
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    private void nftTable(String bridge) throws IOException, InterruptedException {
        NetLab.Result r = NetLab.run(List.of("ip", "netns", "exec", lab.ns(bridge), "nft", "list table bridge lab"), 30);
        if (r.exit() != 0) {
            lab.sh("ip", "netns", "exec", lab.ns(bridge), "nft",
                    "add table bridge lab { chain cut { type filter hook forward priority 0; policy accept; }; }");
        }
    }

    // ---- watching

    /**
     * Polls {@code bin/karabeat status --json} of both nodes every {@code periodMs} on its own thread and
     * records every sample in which a node does not see itself and its peer active.
     */
    Watch watch(long periodMs) {
        Watch w = new Watch(periodMs);
        helpers.add(w);
        w.thread.start();
        return w;
    }

    final class Watch implements AutoCloseable {
        private final Thread thread;
        private volatile boolean stop;
        private int samples;
        private int unanswered;
        private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

        private Watch(long periodMs) {
            thread = new Thread(() -> {
                while (!stop) {
                    long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(periodMs);
                    check(node1, "node1", "node2");
                    check(node2, "node2", "node1");
                    long wait = TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime());
                    if (wait > 0 && !stop) {
                        try {
                            Thread.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "watch");
            thread.setDaemon(true);
        }

        private void check(NodeProcess node, String self, String peer) {
            try {
                JsonObject s = LabKarabeat.status(node);
                synchronized (this) {
                    samples++;
                    if (s == null) {
                        unanswered++;
                        return;
                    }
                }
                String own = LabKarabeat.node(s, self).getString("state");
                String other = LabKarabeat.node(s, peer).getString("state");
                if (!"active".equals(own) || !"active".equals(other)) {
                    violations.add(LocalTime.now() + " " + self + " is " + own + " and sees " + peer + " " + other);
                }
            } catch (Exception | AssertionError e) {
                synchronized (this) {
                    unanswered++;
                }
            }
        }

        synchronized int samples() {
            return samples;
        }

        synchronized int unanswered() {
            return unanswered;
        }

        List<String> violations() {
            synchronized (violations) {
                return List.copyOf(violations);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(TimeUnit.SECONDS.toMillis(130)); // a status call is bounded to 60 s, two per round
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = helpers.size() - 1; i >= 0; i--) {
            try {
                helpers.get(i).close();
            } catch (Exception e) {
                System.err.println("closing " + helpers.get(i) + ": " + e);
            }
        }
        for (NodeProcess n : new NodeProcess[] {node1, node2}) {
            if (n != null) {
                n.close();
            }
        }
        lab.close();
    }
}
