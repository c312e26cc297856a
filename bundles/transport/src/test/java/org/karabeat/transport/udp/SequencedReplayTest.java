package org.karabeat.transport.udp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.karabeat.transport.udp.Loopback.ADDR1;
import static org.karabeat.transport.udp.Loopback.ADDR2;
import static org.karabeat.transport.udp.Loopback.HB2;
import static org.karabeat.transport.udp.Loopback.await;
import static org.karabeat.transport.udp.Loopback.forge;
import static org.karabeat.transport.udp.Loopback.ping;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Test;
import org.karabeat.transport.TransportListener.Delivery;
import org.karabeat.transport.udp.Loopback.Peer.Captured;
import org.karabeat.transport.udp.Loopback.RecordingListener.GenerationEvent;

/**
 * Replays of sequenced messages at a real transport: a live peer's stream is recorded byte for byte (the
 * peer socket has a ucast line of its own, so it gets the very datagrams hb1 gets) and sent at hb1 again.
 * Authentic as they are, nothing is delivered twice and hb1's view of hb2 does not move.
 */
public class SequencedReplayTest {

    private Loopback lb;

    @After
    public void tearDown() {
        if (lb != null) {
            lb.close();
        }
    }

    @Test
    public void aCapturedStreamReplayedDeliversNothingAndLeavesThePeerAsItWas() throws IOException {
        lb = Loopback.start(true);
        int n = 25;
        for (int i = 1; i <= n; i++) {
            lb.hb2.send(ping(i));
        }
        await("hb1 has hb2's stream", () -> lb.hb1.listener.from(HB2).size() == n);
        lb.quiesce();
        List<Captured> stream = lb.peer.from(ADDR2);
        long sequenced = stream.stream().filter(Captured::sequenced).count();
        assertEquals(n, sequenced);
        Map<String, Long> before = lb.hb1.transport.counters();
        int deliveries = lb.hb1.listener.delivered.size();
        long hb1Emitted = lb.hb1.emittedTotal();

        // the whole capture (messages and hb2's acks) in order, then again backwards
        List<byte[]> replay = new ArrayList<>();
        stream.forEach(c -> replay.add(c.bytes()));
        List<byte[]> backwards = new ArrayList<>(replay);
        Collections.reverse(backwards);
        replay.addAll(backwards);
        lb.sendAll(lb.hb1, replay);
        lb.quiesce();

        Map<String, Long> after = lb.hb1.transport.counters();
        assertEquals("nothing delivered again", deliveries, lb.hb1.listener.delivered.size());
        assertEquals(delta(before, after), before.get("delivered"), after.get("delivered"));
        assertEquals("no new generation", 1, lb.hb1.listener.generations.size());
        // the last seq twice is a duplicate, every older one is stale
        assertEquals(delta(before, after), 2, diff(before, after, "duplicates"));
        assertEquals(delta(before, after), 2 * (n - 1), diff(before, after, "dropped.stale"));
        for (String unchanged : new String[] {"gaps", "missing", "lost", "peer-restarts", "dropped.stale-generation",
            "acks-received", "retransmitted"}) {
            assertEquals(unchanged + " " + delta(before, after), 0, diff(before, after, unchanged));
        }
        assertEquals("hb1 answered nothing (no ack, no request)", hb1Emitted, lb.hb1.emittedTotal());

        // hb2 goes on: the next seq is in sequence, in the same generation, delivered once
        assertEquals(n + 1, lb.hb2.send(ping(n + 1)));
        await("hb1 gets seq " + (n + 1), () -> lb.hb1.listener.from(HB2).size() == n + 1);
        lb.quiesce();
        Delivery next = lb.hb1.listener.from(HB2).get(n);
        assertEquals(n + 1, next.seq());
        assertEquals(lb.hb2.transport.generation(), next.generation());
        assertEquals(0, diff(before, lb.hb1.transport.counters(), "gaps"));
        assertEquals(n + 1, lb.hb1.listener.from(HB2).size());
    }

