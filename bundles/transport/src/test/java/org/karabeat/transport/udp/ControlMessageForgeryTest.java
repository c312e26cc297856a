package org.karabeat.transport.udp;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.karabeat.transport.udp.Loopback.ADDR1;
import static org.karabeat.transport.udp.Loopback.HB1;
import static org.karabeat.transport.udp.Loopback.HB2;
import static org.karabeat.transport.udp.Loopback.MAX_REXMIT_DELAY_MS;
import static org.karabeat.transport.udp.Loopback.await;
import static org.karabeat.transport.udp.Loopback.forge;
import static org.karabeat.transport.udp.Loopback.ping;
import static org.karabeat.transport.udp.Loopback.signer;
import static org.karabeat.transport.udp.SequencedReplayTest.delta;
import static org.karabeat.transport.udp.SequencedReplayTest.diff;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.karabeat.config.legacy.AuthMethod;
import org.karabeat.transport.identity.UuidBytes;
import org.karabeat.transport.reliable.ControlMessages;
import org.karabeat.transport.udp.Loopback.Peer.Captured;
import org.karabeat.transport.wire.HbMessage;
import org.karabeat.transport.wire.WireCodec;

/**
 * The unsequenced control messages (NS_ackmsg, NS_rexmit, NS_nak_rexmit) sent at a real hb1 by the peer socket
 * playing hb2: taken only when signed with the cluster key, the same one again changes nothing more, and a
 * flood of retransmission requests costs at most one retransmission per rate window.
 */
public class ControlMessageForgeryTest {

    /** hb2's generation as the peer plays it. */
    private static final long G = 0x6b070d5fL;
    private static final byte[] UUID2 = UuidBytes.toBytes(UUID.nameUUIDFromBytes("hb2".getBytes()));

    private Loopback lb;
    private WireCodec wrongKey;
    private WireCodec wrongMethod;

    @Before
    public void setUp() throws IOException {
        lb = Loopback.start(false);
        String secret = lb.config.authKeys().active().secret();
        wrongKey = signer(1, AuthMethod.SHA1, secret + "x");
        wrongMethod = signer(1, AuthMethod.MD5, secret);
    }

    @After
    public void tearDown() {
        if (lb != null) {
            lb.close();
        }
    }

    private static HbMessage ack(long ackseq) {
        return ControlMessages.ack(HB1, ackseq);
    }

    private static HbMessage rexmit(long seq) {
        return ControlMessages.rexmitRequest(HB1, seq);
    }

    private static HbMessage nak(long seq) {
        return ControlMessages.nak(HB1, seq, ControlMessages.NAK_SEQNO_TOO_LOW);
    }

    private void send(WireCodec signer, HbMessage m) {
        lb.peer.send(ADDR1, forge(signer, m, HB2, UUID2, 0, G));
    }

    /** hb1's seq {@code seq} as the peer received it when hb1 first sent it. */
    private byte[] original(long seq) {
        for (Captured c : lb.peer.from(ADDR1)) {
            if ("ping".equals(c.type()) && Long.toHexString(seq).equals(c.field("seq"))) {
                return c.bytes();
            }
        }
        throw new AssertionError("hb1 never sent seq " + seq);
    }

    private List<Captured> retransmissionsOf(long seq) {
        byte[] original = original(seq);
        List<Captured> all = lb.peer.from(ADDR1).stream()
                .filter(c -> "ping".equals(c.type()) && Long.toHexString(seq).equals(c.field("seq"))).toList();
        for (Captured c : all) {
            assertArrayEquals("a retransmission is the original, byte for byte", original, c.bytes());
        }
        return all.subList(1, all.size());
    }

    @Test
    public void anAckCountsOnlyWhenAuthenticAndOnlyOnce() {
        for (int i = 1; i <= 5; i++) {
            lb.hb1.send(ping(i));
        }
        lb.quiesce();
        Map<String, Long> before = lb.hb1.transport.counters();
        long emitted = lb.hb1.emittedTotal();

        send(wrongKey, ack(3));
        send(wrongMethod, ack(3));
        lb.quiesce();
        Map<String, Long> mid = lb.hb1.transport.counters();
        assertEquals(delta(before, mid), 1, diff(before, mid, "dropped.bad-digest"));
        assertEquals(delta(before, mid), 1, diff(before, mid, "dropped.wrong-method"));
        assertEquals(delta(before, mid), 0, diff(before, mid, "acks-received"));
        assertEquals(delta(before, mid), 0, diff(before, mid, "acks-ignored"));

        for (int i = 0; i < 6; i++) {
            send(lb.codec, ack(3));
        }
        lb.quiesce();
        Map<String, Long> after = lb.hb1.transport.counters();
        assertEquals(delta(mid, after), 1, diff(mid, after, "acks-received"));
        assertEquals(delta(mid, after), 5, diff(mid, after, "acks-ignored"));
        assertEquals("an ack is answered by nothing", emitted, lb.hb1.emittedTotal());
        assertTrue("acks are not delivered", lb.hb1.listener.delivered.isEmpty());

        // what the ack changed: hb2 is known to have seqs 1..3, so asking for 2 again is ignored
        send(lb.codec, rexmit(2));
        lb.quiesce();
        Map<String, Long> end = lb.hb1.transport.counters();
        assertEquals(delta(after, end), 1, diff(after, end, "rexmit-already-acked"));
        assertEquals(delta(after, end), 0, diff(after, end, "retransmitted"));
        assertTrue(retransmissionsOf(2).isEmpty());
    }

