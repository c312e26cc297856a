package org.karabeat.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.json.JsonObject;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Two Karabeat nodes that only talk through {@link UdpRelay} (its own JVM in namespace {@code rl}, 192.0.2.3):
 * each node's {@code ucast} points at the relay, which holds every datagram 0–250 ms at random (reordering)
 * and sends 20 % of them twice. Keepalive is 100 ms so that holds of up to 250 ms really reorder the stream.
 * The relay records what it forwards, which the replay test sends again at a live node from namespace
 * {@code rp} (192.0.2.9).
 */
public class ReorderRelayIT {

    private static final String TIMING = "keepalive 100ms\nwarntime 3\ndeadtime 10\ninitdead 20\n";
    private static final String MEDIA = "ucast ens160 192.0.2.3\n";
    private static final long RUN_SECONDS = Long.getLong("karabeat.reorder.seconds", 60);
    /** The status's counters follow the transport's once a second (at each keepalive, at most once a second). */
    private static final long STATUS_LAG_MS = 1_500;

    private static LabPair pair;
    private static Path record;
    private static Path relayStats;

    @Rule
    public Timeout timeout = Timeout.seconds(RUN_SECONDS + 180);

    @BeforeClass
    public static void cluster() throws Exception {
        pair = LabPair.create("reorder");
        pair.lab.node("rl", "192.0.2.3/24");
        pair.lab.node("rp", "192.0.2.9/24");
        record = pair.work.resolve("relay.rec");
        relayStats = pair.work.resolve("relay.stats");
        LabJvm relay = pair.jvm("rl", UdpRelay.class, "relay.out", List.of("--listen", "192.0.2.3:694",
                "--a", "192.0.2.1:694", "--b", "192.0.2.2:694", "--hold-max-ms", "250", "--dup-percent", "20",
                "--record", record.toString(), "--stats", relayStats.toString()));
        if (NetLab.await(20_000, () -> Files.exists(relayStats) || !relay.alive()) < 0 || !relay.alive()) {
            throw new AssertionError("the relay did not start: " + Files.readString(relay.output()));
        }
        String cf = LabPair.haCf(TIMING, MEDIA);
        pair.start(cf, cf);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    private static void awaitBothActive() throws Exception {
        pair.awaitOrFail(30_000, "both nodes active", () -> "active".equals(LabKarabeat.stateOf(pair.node1, "node2"))
                && "active".equals(LabKarabeat.stateOf(pair.node2, "node1")));
    }

    @Test
    public void reorderedAndDuplicatedDatagramsAreDeliveredOnceInOrderAndNobodyDies() throws Exception {
        awaitBothActive();
        NodeProcess node1 = pair.node1;
        NodeProcess node2 = pair.node2;
        List<String> deadBefore1 = LabPair.deadLines(node1);
        List<String> deadBefore2 = LabPair.deadLines(node2);
        Map<String, Long> before1 = LabPair.counters(node1);
        Map<String, Long> before2 = LabPair.counters(node2);
        Map<String, Long> relayBefore = UdpRelay.readStats(relayStats);
        long start = System.nanoTime();
        LabPair.Watch watch = pair.watch(2_000);
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(RUN_SECONDS) && watch.violations().isEmpty()) {
            Thread.sleep(500);
        }
        watch.close();
        Map<String, Long> after1 = LabPair.counters(node1);
        Map<String, Long> after2 = LabPair.counters(node2);
        Map<String, Long> relay = LabPair.delta(relayBefore, UdpRelay.readStats(relayStats));
        Map<String, Long> d1 = LabPair.delta(before1, after1);
        Map<String, Long> d2 = LabPair.delta(before2, after2);
        System.out.printf("FIGURE relay over %d s: %s; status samples %d (%d unanswered)%n", RUN_SECONDS, relay,
                watch.samples(), watch.unanswered());
        System.out.println("FIGURE node1 counters moved: " + d1);
        System.out.println("FIGURE node2 counters moved: " + d2);

        assertEquals("a node left active" + pair.logs(), List.of(), watch.violations());
        assertEquals("node1 declared something dead" + pair.logs(), deadBefore1, LabPair.deadLines(node1));
        assertEquals("node2 declared something dead" + pair.logs(), deadBefore2, LabPair.deadLines(node2));
        assertTrue("the relay reordered nothing: " + relay, LabPair.get(relay, "reordered") > 0);
        assertTrue("the relay duplicated nothing: " + relay, LabPair.get(relay, "duplicated") > 0);
        assertEquals("the relay lost datagrams: " + relay, 0, LabPair.get(relay, "send-errors"));
        assertTrue("duplicates not counted: " + d1 + " / " + d2,
                LabPair.get(d1, "duplicates") > 0 && LabPair.get(d2, "duplicates") > 0);
        assertTrue("no gap seen, so no reordering reached the nodes: " + d1 + " / " + d2,
                LabPair.get(d1, "gaps") > 0 && LabPair.get(d2, "gaps") > 0);
        assertEquals("node1 gave messages up: " + after1, 0, LabPair.get(after1, "lost"));
        assertEquals("node2 gave messages up: " + after2, 0, LabPair.get(after2, "lost"));
        // the delivery audit at the transport edge: each message once, in order, none skipped
        for (Object[] n : new Object[][] {{"node1", after1}, {"node2", after2}}) {
            @SuppressWarnings("unchecked")
            Map<String, Long> c = (Map<String, Long>) n[1];
            assertEquals(n[0] + ": delivered out of order: " + c, 0, LabPair.required(c, "core.out-of-order", (String) n[0]));
            assertEquals(n[0] + ": skipped: " + c, 0, LabPair.required(c, "core.skipped", (String) n[0]));
        }
    }

