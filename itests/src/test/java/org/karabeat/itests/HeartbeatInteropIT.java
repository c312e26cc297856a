package org.karabeat.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.json.JsonObject;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A Karabeat node and the classic heartbeat 3.0.6 daemon ({@code apt install heartbeat}) in one cluster, in
 * network namespaces this test creates: node1 (192.0.2.1) and node2 (192.0.2.2) on one bridge. The same
 * {@code ha.cf} and {@code authkeys} on both sides, as an administrator would copy them.
 */
public class HeartbeatInteropIT {

    private static final long DEADTIME_MS = 4_000;
    private static Path home;
    private static NetLab lab;
    private static Path work;

    private final List<NodeProcess> karabeats = new ArrayList<>();
    private final List<ClassicNode> classics = new ArrayList<>();

    @BeforeClass
    public static void lab() throws Exception {
        home = Distribution.unpackFresh("interop");
        work = Path.of("target", "interop").toAbsolutePath();
        new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor(60, TimeUnit.SECONDS);
        lab = NetLab.create(work.resolve("lab"));
        lab.node("n1", "192.0.2.1/24");
        lab.node("n2", "192.0.2.2/24");
    }

    @AfterClass
    public static void cleanLab() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @After
    public void stopNodes() throws Exception {
        for (NodeProcess k : karabeats) {
            k.close();
        }
        for (ClassicNode c : classics) {
            c.close();
        }
    }

    // ---- the cluster's files

    enum Media {
        UCAST, BCAST
    }

    static String haCf(String logfile, Media media, String peerAddress) {
        return "logfile " + logfile + "\n"
                + "keepalive 1\nwarntime 2\ndeadtime " + DEADTIME_MS / 1000 + "\ninitdead 8\nudpport 694\n"
                + (media == Media.UCAST ? "ucast ens160 " + peerAddress : "bcast ens160") + "\n"
                + "auto_failback on\nnode node1\nnode node2\ncrm no\n";
    }

    static String authkeys(String method) {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String key = HexFormat.of().formatHex(secret);
        return switch (method) {
            case "sha1" -> "auth 1\n1 sha1 " + key + "\n";
            case "md5" -> "auth 2\n2 md5 " + key + "\n";
            case "crc" -> "auth 3\n3 crc\n";
            default -> throw new IllegalArgumentException(method);
        };
    }

    private ClassicNode classic(String namespace, String name, Media media, String peer, String keys)
            throws Exception {
        ClassicNode c = new ClassicNode(lab, lab.ns(namespace), name);
        c.configure(haCf("/var/lib/heartbeat/ha-log", media, peer), keys, "");
        classics.add(c);
        return c;
    }

    /** A Karabeat node1 in n1 from a fresh KARABEAT_BASE; {@code state} holds its hb_uuid / hb_generation. */
    private NodeProcess karabeat(String run, Media media, String keys, Path state) throws Exception {
        Path base = work.resolve("karabeat-" + run);
        NodeProcess node = LabKarabeat.create(home, base, lab.ns("n1"), "node1",
                haCf(base.resolve("log/heartbeat.log").toString(), media, "192.0.2.2"), keys, "", state);
        karabeats.add(node);
        return node;
    }

    private static JsonObject status(NodeProcess node) throws IOException, InterruptedException {
        return LabKarabeat.status(node);
    }

    private static JsonObject peer(JsonObject status, String name) {
        return LabKarabeat.node(status, name);
    }

    private static String stateOf(NodeProcess node, String peer) {
        return LabKarabeat.stateOf(node, peer);
    }

    private static String log(NodeProcess node) throws IOException {
        return LabKarabeat.log(node);
    }

    private static String logs(NodeProcess k, ClassicNode c) throws IOException {
        return "\n--- Karabeat log\n" + log(k) + "\n--- classic log\n" + c.log();
    }

    private static long awaitOrFail(long millis, String what, java.util.function.BooleanSupplier condition,
            java.util.concurrent.Callable<String> context) throws Exception {
        long took = NetLab.await(millis, condition);
        if (took < 0) {
            throw new AssertionError(what + " not within " + millis + " ms" + context.call());
        }
        return took;
    }

    // ---- the tests

