package org.karabeat.transport.udp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.karabeat.transport.udp.Loopback.HB1;
import static org.karabeat.transport.udp.Loopback.HB2;
import static org.karabeat.transport.udp.Loopback.LINK;
import static org.karabeat.transport.udp.Loopback.await;
import static org.karabeat.transport.udp.Loopback.ping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Test;
import org.karabeat.config.legacy.LegacyConfig;
import org.karabeat.transport.HeartbeatTransport;
import org.karabeat.transport.TransportListener.Delivery;
import org.karabeat.transport.udp.Loopback.Node;
import org.karabeat.transport.udp.Loopback.RecordingListener.GenerationEvent;

/** Two real transports on loopback: exchange, exactly-once delivery, restart, media errors, close. */
public class UdpTransportLoopbackTest {

    private Loopback lb;

    @After
    public void tearDown() {
        if (lb != null) {
            lb.close();
        }
    }

    @Test
    public void twoTransportsExchangeMessages() throws IOException {
        lb = Loopback.start(true);
        long seq1 = lb.hb1.send(ping(1));
        long seq2 = lb.hb2.send(ping(2));
        assertEquals(1, seq1);
        assertEquals(1, seq2);
        await("hb2 hears hb1", () -> lb.hb2.listener.from(HB1).size() == 1);
        await("hb1 hears hb2", () -> lb.hb1.listener.from(HB2).size() == 1);
        lb.quiesce();

        Delivery atHb1 = lb.hb1.listener.from(HB2).get(0);
        assertEquals(LINK, atHb1.link());
        assertEquals(lb.hb2.transport.generation(), atHb1.generation());
        assertEquals(1, atHb1.seq());
        assertEquals("ping", atHb1.message().type());
        assertEquals("2", atHb1.message().get("n"));
        assertEquals(HB2, atHb1.message().source());
        assertEquals(Long.toHexString(lb.hb2.transport.generation()), atHb1.message().get("hg"));
        // first sight of a node: a generation event from 0
        assertEquals(List.of(new GenerationEvent(HB2, 0, lb.hb2.transport.generation())),
                lb.hb1.listener.generations);
        assertTrue(lb.hb1.listener.heard.contains(HB2 + "/" + LINK));
        assertEquals(List.of(LINK), lb.hb1.transport.links());
        // the node's own messages are not handed to its own listener
        assertTrue(lb.hb1.listener.from(HB1).isEmpty());
        // and the peer socket got the very bytes (a ucast line of its own)
        // (hb2 may have acked hb1's stream before its own ping went out)
        assertEquals(List.of("2"), lb.peer.from(Loopback.ADDR2).stream().filter(c -> "ping".equals(c.type()))
                .map(c -> c.field("n")).toList());
    }

    @Test
    public void twoHundredSequencedMessagesArriveExactlyOnce() throws IOException {
        lb = Loopback.start(true);
        int n = 200;
        for (int i = 1; i <= n; i++) {
            assertEquals(i, lb.hb2.send(ping(i)));
        }
        // no quiesce here: 400 datagrams back to back may overflow a socket's default receive buffer on a busy
        // machine, and then retransmission must make up for it, which is part of what this checks
        await("200 deliveries at hb1", () -> lb.hb1.listener.from(HB2).size() >= n,
                () -> lb.hb1.toString());
        assertEquals(n + 1, lb.hb2.send(ping(n + 1)));
        await("the last one", () -> lb.hb1.listener.from(HB2).stream().anyMatch(d -> d.seq() == n + 1));
        List<Delivery> got = lb.hb1.listener.from(HB2).subList(0, n);
        assertEquals(n + 1, lb.hb1.listener.from(HB2).size());
        Set<Long> seqs = new HashSet<>();
        for (Delivery d : got) {
            assertTrue("seq " + d.seq() + " twice", seqs.add(d.seq()));
            assertEquals(Long.toString(d.seq()), d.message().get("n"));
            assertEquals(lb.hb2.transport.generation(), d.generation());
        }
        assertEquals(n, seqs.size());
        assertTrue("seq " + (n + 1) + " came last", !seqs.contains((long) n + 1));
        assertEquals(1L, (long) seqs.stream().min(Long::compare).get());
        assertEquals((long) n, (long) seqs.stream().max(Long::compare).get());
        Map<String, Long> c = lb.hb1.transport.counters();
        assertEquals(c.toString(), 0L, (long) c.getOrDefault("dropped.stale", 0L));
        assertEquals(c.toString(), 0L, (long) c.getOrDefault("dropped.stale-generation", 0L));
        assertEquals(c.toString(), 0L, (long) c.getOrDefault("lost", 0L));
        // hb1 acked hb2's stream on the way (every 10th seq at a random residue)
        assertTrue(c.toString(), c.getOrDefault("acks-sent", 0L) >= n / 10);
    }