    @Test
    public void aRetransmissionRequestIsAnsweredOnlyWhenAuthenticAndAFloodAtMostOncePerRateWindow() {
        for (int i = 1; i <= 5; i++) {
            lb.hb1.send(ping(i));
        }
        lb.quiesce();
        Map<String, Long> before = lb.hb1.transport.counters();

        send(wrongKey, rexmit(4));
        send(wrongMethod, rexmit(4));
        lb.peer.send(ADDR1, forge(lb.codec, rexmit(4), "hb9", UUID2, 0, G)); // authentic, but no node of ha.cf
        lb.quiesce();
        Map<String, Long> mid = lb.hb1.transport.counters();
        assertEquals(delta(before, mid), 1, diff(before, mid, "dropped.bad-digest"));
        assertEquals(delta(before, mid), 1, diff(before, mid, "dropped.wrong-method"));
        assertEquals(delta(before, mid), 1, diff(before, mid, "dropped.unknown-node"));
        assertEquals(delta(before, mid), 0, diff(before, mid, "rexmit-requests-received"));
        assertEquals(delta(before, mid), 0, diff(before, mid, "retransmitted"));
        assertTrue(retransmissionsOf(4).isEmpty());

        int flood = 200;
        byte[] request = forge(lb.codec, rexmit(4), HB2, UUID2, 0, G);
        long start = System.nanoTime();
        lb.flood(lb.hb1, request, flood); // the same datagram: a replay of one authentic request
        lb.quiesce();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        Map<String, Long> after = lb.hb1.transport.counters();
        long windowMs = MAX_REXMIT_DELAY_MS - 10;
        long windows = elapsedMs / windowMs + 1;
        long resent = diff(mid, after, "retransmitted");
        String figures = delta(mid, after) + " in " + elapsedMs + " ms, rate window " + windowMs + " ms";
        assertEquals(figures, flood, diff(mid, after, "rexmit-requests-received"));
        assertTrue(figures, resent >= 1);
        assertTrue(figures, resent <= windows);
        assertEquals(figures, flood - resent, diff(mid, after, "rexmit-rate-limited"));
        assertEquals(figures, resent, retransmissionsOf(4).size());
        assertTrue("nothing delivered", lb.hb1.listener.delivered.isEmpty());
    }

    @Test
    public void aNakIsTakenOnlyWhenAuthenticAndOnlyOnce() {
        // hb2 (played by the peer, with the key) sends seqs 1, 2 and 5: 3 and 4 are missing at hb1
        for (long seq : new long[] {1, 2, 5}) {
            lb.peer.send(ADDR1, forge(lb.codec, ping((int) seq), HB2, UUID2, seq, G));
        }
        // 1 and 2 delivered; 5 held back behind the gap
        await("hb1 has 2 of hb2's messages", () -> lb.hb1.listener.from(HB2).size() == 2);
        lb.quiesce();
        Map<String, Long> before = lb.hb1.transport.counters();
        assertEquals(before.toString(), 2L, (long) before.get("missing"));

        send(wrongKey, nak(3));
        send(wrongMethod, nak(4));
        lb.quiesce();
        Map<String, Long> mid = lb.hb1.transport.counters();
        assertEquals(delta(before, mid), 1, diff(before, mid, "dropped.bad-digest"));
        assertEquals(delta(before, mid), 1, diff(before, mid, "dropped.wrong-method"));
        assertEquals(delta(before, mid), 0, diff(before, mid, "nak-received"));
        assertEquals(delta(before, mid), 0, diff(before, mid, "lost"));

        for (int i = 0; i < 4; i++) {
            send(lb.codec, nak(3));
        }
        lb.quiesce();
        Map<String, Long> after = lb.hb1.transport.counters();
        assertEquals(delta(mid, after), 4, diff(mid, after, "nak-received"));
        assertEquals(delta(mid, after), 1, diff(mid, after, "lost.nak"));
        assertEquals(delta(mid, after), 1, diff(mid, after, "lost"));

        // what the NAK changed, and what the forged ones did not: 3 is given up (stale when it comes), 4 is
        // still missing (delivered when it comes)
        lb.peer.send(ADDR1, forge(lb.codec, ping(3), HB2, UUID2, 3, G));
        lb.peer.send(ADDR1, forge(lb.codec, ping(4), HB2, UUID2, 4, G));
        await("seq 4 delivered, then 5", () -> lb.hb1.listener.from(HB2).size() == 4);
        lb.quiesce();
        Map<String, Long> end = lb.hb1.transport.counters();
        assertEquals(delta(after, end), 1, diff(after, end, "dropped.stale"));
        assertEquals(delta(after, end), 1, diff(after, end, "recovered"));
        assertEquals("in order, 3 given up", List.of("1", "2", "4", "5"),
                lb.hb1.listener.from(HB2).stream().map(d -> d.message().get("n")).toList());
        assertEquals(4, lb.hb1.listener.from(HB2).size());
    }
}