    @Test
    public void formsOneClusterWithTheClassicDaemonForEveryMethodOverUcastAndBcast() throws Exception {
        int run = 0;
        for (String method : List.of("sha1", "md5", "crc")) {
            for (Media media : Media.values()) {
                String what = method + "/" + media.name().toLowerCase();
                String keys = authkeys(method);
                ClassicNode node2 = classic("n2", "node2", media, "192.0.2.1", keys);
                node2.start();
                NodeProcess node1 = karabeat("cluster-" + run++, media, keys, work.resolve("state-" + what.replace('/', '-')));
                long start = System.nanoTime();
                node1.startRun();
                long ready = node1.awaitReady(60_000);
                awaitOrFail(30_000, what + ": the classic node sees the Karabeat node active",
                        () -> "active".equals(node2.nodeStatus("node1")), () -> logs(node1, node2));
                long activeOnClassic = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                awaitOrFail(30_000, what + ": the Karabeat node sees the classic node active",
                        () -> "active".equals(stateOf(node1, "node2")), () -> logs(node1, node2));
                JsonObject s = status(node1);
                assertEquals(what, "active", peer(s, "node1").getString("state"));
                JsonObject link = peer(s, "node2").getJsonArray("links").getJsonObject(0);
                assertEquals(what, "ens160", link.getString("name"));
                assertEquals(what, "up", link.getString("state"));
                assertEquals(what, 0, s.getJsonObject("transport").getJsonObject("counters").getInt("dropped.bad-digest", 0));
                assertEquals(what, "active", node2.clStatus("nodestatus", "node2"));
                System.out.printf("FIGURE %s: fresh bin/karabeat run -> ready %d ms, -> active on the classic peer %d ms%n",
                        what, ready, activeOnClassic);
                assertEquals(what + ": graceful stop", 0, node1.stop());
                node2.stopGracefully();
            }
        }
    }

    @Test
    public void aWrongKeyIsRefusedByBothSidesAndLoggedWithTheSender() throws Exception {
        ClassicNode node2 = classic("n2", "node2", Media.UCAST, "192.0.2.1", authkeys("sha1"));
        node2.start();
        NodeProcess node1 = karabeat("wrong-key", Media.UCAST, authkeys("sha1"), work.resolve("state-wrong-key"));
        node1.startRun();
        node1.awaitReady(60_000);
        awaitOrFail(20_000, "Karabeat logs the refused packets", () -> {
            try {
                return log(node1).contains("Dropped a packet from 192.0.2.2 claiming to be node2 on ens160: authentication failed");
            } catch (IOException e) {
                return false;
            }
        }, () -> logs(node1, node2));
        awaitOrFail(20_000, "the classic daemon logs the refused packets", () -> {
            try {
                return node2.log().contains("authtoken does not match") || node2.log().contains("failed authentication");
            } catch (IOException e) {
                return false;
            }
        }, () -> logs(node1, node2));
        // initdead (8 s) passes: each side declares the other dead, neither ever saw it up
        awaitOrFail(20_000, "the classic daemon declares node1 dead", () -> "dead".equals(node2.nodeStatus("node1")),
                () -> logs(node1, node2));
        awaitOrFail(20_000, "Karabeat declares node2 dead", () -> "dead".equals(stateOf(node1, "node2")),
                () -> logs(node1, node2));
        JsonObject s = status(node1);
        assertTrue(s.toString(), s.getJsonObject("transport").getJsonObject("counters").getInt("dropped.bad-digest") >= 8);
        assertEquals(s.toString(), "init", peer(s, "node2").getJsonArray("links").getJsonObject(0).getString("state"));
        long lines = log(node1).lines().filter(l -> l.contains("authentication failed")).count();
        assertTrue("the refusals are rate-limited, not one line per packet: " + lines + logs(node1, node2), lines <= 3);
        assertFalse(logs(node1, node2), log(node1).contains("Status update for node node2"));
    }

    @Test
    public void aGracefulStopIsSeenAtOnceAndARestartAsARestart() throws Exception {
        String keys = authkeys("sha1");
        ClassicNode node2 = classic("n2", "node2", Media.UCAST, "192.0.2.1", keys);
        node2.start();
        NodeProcess node1 = karabeat("restart", Media.UCAST, keys, work.resolve("state-restart"));
        node1.startRun();
        node1.awaitReady(60_000);
        awaitOrFail(30_000, "node2 active", () -> "active".equals(stateOf(node1, "node2")), () -> logs(node1, node2));
        long generation = node2.generation();
        assertEquals(generation, peer(status(node1), "node2").getJsonNumber("generation").longValue());

        long start = System.nanoTime();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                node2.stopGracefully(); // heartbeat -k
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitOrFail(DEADTIME_MS, "the departure seen before deadtime", () -> "dead".equals(stateOf(node1, "node2")),
                () -> logs(node1, node2));
        long seen = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        stopping.get(60, TimeUnit.SECONDS);
        assertTrue(logs(node1, node2), log(node1).contains("Received shutdown notice from 'node2'."));
        assertFalse("the classic daemon's last status after shutdone is no partition" + logs(node1, node2),
                log(node1).contains("returning after partition"));
        System.out.printf("FIGURE heartbeat -k on the classic node -> dead on Karabeat: %d ms%n", seen);

        node2.start();
        awaitOrFail(30_000, "node2 active again", () -> "active".equals(stateOf(node1, "node2")), () -> logs(node1, node2));
        assertTrue(logs(node1, node2), log(node1).contains("Heartbeat restart on node node2"));
        assertEquals(generation + 1, node2.generation());
        assertEquals(generation + 1, peer(status(node1), "node2").getJsonNumber("generation").longValue());
        assertEquals("active", node2.nodeStatus("node1"));
    }