    @Test
    public void aRestartWithTheSameStateDirectoryIsTheNextGenerationAndThePeerSeesIt() throws IOException {
        lb = Loopback.start(true);
        long g = lb.hb2.transport.generation();
        String uuid = lb.hb2.transport.uuid();
        lb.hb2.send(ping(1));
        lb.hb2.send(ping(2));
        await("hb1 has hb2's first run", () -> lb.hb1.listener.from(HB2).size() == 2);
        lb.quiesce();

        lb.hb2.close();
        lb.hb2.open();
        assertEquals(g + 1, lb.hb2.transport.generation());
        assertEquals("the uuid is kept in hb_uuid", uuid, lb.hb2.transport.uuid());
        assertEquals(Long.toString(g + 1), Files.readString(lb.hb2.stateDirectory.resolve("hb_generation")).trim());

        assertEquals("the sequence starts again", 1, lb.hb2.send(ping(3)));
        await("hb1 sees the restart", () -> lb.hb1.listener.generations.size() == 2);
        lb.quiesce();
        assertEquals(new GenerationEvent(HB2, g, g + 1), lb.hb1.listener.generations.get(1));
        assertEquals(1L, lb.hb1.counter("peer-restarts"));
        Delivery d = lb.hb1.listener.from(HB2).get(2);
        assertEquals(g + 1, d.generation());
        assertEquals(1, d.seq());
        assertEquals("3", d.message().get("n"));
    }

    @Test
    public void aMissingInterfaceNamesHaCfAndTheLine() throws IOException {
        Path dir = Files.createTempDirectory("karabeat-media-");
        try {
            String haCf = "node hb1 hb2\nudpport 20694\nauto_failback on\n# the next line names no interface of this host\n"
                    + "ucast kbnosuch0 127.0.0.2\n";
            LegacyConfig config = Loopback.writeConfig(dir.resolve("ha.d"), haCf, "auth 1\n1 sha1 s3cret\n");
            Node n = new Node(HB1, Loopback.ADDR1, dir.resolve("state"), config);
            try {
                n.open();
                fail("opened on an interface that does not exist");
            } catch (IOException e) {
                assertEquals("ha.cf:5: ucast kbnosuch0: no network interface kbnosuch0 on this host",
                        e.getMessage());
            } finally {
                n.close();
            }
            assertFalse("a transport that cannot open takes no generation",
                    Files.exists(dir.resolve("state").resolve("hb_generation")));
        } finally {
            Loopback.deleteTree(dir);
        }
    }

    @Test
    public void theIoThreadStartHookRunsOnceFirstOnTheIoThread() throws IOException {
        lb = Loopback.start(false);
        List<String> ran = new CopyOnWriteArrayList<>();
        lb.hb2.ioThreadStart = () -> ran.add(Thread.currentThread().getName());
        lb.hb2.open();
        lb.hb1.send(ping(1));
        await("hb2 hears hb1", () -> lb.hb2.listener.from(HB1).size() == 1);
        assertEquals(1, lb.hb2.send(ping(2)));
        await("hb1 hears hb2", () -> lb.hb1.listener.from(HB2).size() == 1);
        assertEquals(ran.toString(), 1, ran.size());
        assertTrue(ran.toString(), ran.get(0).startsWith("karabeat-transport"));
    }

    @Test
    public void aFailingIoThreadStartHookIsLoggedAndTheTransportWorks() throws IOException {
        lb = Loopback.start(false);
        lb.hb2.ioThreadStart = () -> {
            throw new IllegalStateException("no realtime for you");
        };
        lb.hb2.open();
        assertEquals(1, lb.hb2.send(ping(1)));
        await("hb1 hears hb2", () -> lb.hb1.listener.from(HB2).size() == 1);
    }

    @Test
    public void aBindConflictNamesHaCfAndTheLineAndTakesNoGeneration() throws IOException {
        lb = Loopback.start(false);
        // a second hb1 on the same address and port, as a second daemon on the same host would be
        Node second = new Node(HB1, Loopback.ADDR1, lb.root.resolve("state-second"), lb.config);
        try {
            second.open();
            fail("two transports bound 127.0.0.1:" + lb.port);
        } catch (IOException e) {
            String expected = "ha.cf:" + lb.mediumLine("127.0.0.2") + ": ucast lo: cannot bind UDP 127.0.0.1:"
                    + lb.port + " (";
            assertTrue(e.getMessage(), e.getMessage().startsWith(expected));
            assertTrue(Loopback.isBindConflict(e));
        } finally {
            second.close();
        }
        assertFalse(Files.exists(lb.root.resolve("state-second").resolve("hb_generation")));
        // the first one still works
        lb.peer.send(Loopback.ADDR1, "junk".getBytes());
        await("hb1 still receives", () -> lb.hb1.counter("dropped.unknown-format") == 1);
    }

    @Test
    public void closeIsIdempotentAndAClosedTransportSendsNothing() throws IOException {
        lb = Loopback.start(true);
        lb.hb1.send(ping(1));
        await("hb2 got it", () -> lb.hb2.listener.from(HB1).size() == 1);
        lb.quiesce();
        HeartbeatTransport t = lb.hb1.transport;
        long pingsBefore = pingsFromHb1();
        t.close();
        t.close();
        assertEquals(-1, t.send(ping(2)));
        Map<String, Long> last = t.counters();
        assertNotNull(last);
        assertEquals(last.toString(), 1L, (long) last.get("sent"));
        lb.hb1.close(); // a third close
        // the port is free again: a new run binds it at once
        lb.hb1.open();
        assertEquals(1, lb.hb1.send(ping(3)));
        await("hb2 hears the new run", () -> lb.hb2.listener.from(HB1).size() == 2);
        lb.quiesce();
        assertEquals("nothing went out after close", pingsBefore + 1, pingsFromHb1());
        assertEquals("3", lb.hb2.listener.from(HB1).get(1).message().get("n"));
    }

    private long pingsFromHb1() {
        return lb.peer.from(Loopback.ADDR1).stream().filter(c -> "ping".equals(c.type())).count();
    }
}
