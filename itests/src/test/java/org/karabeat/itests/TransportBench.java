package org.karabeat.itests;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * Benchmark of issue 6, not a test (run by {@code bench/transport.sh}; failsafe's default includes do not
 * match the name, so CI never runs it). Karabeat next to the classic heartbeat 3.0.6 daemon, measured the
 * same way in the same run, at {@code keepalive 100ms}, {@code deadtime 500ms}:
 * <ol>
 * <li>the wire codec's encode/decode rate with HMAC-SHA1 on one core (Karabeat only, {@link CodecBench});</li>
 * <li>the interval between a node's {@code t=status} heartbeats, idle and while busy loops load both cores,
 * timestamped by the kernel as they cross the lab bridge ({@link HeartbeatCapture});</li>
 * <li>"is dead" declarations (and "Late heartbeat" warnings) during that load, in both nodes' logs of a
 * Karabeat pair and of a classic pair (two-node clusters of one kind each, running side by side);</li>
 * <li>detection of a {@code kill -9}ed peer: Karabeat and classic each as survivor, of each kind of peer;</li>
 * <li>idle CPU and memory of a node (the process and its children).</li>
 * </ol>
 * Prints a Markdown table (also written to {@code target/bench-transport/result.md}); asserts nothing about
 * the figures. Durations are system properties: {@code bench.load.seconds} (600), {@code bench.rounds} (5),
 * {@code bench.idle.after} (60), {@code bench.idle.over} (60), {@code bench.burners} (2),
 * {@code bench.codec.warmup} (6 s), {@code bench.codec.batches} (7).
 */
public class TransportBench {

    private static final int LOAD_SECONDS = Integer.getInteger("bench.load.seconds", 600);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int IDLE_AFTER = Integer.getInteger("bench.idle.after", 60);
    private static final int IDLE_OVER = Integer.getInteger("bench.idle.over", 60);
    private static final int BURNERS = Integer.getInteger("bench.burners", 2);
    private static final int CODEC_WARMUP = Integer.getInteger("bench.codec.warmup", 6);
    private static final int CODEC_BATCHES = Integer.getInteger("bench.codec.batches", 7);

    private static final long KEEPALIVE_MS = 100;
    private static final long DEADTIME_MS = 500;
    private static final long WARNTIME_MS = 250;
    private static final Pattern DEAD = Pattern.compile("node \\S+: is dead");
    private static final Pattern LATE = Pattern.compile("Late heartbeat");

    /** One detection round: ms from the kill command to the log line, and both moments (epoch microseconds). */
    private record Round(long ms, long killMicros, long detectMicros) {
    }

    /** Something that may throw, for the detection rounds. */
    private interface Action {
        void run() throws Exception;
    }

    private static String haCf(String logfile, String peer, String a, String b) {
        return "logfile " + logfile + "\nkeepalive " + KEEPALIVE_MS + "ms\ndeadtime " + DEADTIME_MS + "ms\nwarntime "
                + WARNTIME_MS + "ms\ninitdead 12\nudpport 694\nucast ens160 " + peer + "\nauto_failback on\nnode " + a
                + " " + b + "\ncrm no\n";
    }

    private final StringBuilder report = new StringBuilder();