    @Test
    public void aKilledClassicNodeIsDeadAfterDeadtime() throws Exception {
        String keys = authkeys("md5");
        ClassicNode node2 = classic("n2", "node2", Media.UCAST, "192.0.2.1", keys);
        node2.start();
        long classicStarted = System.nanoTime();
        NodeProcess node1 = karabeat("kill", Media.UCAST, keys, work.resolve("state-kill"));
        node1.startRun();
        node1.awaitReady(60_000);
        awaitOrFail(30_000, "node2 active", () -> "active".equals(stateOf(node1, "node2")), () -> logs(node1, node2));
        // heartbeat advertises deadtime + 2 s for its first 5 s: wait until it advertises the plain deadtime
        long sinceStart = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - classicStarted);
        Thread.sleep(Math.max(0, 7_000 - sinceStart));

        long start = System.nanoTime();
        node2.kill();
        awaitOrFail(DEADTIME_MS + 3_000, "the killed node declared dead",
                () -> "dead".equals(stateOf(node1, "node2")), () -> logs(node1, node2));
        long sinceKill = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // its last heartbeat left at most one keepalive before the kill
        assertTrue("dead after " + sinceKill + " ms: not before deadtime" + logs(node1, node2),
                sinceKill >= DEADTIME_MS - 1_200);
        String log = log(node1);
        assertTrue(log, log.contains("WARN: node node2: is dead"));
        assertTrue(log, log.contains("info: Link node2:ens160 dead."));
        System.out.printf("FIGURE killed classic node -> dead on Karabeat: %d ms (deadtime %d ms)%n", sinceKill,
                DEADTIME_MS);
    }

    @Test
    public void aKarabeatNodeReplacesARunningClassicNodeOfTheSameName() throws Exception {
        String keys = authkeys("sha1");
        ClassicNode classic1 = classic("n1", "node1", Media.UCAST, "192.0.2.2", keys);
        ClassicNode node2 = classic("n2", "node2", Media.UCAST, "192.0.2.1", keys);
        classic1.start();
        node2.start();
        awaitOrFail(30_000, "the two classic nodes form a cluster", () -> "active".equals(node2.nodeStatus("node1")),
                () -> "\n" + classic1.log() + "\n" + node2.log());
        long generation = classic1.generation();
        byte[] uuid = classic1.uuid();

        // the migration: stop the classic daemon on node1, start Karabeat with the same files and state
        classic1.stopGracefully();
        NodeProcess node1 = karabeat("replace", Media.UCAST, Files.readString(classic1.etc().resolve("authkeys")),
                classic1.lib());
        node1.startRun();
        node1.awaitReady(60_000);
        awaitOrFail(30_000, "the classic node2 accepts the Karabeat node1",
                () -> "active".equals(node2.nodeStatus("node1")), () -> logs(node1, node2));
        awaitOrFail(30_000, "Karabeat sees node2 active", () -> "active".equals(stateOf(node1, "node2")),
                () -> logs(node1, node2));
        JsonObject transport = status(node1).getJsonObject("transport");
        assertEquals("one more than the classic daemon's last generation", generation + 1,
                transport.getJsonNumber("generation").longValue());
        ByteBuffer b = ByteBuffer.wrap(uuid);
        assertEquals("the classic daemon's uuid, kept", new UUID(b.getLong(), b.getLong()).toString(),
                transport.getString("uuid"));
        assertArrayEquals(uuid, classic1.uuid());
        assertEquals(generation + 1, classic1.generation());
        assertFalse(node2.log(), node2.log().contains("replay"));
        assertNotEquals(-1, node2.log().indexOf("Heartbeat restart on node node1"));
    }
}