    @Test
    public void anAuthenticSequencedMessageAlreadySeenIsDroppedWhateverItCarries() throws IOException {
        lb = Loopback.start(true);
        for (int i = 1; i <= 12; i++) {
            lb.hb2.send(ping(i));
        }
        await("12 at hb1", () -> lb.hb1.listener.from(HB2).size() == 12);
        lb.quiesce();
        Map<String, Long> before = lb.hb1.transport.counters();
        long g = lb.hb2.transport.generation();
        byte[] uuid = lb.hb2.uuidBytes();
        // signed with the cluster key, seqs hb1 has seen, new content: within the window, so dropped
        lb.peer.send(ADDR1, forge(lb.codec, ping(999), HB2, uuid, 12, g)); // the last seq: duplicate
        lb.peer.send(ADDR1, forge(lb.codec, ping(998), HB2, uuid, 5, g)); // older: stale
        lb.peer.send(ADDR1, forge(lb.codec, ping(997), HB2, uuid, 1, g));
        lb.quiesce();
        Map<String, Long> after = lb.hb1.transport.counters();
        assertEquals(12, lb.hb1.listener.from(HB2).size());
        assertEquals(delta(before, after), 1, diff(before, after, "duplicates"));
        assertEquals(delta(before, after), 2, diff(before, after, "dropped.stale"));
        assertEquals(delta(before, after), 0, diff(before, after, "delivered"));
        for (Delivery d : lb.hb1.listener.delivered) {
            assertTrue(Integer.parseInt(d.message().get("n")) <= 12);
        }
    }

    @Test
    public void messagesOfAnOlderGenerationAreDroppedAndNeverDelivered() throws IOException {
        lb = Loopback.start(true);
        long g = lb.hb2.transport.generation();
        byte[] uuid = lb.hb2.uuidBytes();
        for (int i = 1; i <= 5; i++) {
            lb.hb2.send(ping(i));
        }
        await("5 at hb1", () -> lb.hb1.listener.from(HB2).size() == 5);
        lb.quiesce();
        List<Captured> oldRun = lb.peer.from(ADDR2);
        long oldSequenced = oldRun.stream().filter(Captured::sequenced).count();

        lb.hb2.close();
        lb.hb2.open();
        assertEquals(g + 1, lb.hb2.transport.generation());
        lb.hb2.send(ping(6));
        await("hb1 sees the new run", () -> lb.hb1.listener.from(HB2).size() == 6);
        lb.quiesce();
        assertEquals(new GenerationEvent(HB2, g, g + 1), lb.hb1.listener.generations.get(1));
        Map<String, Long> before = lb.hb1.transport.counters();

        try (StderrCapture log = new StderrCapture()) {
            List<byte[]> replay = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                oldRun.forEach(c -> replay.add(c.bytes()));
            }
            lb.sendAll(lb.hb1, replay);
            // forged with the key: a seq never seen, in the previous generation and in a much older one
            lb.peer.send(ADDR1, forge(lb.codec, ping(100), HB2, uuid, 100, g));
            lb.peer.send(ADDR1, forge(lb.codec, ping(101), HB2, uuid, 1, 1));
            lb.quiesce();
            Map<String, Long> after = lb.hb1.transport.counters();
            // acks of the old run too: every message carries its generation
            assertEquals(delta(before, after), 3 * oldRun.size() + 2, diff(before, after, "dropped.stale-generation"));
            assertEquals(6, lb.hb1.listener.from(HB2).size());
            assertEquals(2, lb.hb1.listener.generations.size());
            for (String unchanged : new String[] {"delivered", "duplicates", "dropped.stale", "gaps", "peer-restarts"}) {
                assertEquals(unchanged + " " + delta(before, after), 0, diff(before, after, unchanged));
            }
            // heartbeat's words, once however many replays (rate-limited per node)
            List<String> lines = log.lines("attempted replay attack [hb2]");
            assertEquals(lines.toString(), 1, lines.size());
            assertTrue(lines.get(0), lines.get(0).contains("curgen = " + (g + 1)));
        }

        // the new run goes on in sequence
        assertEquals(2, lb.hb2.send(ping(7)));
        await("seq 2 of the new run", () -> lb.hb1.listener.from(HB2).size() == 7);
        Delivery d = lb.hb1.listener.from(HB2).get(6);
        assertEquals(g + 1, d.generation());
        assertEquals(2, d.seq());
    }

    static long diff(Map<String, Long> before, Map<String, Long> after, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    /** The counters that changed, for failure messages. */
    static String delta(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder sb = new StringBuilder("changed:");
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (d != 0) {
                sb.append(' ').append(e.getKey()).append('+').append(d);
            }
        }
        return sb.toString();
    }
}
