package org.karabeat.itests;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * Benchmark, not a test (run by {@code bench/transport-detection.sh}): how long a Karabeat node and a classic
 * heartbeat 3.0.6 node take to declare their killed peer dead, in one cluster, in the same run, with the
 * procedure's timing (keepalive 1 s, deadtime 10 s). Each side is killed 5 times ({@code kill -9}, no
 * goodbye); the time is from the kill to the survivor's {@code node X: is dead} log line, watched every
 * 10 ms. Prints the figures; asserts nothing about them.
 */
public class DetectionBench {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final long DEADTIME_MS = 10_000;

    private static String haCf(String logfile, String peer) {
        return "logfile " + logfile + "\nkeepalive 1\ndeadtime 10\nwarntime 5\ninitdead 15\nudpport 694\n"
                + "ucast ens160 " + peer + "\nauto_failback on\nnode node1 node2\ncrm no\n";
    }

    @Test
    public void killedPeerDetection() throws Exception {
        Path home = Distribution.unpackFresh("bench");
        Path work = Path.of("target", "bench-detection").toAbsolutePath();
        new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor(60, TimeUnit.SECONDS);
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String keys = "auth 1\n1 sha1 " + HexFormat.of().formatHex(secret) + "\n";
        List<Long> karabeatDetects = new ArrayList<>();
        List<Long> classicDetects = new ArrayList<>();
        try (NetLab lab = NetLab.create(work.resolve("lab"))) {
            lab.node("n1", "192.0.2.1/24");
            lab.node("n2", "192.0.2.2/24");
            ClassicNode classic = new ClassicNode(lab, lab.ns("n2"), "node2");
            classic.configure(haCf("/var/lib/heartbeat/ha-log", "192.0.2.1"), keys, "");
            Path base = work.resolve("karabeat");
            NodeProcess karabeat = LabKarabeat.create(home, base, lab.ns("n1"), "node1",
                    haCf(base.resolve("log/heartbeat.log").toString(), "192.0.2.2"), keys, "", base.resolve("state"));
            Path karabeatLog = base.resolve("log/heartbeat.log");
            Path classicLog = classic.lib().resolve("ha-log");
            try {
                classic.start();
                karabeat.startRun();
                karabeat.awaitReady(60_000);
                for (int round = 1; round <= ROUNDS; round++) {
                    settle(karabeat, classic);
                    long offset = size(karabeatLog);
                    long t0 = System.nanoTime();
                    classic.kill();
                    karabeatDetects.add(awaitLine(karabeatLog, offset, "node node2: is dead", t0));
                    classic.start();

                    settle(karabeat, classic);
                    offset = size(classicLog);
                    t0 = System.nanoTime();
                    karabeat.kill();
                    classicDetects.add(awaitLine(classicLog, offset, "node node1: is dead", t0));
                    karabeat.startRun();
                    karabeat.awaitReady(60_000);
                    System.out.printf("round %d: Karabeat saw the killed classic node dead after %d ms, the classic "
                            + "daemon saw the killed Karabeat node dead after %d ms%n", round,
                            karabeatDetects.get(round - 1), classicDetects.get(round - 1));
                }
            } finally {
                karabeat.close();
                classic.close();
            }
        }
        System.out.println();
        System.out.println("| survivor | kill -9 of the peer -> `node X: is dead` (ms), " + ROUNDS
                + " rounds | median | min | max |");
        System.out.println("|---|---|---|---|---|");
        row("Karabeat (peer: classic)", karabeatDetects);
        row("classic heartbeat 3.0.6 (peer: Karabeat)", classicDetects);
        System.out.println("keepalive 1 s, deadtime 10 s; the peer's last heartbeat left 0-1 s before the kill");
    }

    private static void row(String who, List<Long> ms) {
        List<Long> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d |%n", who, ms, sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /** Both sides active, and past the start-up deadtime a node advertises (deadtime + 2 s for 5 s). */
    private static void settle(NodeProcess karabeat, ClassicNode classic) throws Exception {
        if (NetLab.await(60_000, () -> "active".equals(classic.nodeStatus("node1"))
                && "active".equals(LabKarabeat.stateOf(karabeat, "node2"))) < 0) {
            throw new AssertionError("the cluster did not form: " + LabKarabeat.log(karabeat) + "\n" + classic.log());
        }
        Thread.sleep(7_000);
    }

    private static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** Watches {@code file} from {@code offset} for {@code text}; milliseconds from {@code t0} to seeing it. */
    private static long awaitLine(Path file, long offset, String text, long t0) throws Exception {
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(DEADTIME_MS * 3);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.size(file) > offset) {
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                    f.seek(offset);
                    byte[] b = new byte[(int) (f.length() - offset)];
                    f.readFully(b);
                    if (new String(b, StandardCharsets.ISO_8859_1).contains(text)) {
                        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no '" + text + "' in " + file + " within " + DEADTIME_MS * 3 + " ms");
    }
}