    /**
     * The relay's capture of node2 (two generations: node2 restarts in between) replayed at node1 from another
     * address while node2's real traffic to node1 is cut: node1 stays active, node2 stays active in the same
     * generation, and nothing reaches node1's core.
     */
    @Test
    public void aReplayedCaptureOfTwoGenerationsLeavesTheNodeAsItWas() throws Exception {
        awaitBothActive();
        NodeProcess node1 = pair.node1;
        NodeProcess node2 = pair.node2;
        long oldGeneration = generationOf(LabKarabeat.status(node1), "node2");
        assertEquals(0, node2.stop());
        node2.startRun();
        node2.awaitReady(60_000);
        pair.awaitOrFail(30_000, "node2 back in a new generation", () -> {
            try {
                JsonObject s = LabKarabeat.status(node1);
                return s != null && "active".equals(LabKarabeat.node(s, "node2").getString("state"))
                        && generationOf(s, "node2") > oldGeneration;
            } catch (Exception e) {
                return false;
            }
        });
        Thread.sleep(3_000); // some traffic of the new generation in the capture
        List<String> deadBefore = LabPair.deadLines(node1); // node2's goodbye took its link down

        // the capture as of now; once the relay has sent all it holds (≤ 250 ms), node2 -> node1 is cut
        Path capture = pair.work.resolve("capture.rec");
        Files.copy(record, capture);
        List<byte[]> replayed = Flooder.readRecord(capture, "192.0.2.2");
        Thread.sleep(400);
        pair.oneway("br", "rl", "n1");
        Instant cut = Instant.now();
        // what node1 received before the cut is processed, and in the status (its counters follow once a second)
        Thread.sleep(STATUS_LAG_MS);
        JsonObject s0 = LabKarabeat.status(node1);
        int rate = 2_000;
        double seconds = Math.min(3.0, Math.max(0.5, 1.5 * replayed.size() / rate)); // the whole capture at least once
        LabJvm replay = pair.jvm("rp", Flooder.class, "replay.out", List.of("--target", "192.0.2.1:694",
                "--rate", Integer.toString(rate), "--seconds", Double.toString(seconds), "--mix", "replay",
                "--replay", capture.toString(), "--replay-from", "192.0.2.2"));
        assertEquals("the replayer failed: " + Files.readString(replay.output()), 0, replay.await(30_000));
        Thread.sleep(STATUS_LAG_MS);
        JsonObject s1 = LabKarabeat.status(node1);
        pair.heal("br");
        Map<String, Long> replayStats = UdpRelay.readStats(replay.output());

        Map<String, Long> c0 = LabPair.counters(s0);
        Map<String, Long> c1 = LabPair.counters(s1);
        Map<String, Long> d = LabPair.delta(c0, c1);
        String lastHeard0 = LabKarabeat.node(s0, "node2").getString("lastHeard", "-");
        String lastHeard1 = LabKarabeat.node(s1, "node2").getString("lastHeard", "-");
        long replayLines = LabKarabeat.log(node1).lines().filter(l -> l.contains("attempted replay attack")).count();
        System.out.printf("FIGURE replay of %d captured datagrams of node2 (generations %d and %d): %s%n",
                replayed.size(), oldGeneration, generationOf(s1, "node2"), replayStats);
        System.out.println("FIGURE node1 counters moved by the replay: " + d);
        System.out.printf("FIGURE node2 last heard by node1: %s before, %s after the replay (cut at %s); "
                + "%d 'attempted replay attack' log lines in all%n", lastHeard0, lastHeard1, cut, replayLines);

        assertTrue("a short capture: " + replayed.size(), replayed.size() >= 50);
        assertEquals("node1 itself", "active", LabKarabeat.node(s1, "node1").getString("state"));
        assertEquals("node2 as node1 sees it", "active", LabKarabeat.node(s1, "node2").getString("state"));
        assertEquals("node2's generation", generationOf(s0, "node2"), generationOf(s1, "node2"));
        assertTrue("node2 restarted: " + oldGeneration + " -> " + generationOf(s1, "node2"),
                generationOf(s1, "node2") > oldGeneration);
        assertTrue("the replay did not arrive: " + d, LabPair.get(d, "received") >= LabPair.get(replayStats, "sent") * 95 / 100);
        assertTrue("the old generation was not refused as a replay: " + d, LabPair.get(d, "dropped.stale-generation") > 0);
        assertTrue("the current generation was not refused as stale: " + d, LabPair.get(d, "dropped.stale") > 0);
        // the transport's own count: every message node1 sent is delivered to itself (loopback); none else
        assertEquals("messages from node2 delivered by the replay: " + d,
                LabPair.get(d, "sent"), LabPair.get(d, "delivered"));
        assertEquals(0, LabPair.get(d, "peer-restarts"));

        pair.awaitOrFail(15_000, "node2 heard again after the heal", () -> "active".equals(LabKarabeat.stateOf(node1, "node2")));
        Thread.sleep(1_000);
        assertEquals("node1 declared something dead" + pair.logs(), deadBefore, LabPair.deadLines(node1));
        // the delivery audit's count of what reached the core
        assertEquals("core.delivered moved during the replay: " + d, 0,
                LabPair.required(c1, "core.delivered", "node1") - LabPair.required(c0, "core.delivered", "node1"));
    }

    private static long generationOf(JsonObject status, String node) {
        return LabKarabeat.node(status, node).getJsonNumber("generation").longValue();
    }
}