    @Test
    public void transport() throws Exception {
        Path home = Distribution.unpackFresh("transport-bench");
        Path work = Path.of("target", "bench-transport").toAbsolutePath();
        new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor(60, TimeUnit.SECONDS);
        Files.createDirectories(work);
        byte[] raw = new byte[16];
        new SecureRandom().nextBytes(raw);
        String secret = HexFormat.of().formatHex(raw);
        String keys = "auth 1\n1 sha1 " + secret + "\n";
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        progress("load average before the run: " + loadBefore);

        Map<String, double[]> idleIntervals = new LinkedHashMap<>();
        Map<String, double[]> loadIntervals = new LinkedHashMap<>();
        Map<String, ProcStats.Sample[]> idle = new LinkedHashMap<>();
        Map<String, int[]> deadLate = new LinkedHashMap<>();
        Map<String, String> policies = new LinkedHashMap<>();
        double machineIdleBusy;
        double machineLoadBusy;
        double burnersCpu;
        byte[] karabeatStatus;
        Map<String, List<Round>> detection = new LinkedHashMap<>();
        Map<String, List<HeartbeatCapture.Status>> killedSent = new LinkedHashMap<>();
        String kkDead = "Karabeat detects killed Karabeat";
        String ccDead = "classic detects killed classic";
        String kcDead = "Karabeat detects killed classic";
        String ckDead = "classic detects killed Karabeat";

        try (NetLab lab = NetLab.create(work.resolve("lab"))) {
            lab.node("k1", "192.0.2.1/24");
            lab.node("k2", "192.0.2.2/24");
            lab.node("c1", "192.0.2.3/24");
            lab.node("c2", "192.0.2.4/24");
            lab.node("x1", "192.0.2.11/24");
            lab.node("x2", "192.0.2.12/24");
            NodeProcess k1 = karabeat(lab, home, work, "k1", "192.0.2.2", "k1", "k2", keys);
            NodeProcess k2 = karabeat(lab, home, work, "k2", "192.0.2.1", "k1", "k2", keys);
            ClassicNode c1 = classic(lab, "c1", "192.0.2.4", "c1", "c2", keys);
            ClassicNode c2 = classic(lab, "c2", "192.0.2.3", "c1", "c2", keys);
            List<HeartbeatCapture> captures = new ArrayList<>();
            List<Process> burners = new ArrayList<>();
            try {
                // ---- 1. both pairs up, captured from the start
                Map<String, HeartbeatCapture> capture = new LinkedHashMap<>();
                for (String n : List.of("k1", "k2", "c1", "c2")) {
                    HeartbeatCapture c = HeartbeatCapture.start(lab.ns("br"), "br-" + n, work.resolve(n + ".pcap"));
                    captures.add(c);
                    capture.put(n, c);
                }
                c1.start();
                c2.start();
                k1.startRun();
                k2.startRun();
                long started = System.nanoTime();
                k1.awaitReady(60_000);
                k2.awaitReady(60_000);
                if (NetLab.await(60_000, () -> active(k1, "k2") && active(k2, "k1") && "active".equals(c1.nodeStatus("c2"))
                        && "active".equals(c2.nodeStatus("c1"))) < 0) {
                    throw new AssertionError("the pairs did not form:\n" + LabKarabeat.log(k1) + "\n" + c1.log());
                }
                progress("both pairs active after " + ms(System.nanoTime() - started) + " ms");
                Map<String, Long> pids = new LinkedHashMap<>();
                pids.put("k1", k1.process().pid());
                pids.put("k2", k2.process().pid());
                pids.put("c1", classicPid(c1));
                pids.put("c2", classicPid(c2));

                // ---- 2. idle: CPU and memory, and the heartbeat intervals of the same window
                sleepUntil(started + TimeUnit.SECONDS.toNanos(IDLE_AFTER));
                long[] cpu0 = machineCpu();
                Map<String, ProcStats.Sample> s0 = new LinkedHashMap<>();
                for (var e : pids.entrySet()) {
                    s0.put(e.getKey(), ProcStats.sample(e.getValue()));
                }
                long idleFrom = epochMicros();
                Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_OVER));
                long idleTo = epochMicros();
                long[] cpu1 = machineCpu();
                for (var e : pids.entrySet()) {
                    ProcStats.Sample b = ProcStats.sample(e.getValue());
                    idle.put(e.getKey(), new ProcStats.Sample[] {s0.get(e.getKey()), b});
                    policies.put(e.getKey(), b.policies());
                }
                machineIdleBusy = busyPercent(cpu0, cpu1);
                progress("idle window done");

                // ---- 3. under load: busy loops on every core
                Map<String, Path> logs = new LinkedHashMap<>();
                logs.put("k1", k1.base().resolve("log/heartbeat.log"));
                logs.put("k2", k2.base().resolve("log/heartbeat.log"));
                logs.put("c1", c1.lib().resolve("ha-log"));
                logs.put("c2", c2.lib().resolve("ha-log"));
                Map<String, Long> offsets = new LinkedHashMap<>();
                for (var e : logs.entrySet()) {
                    offsets.put(e.getKey(), size(e.getValue()));
                }
                for (int i = 0; i < BURNERS; i++) {
                    burners.add(new ProcessBuilder("ip", "netns", "exec", lab.ns("br"), "sh", "-c", "while :; do :; done")
                            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.DISCARD).start());
                }
                long[] lcpu0 = machineCpu();
                List<ProcStats.Sample> b0 = new ArrayList<>();
                for (Process b : burners) {
                    b0.add(ProcStats.sample(b.pid()));
                }
                long loadFrom = epochMicros();
                progress("load: " + BURNERS + " busy loops (pids " + burners.stream().map(p -> Long.toString(p.pid()))
                        .toList() + ") for " + LOAD_SECONDS + " s");
                for (int s = 0; s < LOAD_SECONDS; s += 60) {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(Math.min(60, LOAD_SECONDS - s)));
                    progress("  " + Math.min(LOAD_SECONDS, s + 60) + " s of load");
                }
                long loadTo = epochMicros();
                long[] lcpu1 = machineCpu();
                double burned = 0;
                for (int i = 0; i < burners.size(); i++) {
                    burned += ProcStats.cpuPercent(b0.get(i), ProcStats.sample(burners.get(i).pid()));
                }
                burnersCpu = burned;
                machineLoadBusy = busyPercent(lcpu0, lcpu1);
                stopAll(burners);
                for (var e : logs.entrySet()) {
                    String text = readFrom(e.getValue(), offsets.get(e.getKey()));
                    deadLate.put(e.getKey(), new int[] {count(DEAD, text), count(LATE, text)});
                    Files.writeString(work.resolve(e.getKey() + "-load.log"), text);
                }
                for (HeartbeatCapture c : captures) {
                    c.close();
                }
                for (var e : capture.entrySet()) {
                    List<HeartbeatCapture.Status> st = e.getValue().statuses();
                    idleIntervals.put(e.getKey(), HeartbeatCapture.intervalsMs(st, idleFrom, idleTo));
                    loadIntervals.put(e.getKey(), HeartbeatCapture.intervalsMs(st, loadFrom, loadTo));
                }
                List<HeartbeatCapture.Status> k1Status = capture.get("k1").statuses();
                if (k1Status.isEmpty()) {
                    throw new AssertionError("no status message of k1 captured");
                }
                karabeatStatus = k1Status.get(k1Status.size() / 2).udpPayload();
                progress("load done");

                // ---- 4. detection of a killed peer, one pair at a time; the killed node's port is captured
                try (HeartbeatCapture c = HeartbeatCapture.start(lab.ns("br"), "br-k2", work.resolve("k2-kill.pcap"))) {
                    detection.put(kkDead, rounds(kkDead, () -> active(k1, "k2") && active(k2, "k1"),
                            logs.get("k1"), "node k2: is dead", k2::kill, () -> {
                                k2.startRun();
                                k2.awaitReady(60_000);
                            }));
                    c.close();
                    killedSent.put(kkDead, c.statuses());
                }
                k1.close();
                k2.close();
                try (HeartbeatCapture c = HeartbeatCapture.start(lab.ns("br"), "br-c2", work.resolve("c2-kill.pcap"))) {
                    detection.put(ccDead, rounds(ccDead, () -> "active".equals(c1.nodeStatus("c2"))
                            && "active".equals(c2.nodeStatus("c1")), logs.get("c1"), "node c2: is dead", c2::kill,
                            c2::start));
                    c.close();
                    killedSent.put(ccDead, c.statuses());
                }
                c1.kill();
                c2.kill();
                NodeProcess x1 = karabeat(lab, home, work, "x1", "192.0.2.12", "node1", "node2", keys, "node1");
                ClassicNode x2 = classic(lab, "x2", "192.0.2.11", "node1", "node2", keys, "node2");
                HeartbeatCapture cx1 = HeartbeatCapture.start(lab.ns("br"), "br-x1", work.resolve("x1-kill.pcap"));
                HeartbeatCapture cx2 = HeartbeatCapture.start(lab.ns("br"), "br-x2", work.resolve("x2-kill.pcap"));
                try {
                    x2.start();
                    x1.startRun();
                    x1.awaitReady(60_000);
                    Path x1Log = x1.base().resolve("log/heartbeat.log");
                    Path x2Log = x2.lib().resolve("ha-log");
                    List<Round> kc = new ArrayList<>();
                    List<Round> ck = new ArrayList<>();
                    for (int r = 1; r <= ROUNDS; r++) {
                        kc.add(round(kcDead, r, () -> active(x1, "node2") && "active".equals(x2.nodeStatus("node1")),
                                x1Log, "node node2: is dead", x2::kill, x2::start));
                        ck.add(round(ckDead, r, () -> active(x1, "node2") && "active".equals(x2.nodeStatus("node1")),
                                x2Log, "node node1: is dead", x1::kill, () -> {
                                    x1.startRun();
                                    x1.awaitReady(60_000);
                                }));
                    }
                    detection.put(kcDead, kc);
                    detection.put(ckDead, ck);
                    cx1.close();
                    cx2.close();
                    killedSent.put(kcDead, cx2.statuses());
                    killedSent.put(ckDead, cx1.statuses());
                } finally {
                    cx1.close();
                    cx2.close();
                    x1.close();
                    x2.kill();
                }
            } finally {
                stopAll(burners);
                for (HeartbeatCapture c : captures) {
                    c.close();
                }
                k1.close();
                k2.close();
                c1.kill();
                c2.kill();
            }
        }

        // ---- 5. the codec, with nothing else of ours running
        CodecBench codec = new CodecBench(secret, karabeatStatus);
        List<CodecBench.Result> codecResults = codec.run(CODEC_WARMUP, CODEC_BATCHES);

        // ---- the table
        line("`bench/transport.sh " + LOAD_SECONDS + " " + ROUNDS + "` (" + java.time.LocalDate.now() + "; load average "
                + "before: " + loadBefore + "): `keepalive 100ms`, `deadtime 500ms`, `warntime 250ms`, `ucast`, sha1, "
                + "in network namespaces on one bridge.");
        line("");
        line("| | Karabeat | classic heartbeat 3.0.6 |");
        line("|---|---|---|");
        for (CodecBench.Result r : codecResults) {
            line("| codec, " + r.what() + ", messages/s on one core (median of " + CODEC_BATCHES + " 1-s batches, "
                    + "min-max) | " + CodecBench.format(r.median()) + " (" + CodecBench.format(r.min()) + "-"
                    + CodecBench.format(r.max()) + ") | n/a |");
        }
        line("| keepalive interval idle, ms: p50 / p99 / max (n) | " + intervals(idleIntervals, "k") + " | "
                + intervals(idleIntervals, "c") + " |");
        line("| keepalive interval, " + BURNERS + " busy loops on " + Runtime.getRuntime().availableProcessors()
                + " cores, ms: p50 / p99 / max (n) | " + intervals(loadIntervals, "k") + " | "
                + intervals(loadIntervals, "c") + " |");
        line("| `is dead` declared in " + LOAD_SECONDS + " s under that load (both nodes of a pair) | "
                + sum(deadLate, "k", 0) + " | " + sum(deadLate, "c", 0) + " |");
        line("| `Late heartbeat` warnings (> warntime 250 ms) in that time | " + sum(deadLate, "k", 1) + " | "
                + sum(deadLate, "c", 1) + " |");
        line("| kill -9 of a classic peer -> `is dead`, ms: median (min-max) of " + ROUNDS + " | "
                + detect(detection.get(kcDead)) + " | " + detect(detection.get(ccDead)) + " |");
        line("| kill -9 of a Karabeat peer -> `is dead`, ms: median (min-max) of " + ROUNDS + " | "
                + detect(detection.get(kkDead)) + " | " + detect(detection.get(ckDead)) + " |");
        line("| idle CPU, % of one core (" + IDLE_AFTER + " s after start, over " + IDLE_OVER + " s), node 1 / node 2 | "
                + idleCpu(idle, "k") + " | " + idleCpu(idle, "c") + " |");
        line("| idle memory, MiB: RSS / PSS, node 1 (processes) | " + memory(idle.get("k1")[1]) + " | "
                + memory(idle.get("c1")[1]) + " |");
        line("");
        line("Details:");
        line("- scheduling: Karabeat " + policies.get("k1") + "; classic " + policies.get("c1") + ".");
        line(String.format(Locale.ROOT, "- machine CPU busy (all processes, %% of one core): %.0f during the idle window "
                + "(our four nodes: %.1f); %.0f during the load window, of which the busy loops got %.0f.",
                machineIdleBusy, idleSum(idle), machineLoadBusy, burnersCpu));
        for (String n : List.of("k1", "k2", "c1", "c2")) {
            line("- " + n + ": interval idle " + stats(idleIntervals.get(n)) + ", loaded " + stats(loadIntervals.get(n))
                    + "; in its log under load: " + deadLate.get(n)[0] + " is dead, " + deadLate.get(n)[1]
                    + " late heartbeat");
        }
        for (var e : detection.entrySet()) {
            List<Long> ms = new ArrayList<>();
            List<String> last = new ArrayList<>();
            List<String> silence = new ArrayList<>();
            for (Round r : e.getValue()) {
                ms.add(r.ms());
                long lastSent = Long.MIN_VALUE;
                for (HeartbeatCapture.Status st : killedSent.getOrDefault(e.getKey(), List.of())) {
                    if (st.epochMicros() >= r.killMicros() - 2_000_000 && st.epochMicros() <= r.detectMicros()) {
                        lastSent = Math.max(lastSent, st.epochMicros());
                    }
                }
                last.add(lastSent == Long.MIN_VALUE ? "?" : Long.toString((lastSent - r.killMicros()) / 1000));
                silence.add(lastSent == Long.MIN_VALUE ? "?" : Long.toString((r.detectMicros() - lastSent) / 1000));
            }
            line("- " + e.getKey() + ": kill -> `is dead` " + ms + " ms; the killed node's last heartbeat, ms after "
                    + "the kill command: " + last + "; so `is dead` came after " + silence + " ms of silence");
        }
        line("- codec message: a captured `t=status` datagram of k1, " + codec.datagramSize() + " bytes, "
                + codec.fields() + " fields; re-encoded byte for byte: " + codec.reencodesIdentically()
                + "; plain timed loop after " + CODEC_WARMUP + " s warm-up, one thread, JVM "
                + System.getProperty("java.vm.version") + ".");
        System.out.println();
        System.out.print(report);
        Files.writeString(work.resolve("result.md"), report.toString());
    }

    // ---- nodes

    private static NodeProcess karabeat(NetLab lab, Path home, Path work, String ns, String peer, String a, String b,
            String keys) throws IOException, InterruptedException {
        return karabeat(lab, home, work, ns, peer, a, b, keys, ns);
    }

    private static NodeProcess karabeat(NetLab lab, Path home, Path work, String ns, String peer, String a, String b,
            String keys, String name) throws IOException, InterruptedException {
        Path base = work.resolve(ns);
        return LabKarabeat.create(home, base, lab.ns(ns), name,
                haCf(base.resolve("log/heartbeat.log").toString(), peer, a, b), keys, "", base.resolve("state"));
    }

    private static ClassicNode classic(NetLab lab, String ns, String peer, String a, String b, String keys)
            throws IOException, InterruptedException {
        return classic(lab, ns, peer, a, b, keys, ns);
    }

    private static ClassicNode classic(NetLab lab, String ns, String peer, String a, String b, String keys,
            String name) throws IOException, InterruptedException {
        ClassicNode c = new ClassicNode(lab, lab.ns(ns), name);
        c.configure(haCf("/var/lib/heartbeat/ha-log", peer, a, b), keys, "");
        return c;
    }

    private static long classicPid(ClassicNode c) throws IOException {
        Path pidFile = c.lib().resolveSibling("run").resolve("heartbeat.pid");
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    private static boolean active(NodeProcess node, String peer) {
        return "active".equals(LabKarabeat.stateOf(node, peer));
    }

    private static void stopAll(List<Process> processes) throws InterruptedException {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    // ---- detection

    private List<Round> rounds(String what, java.util.function.BooleanSupplier formed, Path survivorLog, String text,
            Action kill, Action restart) throws Exception {
        List<Round> out = new ArrayList<>();
        for (int r = 1; r <= ROUNDS; r++) {
            out.add(round(what, r, formed, survivorLog, text, kill, restart));
        }
        return out;
    }

    /** Settles, kills, times the survivor's log line, restarts the killed node. */
    private Round round(String what, int r, java.util.function.BooleanSupplier formed, Path survivorLog, String text,
            Action kill, Action restart) throws Exception {
        if (NetLab.await(60_000, formed) < 0) {
            throw new AssertionError(what + ", round " + r + ": the pair did not form");
        }
        Thread.sleep(7_000); // past the start-up deadtime a node advertises (deadtime + 2 s for 5 s)
        long offset = size(survivorLog);
        long t0 = System.nanoTime();
        long killMicros = epochMicros();
        // watched from before the kill: killing a classic node (every process of its namespace, then waiting
        // until its master is gone) can itself take longer than the detection
        long[] detectMicros = new long[1];
        java.util.concurrent.FutureTask<Long> watch = new java.util.concurrent.FutureTask<>(() -> {
            long seen = awaitLine(survivorLog, offset, text, t0);
            detectMicros[0] = epochMicros();
            return seen;
        });
        Thread watcher = new Thread(watch, "watch " + survivorLog.getFileName());
        watcher.setDaemon(true);
        watcher.start();
        kill.run();
        long ms;
        try {
            ms = watch.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(what + ", round " + r + ": " + e.getCause().getMessage(), e.getCause());
        }
        progress(what + ", round " + r + ": " + ms + " ms");
        restart.run();
        return new Round(ms, killMicros, detectMicros[0]);
    }

    private static long awaitLine(Path file, long offset, String text, long t0) throws Exception {
        long deadline = t0 + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (readFrom(file, offset).contains(text)) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no '" + text + "' in " + file + " within 15 s");
    }

    // ---- files, clocks, counters

    private static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    private static String readFrom(Path file, long offset) throws IOException {
        if (!Files.exists(file) || Files.size(file) <= offset) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(offset);
            byte[] b = new byte[(int) (f.length() - offset)];
            f.readFully(b);
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static long epochMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
        }
    }

    /** The {@code cpu} line of /proc/stat: busy and total jiffies. */
    private static long[] machineCpu() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }

    /** Machine busy time between two readings, in % of one core. */
    private static double busyPercent(long[] a, long[] b) {
        double cores = Runtime.getRuntime().availableProcessors();
        return (b[0] - a[0]) * 100.0 * cores / Math.max(1, b[1] - a[1]);
    }

    // ---- formatting

    private void line(String s) {
        report.append(s).append('\n');
    }

    private static void progress(String s) {
        System.out.println("[" + java.time.LocalTime.now().withNano(0) + "] " + s);
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String intervals(Map<String, double[]> byNode, String kind) {
        double[] all = byNode.entrySet().stream().filter(e -> e.getKey().startsWith(kind))
                .flatMapToDouble(e -> Arrays.stream(e.getValue())).sorted().toArray();
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f (%d)", percentile(all, 0.5), percentile(all, 0.99),
                all.length == 0 ? Double.NaN : all[all.length - 1], all.length);
    }

    private static String stats(double[] s) {
        return String.format(Locale.ROOT, "min %.1f p50 %.1f p99 %.1f max %.1f ms (n %d)",
                s.length == 0 ? Double.NaN : s[0], percentile(s, 0.5), percentile(s, 0.99),
                s.length == 0 ? Double.NaN : s[s.length - 1], s.length);
    }

    private static int sum(Map<String, int[]> m, String kind, int i) {
        return m.entrySet().stream().filter(e -> e.getKey().startsWith(kind)).mapToInt(e -> e.getValue()[i]).sum();
    }

    private static String detect(List<Round> rounds) {
        List<Long> s = new ArrayList<>(rounds.stream().map(Round::ms).toList());
        Collections.sort(s);
        return s.get(s.size() / 2) + " (" + s.get(0) + "-" + s.get(s.size() - 1) + ")";
    }

    private static String idleCpu(Map<String, ProcStats.Sample[]> idle, String kind) {
        List<String> out = new ArrayList<>();
        for (var e : idle.entrySet()) {
            if (e.getKey().startsWith(kind)) {
                out.add(String.format(Locale.ROOT, "%.2f", ProcStats.cpuPercent(e.getValue()[0], e.getValue()[1])));
            }
        }
        return String.join(" / ", out);
    }

    private static double idleSum(Map<String, ProcStats.Sample[]> idle) {
        return idle.values().stream().mapToDouble(s -> ProcStats.cpuPercent(s[0], s[1])).sum();
    }

    private static String memory(ProcStats.Sample s) {
        return String.format(Locale.ROOT, "%.0f / %.0f (%d)", s.rssKb() / 1024.0, s.pssKb() / 1024.0, s.processes());
    }
}
