package org.karabeat.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import javax.json.JsonObject;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Two Karabeat nodes with redundant links, in network namespaces this test creates: {@code ens160} on
 * 192.0.2.0/24 ({@code ucast}) and {@code ens192} on 198.51.100.0/24 ({@code bcast}). Both nodes read the same
 * {@code ha.cf}, which lists a ucast line to each node, as administrators often write it.
 */
public class KarabeatClusterIT {

    private static final long DEADTIME_MS = 4_000;
    private static Path home;
    private static NetLab lab;
    private static Path work;

    private NodeProcess node1;
    private NodeProcess node2;

    @BeforeClass
    public static void lab() throws Exception {
        home = Distribution.unpackFresh("cluster");
        work = Path.of("target", "cluster").toAbsolutePath();
        new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor(60, TimeUnit.SECONDS);
        lab = NetLab.create(work.resolve("lab"));
        lab.bridge("br2");
        for (int i = 1; i <= 2; i++) {
            lab.node("n" + i, "192.0.2." + i + "/24");
            lab.attach("n" + i, "br2", "ens192", "198.51.100." + i + "/24");
        }
    }

    @AfterClass
    public static void cleanLab() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @After
    public void stopNodes() throws Exception {
        for (NodeProcess n : new NodeProcess[] {node1, node2}) {
            if (n != null) {
                n.close();
            }
        }
    }

    private static String haCf(Path log) {
        return "logfile " + log + "\n"
                + "keepalive 1\nwarntime 2\ndeadtime " + DEADTIME_MS / 1000 + "\ninitdead 8\nudpport 694\n"
                + "ucast ens160 192.0.2.1\nucast ens160 192.0.2.2\nbcast ens192\n"
                + "auto_failback on\nnode node1 node2\n";
    }

    private void startBoth(String run) throws Exception {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String keys = "auth 1\n1 sha1 " + HexFormat.of().formatHex(secret) + "\n";
        NodeProcess[] nodes = new NodeProcess[2];
        for (int i = 1; i <= 2; i++) {
            Path base = work.resolve(run + "-node" + i);
            nodes[i - 1] = LabKarabeat.create(home, base, lab.ns("n" + i), "node" + i,
                    haCf(base.resolve("log/heartbeat.log")), keys, "", base.resolve("state"));
        }
        node1 = nodes[0];
        node2 = nodes[1];
        node1.startRun();
        node2.startRun();
        node1.awaitReady(60_000);
        node2.awaitReady(60_000);
        awaitOrFail(30_000, "node1 sees node2 active", () -> "active".equals(LabKarabeat.stateOf(node1, "node2")));
        awaitOrFail(30_000, "node2 sees node1 active", () -> "active".equals(LabKarabeat.stateOf(node2, "node1")));
    }

    private void awaitOrFail(long millis, String what, java.util.function.BooleanSupplier condition) throws Exception {
        if (NetLab.await(millis, condition) < 0) {
            throw new AssertionError(what + " not within " + millis + " ms\n--- node1\n" + LabKarabeat.log(node1)
                    + "\n--- node2\n" + LabKarabeat.log(node2));
        }
    }

    private boolean linkIs(NodeProcess node, String peer, String link, String state) {
        try {
            JsonObject s = LabKarabeat.status(node);
            return s != null && state.equals(LabKarabeat.link(s, peer, link).getString("state"));
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    public void redundantLinksEachWithItsStateAndOneCopyOfEachMessage() throws Exception {
        startBoth("links");
        awaitOrFail(10_000, "both links of node2 up on node1",
                () -> linkIs(node1, "node2", "ens160", "up") && linkIs(node1, "node2", "ens192", "up"));
        JsonObject s = LabKarabeat.status(node1);
        JsonObject counters = s.getJsonObject("transport").getJsonObject("counters");
        // every message comes twice (two media) and reaches the core once
        assertTrue(counters.toString(), counters.getInt("duplicates") > 5);
        String log = LabKarabeat.log(node1);
        assertEquals(log, 1, log.lines().filter(l -> l.contains("Status update for node node2: status active")).count());
        assertTrue(log, log.contains("ucast ens160: 192.0.2.1 is this node's own address, not used"));

        // cut the second LAN of node2: only that link dies, the node stays active
        lab.cable("n2", "br2", false);
        awaitOrFail(DEADTIME_MS + 3_000, "link ens192 of node2 dead on node1", () -> linkIs(node1, "node2", "ens192", "dead"));
        assertTrue(linkIs(node1, "node2", "ens160", "up"));
        assertEquals("active", LabKarabeat.stateOf(node1, "node2"));
        assertTrue(LabKarabeat.log(node1).contains("info: Link node2:ens192 dead."));
        assertFalse(LabKarabeat.log(node1).contains("node node2: is dead"));

        lab.cable("n2", "br2", true);
        awaitOrFail(10_000, "link ens192 of node2 up again", () -> linkIs(node1, "node2", "ens192", "up"));
        assertTrue(LabKarabeat.log(node1).lines().filter(l -> l.contains("Link node2:ens192 up.")).count() == 2);
    }

    @Test
    public void aStoppedNodeIsSeenAtOnceAKilledOneAfterDeadtime() throws Exception {
        startBoth("leave");
        long start = System.nanoTime();
        assertEquals("graceful stop", 0, node2.stop());
        awaitOrFail(2_000, "node2's departure seen by node1", () -> "dead".equals(LabKarabeat.stateOf(node1, "node2")));
        System.out.printf("FIGURE Karabeat stop -> dead on the Karabeat peer: %d ms (includes the JVM's exit)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        assertTrue(LabKarabeat.log(node1).contains("Received shutdown notice from 'node2'."));

        node2.startRun();
        node2.awaitReady(60_000);
        awaitOrFail(30_000, "node2 back", () -> "active".equals(LabKarabeat.stateOf(node1, "node2")));
        assertTrue(LabKarabeat.log(node1).contains("Heartbeat restart on node node2"));
        Thread.sleep(6_000); // past the start-up deadtime node2 advertises (deadtime + 2 s for 5 s)

        start = System.nanoTime();
        node2.kill();
        awaitOrFail(DEADTIME_MS + 3_000, "killed node2 declared dead", () -> "dead".equals(LabKarabeat.stateOf(node1, "node2")));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("dead after " + took + " ms, before deadtime", took >= DEADTIME_MS - 1_200);
        System.out.printf("FIGURE killed Karabeat node -> dead on the Karabeat peer: %d ms (deadtime %d ms)%n", took,
                DEADTIME_MS);
    }
}
