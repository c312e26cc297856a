package org.karabeat.transport.reliable;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.karabeat.transport.reliable.TestSupport.ack;
import static org.karabeat.transport.reliable.TestSupport.ackSeqs;
import static org.karabeat.transport.reliable.TestSupport.decode;
import static org.karabeat.transport.reliable.TestSupport.encode;
import static org.karabeat.transport.reliable.TestSupport.nak;
import static org.karabeat.transport.reliable.TestSupport.names;
import static org.karabeat.transport.reliable.TestSupport.rexmitRequest;
import static org.karabeat.transport.reliable.TestSupport.seqd;
import static org.karabeat.transport.reliable.TestSupport.stamp;
import static org.karabeat.transport.reliable.TestSupport.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.Before;
import org.junit.Test;
import org.karabeat.transport.wire.HbMessage;

/** Heartbeat 3.0.6's reliable delivery, scenario by scenario, on simulated time. */
public class ReliableDeliveryTest {

    private static final long G1 = 0x6b070d5fL;
    private static final long G2 = 0x6b070f5dL;
    private static final long T0 = 1_000_000L;

    private TestSupport.Recorder events;
    /** hb2, receiving hb1's (and hb3's) stream. */
    private ReliableDelivery hb2;

    @Before
    public void setUp() {
        events = new TestSupport.Recorder();
        hb2 = new ReliableDelivery(ReliableConfig.of("hb2", G2), new Random(42), events);
    }

    private int trigger(ReliableDelivery rd, String node) {
        return rd.peerState(node).orElseThrow().ackTrigger();
    }

    private List<Long> lastSeqAndMissing(String node) {
        PeerState s = hb2.peerState(node).orElseThrow();
        List<Long> out = new ArrayList<>();
        out.add(s.lastSeq());
        out.addAll(s.missing());
        return out;
    }

    /** The seqs an outcome hands to the core, in order. */
    private static List<Long> delivered(Outcome o) {
        List<Long> out = new ArrayList<>();
        for (Outcome.Released r : o.toDeliver()) {
            out.add(r.seq());
        }
        return out;
    }

    private List<Long> held(String node) {
        return hb2.peerState(node).orElseThrow().held();
    }

    /** Polls requests every ms over [from, to] and records, per seq, the times it was asked for. */
    private Map<Long, List<Long>> requestTimes(ReliableDelivery rd, String expectedDest, long from, long to) {
        Map<Long, List<Long>> times = new HashMap<>();
        for (long t = from; t <= to; t++) {
            for (HbMessage r : rd.dueRexmitRequests(t)) {
                assertEquals("NS_rexmit", r.type());
                assertEquals(expectedDest, r.get("dest"));
                assertEquals(r.get("firstseq"), r.get("lastseq"));
                times.computeIfAbsent(Long.parseLong(r.get("firstseq")), k -> new ArrayList<>()).add(t);
            }
        }
        return times;
    }

    // ------------------------------------------------------------------------------------------ in order

    @Test
    public void inOrderStreamIsDeliveredOnceEachAndAckedAtTheTriggerSeqs() {
        List<Long> acks = new ArrayList<>();
        for (long seq = 1; seq <= 30; seq++) {
            Outcome o = hb2.onReceived(status("hb1", G1, seq), T0 + seq * 1000);
            assertEquals(Verdict.DELIVER, o.verdict());
            assertTrue(o.refreshesLink());
            assertEquals(seq == 1, o.newGeneration());
            assertFalse(o.peerRestarted());
            assertTrue(o.toResend().isEmpty());
            for (HbMessage m : o.toSend()) {
                assertEquals(List.of("t", "dest", "ackseq"), names(m));
                assertEquals("hb1", m.get("dest"));
            }
            acks.addAll(ackSeqs(o.toSend()));
        }
        int t = trigger(hb2, "hb1");
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= 30; s++) {
            if (s % 10 == t) {
                expected.add(s);
            }
        }
        assertEquals(3, expected.size());
        assertEquals(expected, acks);
        assertEquals(30, hb2.count(Counter.DELIVERED));
        assertEquals(List.of(30L), lastSeqAndMissing("hb1"));
        assertEquals(Long.MAX_VALUE, hb2.nextDueMillis());
        assertTrue(events.lines.isEmpty());
    }

    @Test
    public void firstMessageOfANodeStartsItsStreamWhateverItsSeq() {
        Outcome o = hb2.onReceived(status("hb1", G1, 0x2c), T0);
        assertEquals(Verdict.DELIVER, o.verdict());
        assertTrue(o.newGeneration());
        assertEquals(0, o.previousGeneration());
        assertFalse("first contact is not a restart", o.peerRestarted());
        assertEquals(List.of(0x2cL), lastSeqAndMissing("hb1"));
        assertEquals(0, hb2.count(Counter.GAPS));
    }

    // ------------------------------------------------------------------------------------- duplicates

    @Test
    public void copiesFromTwoMediaAreDroppedAndDeliveredOnce() {
        int delivered = 0;
        long acks = 0;
        for (long seq = 1; seq <= 20; seq++) {
            HbMessage m = status("hb1", G1, seq);
            Outcome first = hb2.onReceived(m, T0 + seq);
            Outcome second = hb2.onReceived(m, T0 + seq);
            assertEquals(Verdict.DELIVER, first.verdict());
            assertEquals(Verdict.DUPLICATE, second.verdict());
            assertTrue("a duplicate still shows the link alive", second.refreshesLink());
            assertTrue(second.toSend().isEmpty());
            delivered += first.toDeliver().size();
            delivered += second.toDeliver().size();
            acks += first.toSend().size() + second.toSend().size();
        }
        assertEquals(20, delivered);
        assertEquals("no ack is sent twice", 2, acks);
        assertEquals(20, hb2.count(Counter.DUPLICATES));
    }

    @Test
    public void aCopyArrivingAfterTheNextSeqIsStale() {
        // medium 1 delivers 1 2 3, medium 2 lags: its 2 arrives after 3
        hb2.onReceived(status("hb1", G1, 1), T0);
        hb2.onReceived(status("hb1", G1, 2), T0);
        hb2.onReceived(status("hb1", G1, 3), T0);
        Outcome late = hb2.onReceived(status("hb1", G1, 2), T0 + 1);
        assertEquals(Verdict.STALE, late.verdict());
        assertFalse(late.refreshesLink());
        assertEquals(1, hb2.count(Counter.STALE));
        assertEquals(3, hb2.count(Counter.DELIVERED));
    }

    // ------------------------------------------------------------------------------------- reordering

    @Test
    public void reorderingFromTheCaptureIsNotLossAndComesOutInOrder() {
        // heartbeat-wire-protocol.md §9: hb2's seq 2d went on the wire after 2e (247.475)
        long[] arrival = {0x2c, 0x2e, 0x2d, 0x2f, 0x30};
        List<Long> deliveredSeqs = new ArrayList<>();
        for (long seq : arrival) {
            Outcome o = hb2.onReceived(seqd("hb1", G1, seq, "resource", "rsc_hold", "all"), T0);
            assertEquals(seq == 0x2e ? Verdict.HELD : Verdict.DELIVER, o.verdict());
            assertTrue("a held message still shows the link alive", o.refreshesLink());
            assertEquals(seq == 0x2d, o.filledGap());
            deliveredSeqs.addAll(delivered(o));
        }
        // heartbeat would hand them over as they came: 2c 2e 2d 2f 30
        assertEquals(List.of(0x2cL, 0x2dL, 0x2eL, 0x2fL, 0x30L), deliveredSeqs);
        assertEquals(1, hb2.count(Counter.HELD));
        assertEquals(5, hb2.count(Counter.DELIVERED));
        assertTrue(held("hb1").isEmpty());
        // heartbeat logs the gap, and that it is closed, but never asks
        assertEquals(List.of("1 lost packet(s) for [hb1] [44:46]", "No pkts missing from hb1!"), events.lines);
        assertEquals(Long.MAX_VALUE, hb2.nextDueMillis());
        assertTrue(hb2.dueRexmitRequests(T0 + 60_000).isEmpty());
        assertEquals(0, hb2.count(Counter.REXMIT_REQUESTED));
        assertEquals(0, hb2.count(Counter.LOST));
        assertEquals(1, hb2.count(Counter.RECOVERED));
        assertEquals(0, hb2.count(Counter.RECOVERED_AFTER_REQUEST));
    }

    @Test
    public void copiesOfAHeldMessageAreNeverDeliveredTwice() {
        hb2.onReceived(status("hb1", G1, 1), T0);
        assertEquals(Verdict.HELD, hb2.onReceived(status("hb1", G1, 3), T0).verdict());
        Outcome copy = hb2.onReceived(status("hb1", G1, 3), T0 + 1); // the second medium
        assertEquals(Verdict.DUPLICATE, copy.verdict());
        assertTrue(copy.refreshesLink());
        assertFalse("a copy is no news of the node", copy.freshStatus());
        assertEquals(Verdict.HELD, hb2.onReceived(status("hb1", G1, 4), T0 + 2).verdict());
        assertEquals(Verdict.STALE, hb2.onReceived(status("hb1", G1, 3), T0 + 3).verdict());
        Outcome filled = hb2.onReceived(status("hb1", G1, 2), T0 + 4);
        assertEquals(List.of(2L, 3L, 4L), delivered(filled));
        for (long seq = 2; seq <= 4; seq++) {
            assertTrue(hb2.onReceived(status("hb1", G1, seq), T0 + 5).released().isEmpty());
        }
        assertEquals(2, hb2.count(Counter.HELD));
        assertEquals(4, hb2.count(Counter.DELIVERED));
    }

    @Test
    public void eachStreamIsHeldOnItsOwn() {
        hb2.onReceived(status("hb1", G1, 1), T0);
        hb2.onReceived(status("hb3", G1, 1), T0);
        assertEquals(Verdict.HELD, hb2.onReceived(status("hb1", G1, 3), T0).verdict());
        assertEquals("hb3 does not wait for hb1's gap", List.of(2L),
                delivered(hb2.onReceived(status("hb3", G1, 2), T0)));
        Outcome o = hb2.onReceived(status("hb1", G1, 2), T0);
        assertEquals(List.of(2L, 3L), delivered(o));
        assertTrue(o.toDeliver().stream().allMatch(r -> r.message().source().equals("hb1")));
    }

    @Test
    public void aMessageForAnotherNodeAboveAGapTakesItsTurnWithoutBeingDelivered() {
        hb2.onReceived(status("hb1", G1, 1), T0);
        Outcome other = hb2.onReceived(seqd("hb1", G1, 3, "ip-request-resp", "dest", "hb3"), "eth0", T0);
        assertEquals(Verdict.NOT_FOR_US, other.verdict());
        assertFalse(other.refreshesLink());
        assertEquals(Verdict.HELD, hb2.onReceived(status("hb1", G1, 4), "eth1", T0).verdict());
        Outcome filled = hb2.onReceived(status("hb1", G1, 2), "eth0", T0);
        assertEquals(List.of(2L, 3L, 4L), filled.released().stream().map(Outcome.Released::seq).toList());
        assertEquals(List.of(true, false, true), filled.released().stream().map(Outcome.Released::forUs).toList());
        assertEquals(List.of(2L, 4L), delivered(filled));
        assertEquals("the link each came on first", "eth1", filled.toDeliver().get(1).link());
        assertEquals(1, hb2.count(Counter.HELD));
        assertEquals(1, hb2.count(Counter.NOT_FOR_US));
    }

    @Test
    public void aHeldStatusProvesTheNodeAliveOnArrival() {
        Outcome first = hb2.onReceived(status("hb1", G1, 1), T0);
        assertTrue(first.freshStatus());
        Outcome held = hb2.onReceived(status("hb1", G1, 3), T0);
        assertEquals(Verdict.HELD, held.verdict());
        assertTrue(held.freshStatus());
        assertTrue(held.refreshesLink());
        assertFalse(hb2.onReceived(seqd("hb1", G1, 4, "resource", "rsc_hold", "all"), T0).freshStatus());
        assertFalse("a stale copy", hb2.onReceived(status("hb1", G1, 1), T0).freshStatus());
        assertTrue("a status filling the gap arrived now too", hb2.onReceived(status("hb1", G1, 2), T0).freshStatus());
    }

    @Test
    public void theOwnStreamIsNeverHeldEvenWhenTheNodeSkippedASeq() {
        ReliableDelivery hb1 = new ReliableDelivery(ReliableConfig.of("hb1", G1), new Random(3), ReliableEvents.NONE);
        for (long seq : new long[] {1, 2, 4, 5}) { // 3 was never sent (a message too large to encode)
            HbMessage m = status("hb1", G1, seq);
            Outcome o = hb1.sent(m, encode(m), T0);
            assertEquals(Verdict.DELIVER, o.verdict());
            assertEquals(List.of(seq), delivered(o));
            assertFalse(o.freshStatus());
        }
        assertEquals(0, hb1.count(Counter.HELD));
        assertTrue(hb1.peerState("hb1").orElseThrow().held().isEmpty());
    }

    @Test
    public void aReorderedSeqArrivingWithin50msIsNeverAskedFor() {
        for (int run = 0; run < 50; run++) {
            ReliableDelivery rd = new ReliableDelivery(ReliableConfig.of("hb2", G2), new Random(run),
                    ReliableEvents.NONE);
            rd.onReceived(status("hb1", G1, 1), T0);
            rd.onReceived(status("hb1", G1, 3), T0);
            assertTrue(rd.nextDueMillis() >= T0 + 50);
            assertTrue(rd.nextDueMillis() <= T0 + 250);
            assertTrue(requestTimes(rd, "hb1", T0, T0 + 49).isEmpty());
            assertTrue(rd.onReceived(status("hb1", G1, 2), T0 + 49).filledGap());
            assertTrue(requestTimes(rd, "hb1", T0 + 49, T0 + 2000).isEmpty());
        }
    }

    // ------------------------------------------------------------------------------ gap and rexmit

    @Test
    public void aGapOfThreeIsAskedSeqBySeqInDecimalThenEveryMaxRexmitDelay() {
        hb2.onReceived(status("hb3", G1, 25), T0);
        hb2.onReceived(status("hb3", G1, 29), T0);
        assertTrue(events.has("3 lost packet(s) for [hb3] [25:29]"));
        assertEquals(List.of(29L, 26L, 27L, 28L), lastSeqAndMissing("hb3"));

        Map<Long, List<Long>> times = requestTimes(hb2, "hb3", T0, T0 + 1300);
        assertEquals(java.util.Set.of(26L, 27L, 28L), times.keySet());
        for (Map.Entry<Long, List<Long>> e : times.entrySet()) {
            List<Long> ts = e.getValue();
            long first = ts.get(0) - T0;
            assertTrue("first request " + first + " ms after the gap", first >= 50 && first <= 250);
            for (int i = 1; i < ts.size(); i++) {
                assertEquals(250, ts.get(i) - ts.get(i - 1));
            }
            assertTrue(ts.size() >= 5);
        }
        // the wire form: decimal, firstseq = lastseq, as observed (firstseq=26 lastseq=26 for seq 0x1a)
        HbMessage r = ControlMessages.rexmitRequest("hb3", 26);
        assertEquals(List.of("t", "dest", "firstseq", "lastseq"), names(r));
        assertEquals("26", r.get("firstseq"));
        assertEquals("26", r.get("lastseq"));
    }

    @Test
    public void aGapIsFilledByRetransmissionExactlyOnce() {
        ReliableDelivery hb1 = new ReliableDelivery(ReliableConfig.of("hb1", G1), new Random(1), ReliableEvents.NONE);
        Map<Long, byte[]> wire = new HashMap<>();
        for (int i = 1; i <= 5; i++) {
            long seq = hb1.nextSeq();
            assertEquals(i, seq);
            HbMessage m = seqd("hb1", G1, seq, "resource", "rsc_hold", "local");
            byte[] bytes = encode(m);
            hb1.sent(m, bytes, T0);
            wire.put(seq, bytes);
        }
        // seq 3 is lost on every medium: 4 and 5 wait for it
        for (long seq : new long[] {1, 2, 4, 5}) {
            Outcome o = hb2.onReceived(decode(wire.get(seq)), T0 + 1);
            assertEquals(seq < 3 ? Verdict.DELIVER : Verdict.HELD, o.verdict());
            assertEquals(seq < 3 ? List.of(seq) : List.of(), delivered(o));
        }
        assertEquals(List.of(4L, 5L), held("hb1"));
        assertEquals(2, hb2.count(Counter.DELIVERED));
        long due = hb2.nextDueMillis();
        assertTrue(due >= T0 + 51 && due <= T0 + 251);
        List<HbMessage> requests = hb2.dueRexmitRequests(due);
        assertEquals(1, requests.size());
        assertEquals("3", requests.get(0).get("firstseq"));

        Outcome answer = hb1.onReceived(stamp(requests.get(0), "hb2", G2), due + 1);
        assertEquals(Verdict.CONTROL, answer.verdict());
        assertEquals(1, answer.toResend().size());
        assertArrayEquals("a retransmission is the original, byte for byte", wire.get(3L), answer.toResend().get(0));
        assertTrue(answer.toSend().isEmpty());

        Outcome filled = hb2.onReceived(decode(answer.toResend().get(0)), due + 2);
        assertEquals(Verdict.DELIVER, filled.verdict());
        assertTrue(filled.filledGap());
        assertEquals("the gap filled, what waited follows it", List.of(3L, 4L, 5L), delivered(filled));
        assertEquals(G1, filled.toDeliver().get(2).generation());
        assertTrue(held("hb1").isEmpty());
        // the same retransmission again (another medium, or another node asked too): dropped
        assertEquals(Verdict.STALE, hb2.onReceived(decode(answer.toResend().get(0)), due + 3).verdict());
        assertEquals(Verdict.STALE, hb2.onReceived(decode(wire.get(3L)), due + 4).verdict());
        assertEquals(Verdict.STALE, hb2.onReceived(decode(wire.get(4L)), due + 4).verdict());
        assertEquals(5, hb2.count(Counter.DELIVERED));
        assertEquals(1, hb2.count(Counter.RECOVERED_AFTER_REQUEST));
        assertEquals(Long.MAX_VALUE, hb2.nextDueMillis());
        assertTrue(hb2.dueRexmitRequests(due + 10_000).isEmpty());
        assertEquals(1, hb1.count(Counter.RETRANSMITTED));
    }

    @Test
    public void aGapNotFilledWithinTheHoldLimitIsGivenUpAndReleasesWhatItHeld() {
        // heartbeat's default deadtime (30 s): messages wait at most 15 s behind a missing one
        assertEquals(15_000, hb2.config().holdLimitMillis());
        hb2.onReceived(status("hb1", G1, 1), T0);
        assertEquals(Verdict.HELD, hb2.onReceived(status("hb1", G1, 3), T0).verdict());
        assertEquals(Verdict.HELD, hb2.onReceived(status("hb1", G1, 5), T0 + 6_000).verdict()); // 4 missing since T0+6 s
        assertTrue("nothing expires early", hb2.expireHeld(T0 + 14_999).released().isEmpty());
        assertTrue(hb2.nextDueMillis() <= T0 + 15_000);

        Outcome expired = hb2.expireHeld(T0 + 15_000);
        assertEquals("2 given up releases 3; 4 still holds 5 back", List.of(3L), delivered(expired));
        assertTrue(events.has("lost hb1 2..2 HOLD_LIMIT"));
        assertEquals(List.of(5L, 4L), lastSeqAndMissing("hb1"));
        assertEquals(List.of(5L), held("hb1"));

        assertEquals(List.of(5L), delivered(hb2.expireHeld(T0 + 21_000)));
        assertEquals(Long.MAX_VALUE, hb2.nextDueMillis());
        assertEquals(2, hb2.count(Counter.LOST_HOLD_LIMIT));
        assertEquals(2, hb2.count(Counter.LOST));
        assertEquals(Verdict.STALE, hb2.onReceived(status("hb1", G1, 2), T0 + 22_000).verdict());
        assertTrue(hb2.expireHeld(T0 + 60_000).released().isEmpty());
    }

    @Test
    public void theHoldLimitIsHalfTheDeadtimeAndAtLeastFourRequestRounds() {
        assertEquals(5_000, ReliableConfig.holdLimit(10_000, 250));
        assertEquals(1_000, ReliableConfig.holdLimit(500, 250));
        assertEquals(15_000, new ReliableConfig("hb2", null, G2, 250).holdLimitMillis());
    }

    @Test
    public void controlMessagesFromAnEarlierRunOfTheNodeAreReplaysAndChangeNothing() {
        long older = G1 - 0x100;
        hb2.onReceived(status("hb3", G1, 25), T0);
        assertEquals(Verdict.HELD, hb2.onReceived(status("hb3", G1, 27), T0).verdict()); // 26 missing
        Outcome oldNak = hb2.onReceived(nak("hb3", older, "hb2", "1a"), T0 + 10);
        assertEquals(Verdict.STALE_GENERATION, oldNak.verdict());
        assertFalse(oldNak.refreshesLink());
        assertEquals("26 is still asked for", List.of(27L, 26L), lastSeqAndMissing("hb3"));
        assertEquals(Verdict.STALE_GENERATION, hb2.onReceived(ack("hb3", older, "hb2", 5), T0 + 10).verdict());
        assertEquals(Verdict.STALE_GENERATION,
                hb2.onReceived(rexmitRequest("hb3", older, "hb2", "1", "1"), T0 + 10).verdict());
        assertEquals(3, hb2.count(Counter.STALE_GENERATION));
        assertEquals(0, hb2.count(Counter.LOST));
        // the same NAK from the node's current run is acted on
        assertEquals(List.of(27L), delivered(hb2.onReceived(nak("hb3", G1, "hb2", "1a"), T0 + 20)));
    }

    @Test
    public void aReplayedCopyOrControlMessageNeverKeepsALinkAlive() {
        assertTrue(hb2.onReceived(status("hb1", G1, 7), "eth0", T0).refreshesLink());
        Outcome copy = hb2.onReceived(status("hb1", G1, 7), "eth1", T0 + 1);
        assertEquals(Verdict.DUPLICATE, copy.verdict());
        assertTrue("the copy on the second medium proves that link", copy.refreshesLink());
        for (String link : new String[] {"eth0", "eth1"}) {
            Outcome replay = hb2.onReceived(status("hb1", G1, 7), link, T0 + 5_000);
            assertEquals(Verdict.DUPLICATE, replay.verdict());
            assertFalse("the same copy again on " + link, replay.refreshesLink());
        }
        assertFalse(hb2.onReceived(ack("hb1", G1, "hb2", 7), "eth0", T0 + 5_000).refreshesLink());
        assertFalse(hb2.onReceived(rexmitRequest("hb1", G1, "hb2", "1", "1"), "eth0", T0 + 5_000).refreshesLink());
        assertTrue("the next seq does", hb2.onReceived(status("hb1", G1, 8), "eth1", T0 + 6_000).refreshesLink());
    }

    @Test
    public void aNakGivesTheSeqUpAndStopsItsRequests() {
        hb2.onReceived(status("hb3", G1, 25), T0);
        assertEquals(Verdict.HELD, hb2.onReceived(status("hb3", G1, 29), T0).verdict());
        // as in the lab: the peer answered firstseq=1a; heartbeat reads it as hex (26)
        Outcome o = hb2.onReceived(nak("hb3", G1, "hb2", "1a"), T0 + 300);
        assertEquals(Verdict.CONTROL, o.verdict());
        assertFalse(o.refreshesLink());
        assertTrue("27 and 28 still ahead of it", o.released().isEmpty());
        assertTrue(events.has("Irretrievably lost packet: node hb3 seq 26"));
        assertTrue(events.has("lost hb3 26..26 NAK"));
        assertEquals(List.of(29L, 27L, 28L), lastSeqAndMissing("hb3"));
        Map<Long, List<Long>> times = requestTimes(hb2, "hb3", T0 + 300, T0 + 1300);
        assertFalse(times.containsKey(26L));
        assertEquals(java.util.Set.of(27L, 28L), times.keySet());

        // a NAK addressed to another node tells us the seq is gone too, without "Irretrievably lost" for us
        hb2.onReceived(nak("hb3", G1, "hb1", "1b"), T0 + 1400);
        assertTrue(events.has("nak for another node: hb3 seq 27"));
        Outcome last = hb2.onReceived(nak("hb3", G1, "hb2", "1c"), T0 + 1400);
        assertEquals("the last one given up releases what waited", List.of(29L), delivered(last));
        assertTrue(events.has("No pkts missing from hb3!"));
        assertEquals(List.of(29L), lastSeqAndMissing("hb3"));
        assertEquals(3, hb2.count(Counter.LOST_NAK));
        assertEquals(Long.MAX_VALUE, hb2.nextDueMillis());
        // the NAK again changes nothing
        Outcome again = hb2.onReceived(nak("hb3", G1, "hb2", "1a"), T0 + 1500);
        assertTrue(again.toSend().isEmpty());
        assertTrue(again.released().isEmpty());
        assertEquals(3, hb2.count(Counter.LOST));
        // and a late copy of a given-up seq is never delivered
        assertEquals(Verdict.STALE, hb2.onReceived(status("hb3", G1, 26), T0 + 1600).verdict());
    }

    @Test
    public void aGapNeverFilledIsGivenUpWhenTheStreamMovesAWholeHistoryPastIt() {
        long now = T0;
        hb2.onReceived(status("hb1", G1, 1), now);
        hb2.onReceived(status("hb1", G1, 3), now);
        long requests = 0;
        for (long seq = 4; seq <= 501; seq++) {
            now += 1000; // keepalive 1
            requests += requestTimes(hb2, "hb1", now - 999, now).values().stream().mapToLong(List::size).sum();
            Outcome o = hb2.onReceived(status("hb1", G1, seq), now);
            assertEquals(Verdict.HELD, o.verdict());
            assertTrue("the node's liveness is not held back", o.freshStatus());
        }
        assertEquals("still missing while the sender can still have it", List.of(501L, 2L), lastSeqAndMissing("hb1"));
        assertEquals("held: 3..501", 499, held("hb1").size());
        assertTrue("asked about every 250 ms: " + requests, requests >= 497 * 4);
        assertEquals(0, hb2.count(Counter.LOST));

        Outcome o = hb2.onReceived(status("hb1", G1, 502), now + 1000);
        assertEquals(Verdict.DELIVER, o.verdict());
        assertTrue(events.has("lost hb1 2..2 OUT_OF_WINDOW"));
        List<Long> expected = new ArrayList<>();
        for (long s = 3; s <= 502; s++) {
            expected.add(s);
        }
        assertEquals("what waited, in order, then 502", expected, delivered(o));
        assertTrue(held("hb1").isEmpty());
        assertEquals(List.of(502L), lastSeqAndMissing("hb1"));
        assertEquals(1, hb2.count(Counter.LOST_OUT_OF_WINDOW));
        assertEquals(Long.MAX_VALUE, hb2.nextDueMillis());
        assertEquals(Verdict.STALE, hb2.onReceived(status("hb1", G1, 2), now + 2000).verdict());
    }

    @Test
    public void aGapLargerThanTheFlowControlLimitResetsTheStreamWithoutRequests() {
        hb2.onReceived(status("hb1", G1, 10), T0);
        hb2.onReceived(status("hb1", G1, 12), T0); // 11 missing, 12 held
        Outcome o = hb2.onReceived(status("hb1", G1, 12 + 252), T0 + 1); // 251 more missing > 250
        assertEquals(Verdict.DELIVER, o.verdict());
        assertEquals(List.of(12L, 264L), delivered(o));
        assertTrue(events.has("251 lost packet(s) for [hb1] [12:264]"));
        assertTrue(events.has("lost hb1 11..11 GAP_TOO_LARGE"));
        assertTrue(events.has("lost hb1 13..263 GAP_TOO_LARGE"));
        assertEquals(252, hb2.count(Counter.LOST_GAP_TOO_LARGE));
        assertEquals(List.of(264L), lastSeqAndMissing("hb1"));
        assertTrue(hb2.dueRexmitRequests(T0 + 10_000).isEmpty());
        assertTrue("no ack after a reset (heartbeat.c:5776)", o.toSend().isEmpty());

        // exactly the limit is still a gap to fill
        hb2.onReceived(status("hb1", G1, 264 + 251), T0 + 2);
        assertEquals(250, hb2.peerState("hb1").orElseThrow().missing().size());
        assertEquals(250, requestTimes(hb2, "hb1", T0 + 2, T0 + 252).size());
    }

    @Test
    public void aNodeDeclaredDeadIsAskedNothingAndWhatWaitedForItIsReleased() {
        hb2.onReceived(status("hb1", G1, 1), T0);
        hb2.onReceived(status("hb1", G1, 3), T0);
        hb2.onReceived(status("hb1", G1, 4), T0);
        Outcome down = hb2.setPeerUp("hb1", false);
        assertEquals(List.of(3L, 4L), delivered(down));
        assertTrue(events.has("lost hb1 2..2 PEER_DOWN"));
        assertEquals(1, hb2.count(Counter.LOST_PEER_DOWN));
        assertTrue(requestTimes(hb2, "hb1", T0, T0 + 2000).isEmpty());
        assertFalse(hb2.peerState("hb1").orElseThrow().up());

        // back after a partition: nobody would ask it for the gap, so its messages are not held behind it
        Outcome back = hb2.onReceived(status("hb1", G1, 9), T0 + 3000);
        assertEquals(Verdict.DELIVER, back.verdict());
        assertTrue(back.freshStatus());
        assertTrue(events.has("lost hb1 5..8 PEER_DOWN"));
        assertEquals(5, hb2.count(Counter.LOST_PEER_DOWN));
        hb2.setPeerUp("hb1", true);
        assertTrue(requestTimes(hb2, "hb1", T0 + 3000, T0 + 5000).isEmpty());
        // up again, a gap is asked for
        hb2.onReceived(status("hb1", G1, 11), T0 + 6000);
        assertEquals(java.util.Set.of(10L), requestTimes(hb2, "hb1", T0 + 6000, T0 + 6300).keySet());
    }

    // ------------------------------------------------------------------------------------- generations

    @Test
    public void aNewerGenerationIsARestartThatResetsTheStream() {
        for (long seq : new long[] {1, 2, 4, 5}) {
            hb2.onReceived(status("hb1", G1, seq), T0);
        }
        assertEquals(List.of(5L, 3L), lastSeqAndMissing("hb1"));
        assertEquals(List.of(4L, 5L), held("hb1"));
        Outcome o = hb2.onReceived(seqd("hb1", G1 + 1, 1, "status", "st", "init", "dt", "2ee0", "protocol", "1"),
                T0 + 100);
        assertEquals(Verdict.DELIVER, o.verdict());
        // the old run's held messages first, then the new run's first
        assertEquals(List.of(4L, 5L, 1L), delivered(o));
        assertEquals(List.of(G1, G1, G1 + 1), o.toDeliver().stream().map(Outcome.Released::generation).toList());
        assertTrue(held("hb1").isEmpty());
        // a late copy of the old run's 3 is a replay now
        assertEquals(Verdict.STALE_GENERATION, hb2.onReceived(status("hb1", G1, 3), T0 + 200).verdict());
        assertTrue(o.newGeneration());
        assertTrue(o.peerRestarted());
        assertEquals(G1, o.previousGeneration());
        assertTrue(events.has("Heartbeat restart on node hb1"));
        assertTrue(events.has("lost hb1 3..3 PEER_RESTART"));
        PeerState s = hb2.peerState("hb1").orElseThrow();
        assertEquals(G1 + 1, s.generation());
        assertEquals(List.of(1L), lastSeqAndMissing("hb1"));
        assertTrue(hb2.dueRexmitRequests(T0 + 10_000).isEmpty());
        for (long seq = 2; seq <= 3; seq++) {
            Outcome next = hb2.onReceived(status("hb1", G1 + 1, seq), T0 + 1000 * seq);
            assertEquals(Verdict.DELIVER, next.verdict());
            assertFalse(next.newGeneration());
        }
        assertEquals(1, hb2.count(Counter.PEER_RESTARTS));
    }

    @Test
    public void aRestartIsSeenOnTheFirstMessageOfTheNewGenerationWhateverItsType() {
        hb2.onReceived(status("hb1", G1, 0x2e), T0);
        // heartbeat would only notice on a status message and drop this one as a duplicate of seq 2 < 2e
        Outcome o = hb2.onReceived(seqd("hb1", G1 + 1, 2, "starting"), T0 + 1);
        assertEquals(Verdict.DELIVER, o.verdict());
        assertTrue(o.peerRestarted());
        assertEquals(List.of(2L), lastSeqAndMissing("hb1"));
    }

    @Test
    public void anOlderGenerationIsDroppedAsReplay() {
        hb2.onReceived(status("hb1", G1 + 1, 7), T0);
        Outcome o = hb2.onReceived(status("hb1", G1, 8), T0 + 1);
        assertEquals(Verdict.STALE_GENERATION, o.verdict());
        assertFalse(o.refreshesLink());
        assertTrue(o.toSend().isEmpty());
        assertTrue(events.has("attempted replay attack [hb1]? [gen = " + G1 + ", curgen = " + (G1 + 1) + "]"));
        // a sequenced message without hg is generation 0: older too
        assertEquals(Verdict.STALE_GENERATION,
                hb2.onReceived(HbMessage.builder().add("t", "x").add("src", "hb1").add("seq", "9").add("ts", "1")
                        .build(), T0 + 2).verdict());
        assertEquals(List.of(7L), lastSeqAndMissing("hb1"));
        assertEquals(2, hb2.count(Counter.STALE_GENERATION));
    }

    // ------------------------------------------------------------------------------ transmit history

    private Map<Long, byte[]> sendMany(ReliableDelivery rd, String node, long gen, int n, long now) {
        Map<Long, byte[]> wire = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long seq = rd.nextSeq();
            HbMessage m = status(node, gen, seq);
            byte[] bytes = encode(m);
            rd.sent(m, bytes, now);
            wire.put(seq, bytes);
        }
        return wire;
    }

    @Test
    public void theHistoryAnswersByteIdenticallyAndNaksWhatItNoLongerHas() {
        TestSupport.Recorder hb1Events = new TestSupport.Recorder();
        ReliableDelivery hb1 = new ReliableDelivery(ReliableConfig.of("hb1", G1), new Random(7), hb1Events);
        Map<Long, byte[]> wire = sendMany(hb1, "hb1", G1, 600, T0);
        assertEquals(600, hb1.highestSentSeq());

        Outcome newest = hb1.onReceived(rexmitRequest("hb2", G2, "hb1", "600", "600"), T0 + 1000);
        assertEquals(1, newest.toResend().size());
        assertArrayEquals(wire.get(600L), newest.toResend().get(0));

        Outcome three = hb1.onReceived(rexmitRequest("hb2", G2, "hb1", "550", "552"), T0 + 1000);
        assertEquals(3, three.toResend().size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(wire.get(550L + i), three.toResend().get(i));
        }
        // the oldest kept is 600 - 500 + 1 = 101
        Outcome oldest = hb1.onReceived(rexmitRequest("hb2", G2, "hb1", "101", "101"), T0 + 1000);
        assertArrayEquals(wire.get(101L), oldest.toResend().get(0));

        Outcome tooLow = hb1.onReceived(rexmitRequest("hb2", G2, "hb1", "50", "50"), T0 + 1000);
        assertTrue(tooLow.toResend().isEmpty());
        assertEquals(1, tooLow.toSend().size());
        HbMessage nak = tooLow.toSend().get(0);
        assertEquals(List.of("t", "firstseq", "dest", "info"), names(nak));
        assertEquals("NS_nak_rexmit", nak.type());
        assertEquals("32", nak.get("firstseq")); // hex
        assertEquals("hb2", nak.get("dest"));
        assertEquals("seqno too low", nak.get("info"));
        assertTrue(hb1Events.has("Cannot rexmit pkt 50 for hb2: seqno too low"));
        List<HbMessage> boundary = hb1.onReceived(rexmitRequest("hb2", G2, "hb1", "100", "100"), T0 + 1000).toSend();
        assertEquals(1, boundary.size());
        assertEquals("64", boundary.get(0).get("firstseq"));
        assertEquals("seqno too low", boundary.get(0).get("info"));

        // above the highest sent: heartbeat neither resends nor NAKs
        Outcome beyond = hb1.onReceived(rexmitRequest("hb2", G2, "hb1", "601", "601"), T0 + 1000);
        assertTrue(beyond.toSend().isEmpty() && beyond.toResend().isEmpty());
        assertTrue(hb1Events.has("Rexmit of seq 601 requested. 600 is max."));

        assertEquals(2, hb1.count(Counter.NAK_SENT));
        assertEquals(5, hb1.count(Counter.RETRANSMITTED));
    }

    @Test
    public void aMessageIsNotResentTwiceWithinMaxRexmitDelayMinus10ms() {
        ReliableDelivery hb1 = new ReliableDelivery(ReliableConfig.of("hb1", G1), new Random(7), ReliableEvents.NONE);
        sendMany(hb1, "hb1", G1, 20, T0);
        HbMessage req = rexmitRequest("hb2", G2, "hb1", "10", "10");
        HbMessage fromHb3 = rexmitRequest("hb3", G2, "hb1", "10", "10");
        assertEquals(1, hb1.onReceived(req, T0 + 1000).toResend().size());
        assertEquals(0, hb1.onReceived(fromHb3, T0 + 1000).toResend().size());
        assertEquals(0, hb1.onReceived(req, T0 + 1239).toResend().size());
        assertEquals(1, hb1.onReceived(req, T0 + 1240).toResend().size());
        assertEquals(2, hb1.count(Counter.REXMIT_RATE_LIMITED));
        // nothing NAKed for rate-limited requests
        assertEquals(0, hb1.count(Counter.NAK_SENT));
    }

    @Test
    public void oneRequestGetsAtMost50Retransmissions() {
        ReliableDelivery hb1 = new ReliableDelivery(ReliableConfig.of("hb1", G1), new Random(7), ReliableEvents.NONE);
        Map<Long, byte[]> wire = sendMany(hb1, "hb1", G1, 200, T0);
        Outcome o = hb1.onReceived(rexmitRequest("hb2", G2, "hb1", "1", "120"), T0 + 1000);
        assertEquals(50, o.toResend().size());
        assertArrayEquals(wire.get(1L), o.toResend().get(0));
        assertArrayEquals(wire.get(50L), o.toResend().get(49));
    }

    @Test
    public void requestsNotForUsOrFromOurselvesOrForSeqsTheRequesterAckedAreIgnored() {
        ReliableDelivery hb1 = new ReliableDelivery(ReliableConfig.of("hb1", G1), new Random(7), ReliableEvents.NONE);
        Map<Long, byte[]> wire = sendMany(hb1, "hb1", G1, 40, T0);
        Outcome other = hb1.onReceived(rexmitRequest("hb2", G2, "hb3", "5", "5"), T0 + 1);
        assertEquals(Verdict.NOT_FOR_US, other.verdict());
        assertTrue(other.toResend().isEmpty());
        Outcome own = hb1.onReceived(rexmitRequest("hb1", G1, "hb1", "5", "5"), T0 + 1);
        assertEquals(Verdict.CONTROL, own.verdict());
        assertTrue(own.toResend().isEmpty());

        assertEquals(Verdict.CONTROL, hb1.onReceived(ack("hb2", G2, "hb1", 30), T0 + 2).verdict());
        assertEquals(30, hb1.peerState("hb2").orElseThrow().ackedOurStream());
        Outcome acked = hb1.onReceived(rexmitRequest("hb2", G2, "hb1", "25", "32"), T0 + 3);
        assertEquals(2, acked.toResend().size()); // 31 and 32 only
        assertEquals(6, hb1.count(Counter.REXMIT_ALREADY_ACKED));

        Outcome bad = hb1.onReceived(rexmitRequest("hb2", G2, "hb1", "zz", "3"), T0 + 4);
        assertTrue(bad.toResend().isEmpty() && bad.toSend().isEmpty());
        assertEquals(1, hb1.count(Counter.INVALID));
        // atoi: a hex request "1a" is read as seq 1, as heartbeat does
        Outcome hex = hb1.onReceived(rexmitRequest("hb3", G2, "hb1", "1a", "1a"), T0 + 5);
        assertEquals(1, hex.toResend().size());
        assertArrayEquals(wire.get(1L), hex.toResend().get(0));
        Outcome next = hb1.onReceived(rexmitRequest("hb3", G2, "hb1", "1b", "2"), T0 + 5); // 1 was just resent
        assertEquals(1, next.toResend().size());
        assertArrayEquals(wire.get(2L), next.toResend().get(0));
    }

    @Test
    public void aSeqSkippedBySenderIsNakedNotFound() {
        ReliableDelivery hb1 = new ReliableDelivery(ReliableConfig.of("hb1", G1), new Random(7), ReliableEvents.NONE);
        for (long seq : new long[] {1, 2, 4}) {
            HbMessage m = status("hb1", G1, seq);
            hb1.sent(m, encode(m), T0);
        }
        Outcome o = hb1.onReceived(rexmitRequest("hb2", G2, "hb1", "3", "3"), T0 + 1);
        assertEquals(1, o.toSend().size());
        assertEquals("seqno not found", o.toSend().get(0).get("info"));
        assertEquals("3", o.toSend().get(0).get("firstseq"));
    }

    // ---------------------------------------------------------------------------------------- acks

    @Test
    public void anOpenGapHoldsAcksBackAndFillingItAcksTheHighestTriggerSeqBelowTheNextGap() {
        hb2.onReceived(status("hb1", G1, 1), T0);
        int t = trigger(hb2, "hb1");
        long base = 10 + t; // a trigger seq >= 10
        List<Long> acks = new ArrayList<>();
        for (long seq = 2; seq <= base + 15; seq++) {
            if (seq != base - 2) {
                acks.addAll(ackSeqs(hb2.onReceived(status("hb1", G1, seq), T0 + seq).toSend()));
            }
        }
        List<Long> before = new ArrayList<>();
        for (long s = 2; s < base - 2; s++) {
            if (s % 10 == t) {
                before.add(s);
            }
        }
        assertEquals("nothing acked past the missing seq", before, acks);
        Outcome filled = hb2.onReceived(status("hb1", G1, base - 2), T0 + 100);
        assertEquals(List.of(base + 10), ackSeqs(filled.toSend()));
        assertEquals(Long.toHexString(base + 10), filled.toSend().get(0).get("ackseq"));
    }

    @Test
    public void aNakOfTheFirstMissingSeqAlsoReleasesTheAck() {
        hb2.onReceived(status("hb1", G1, 1), T0);
        int t = trigger(hb2, "hb1");
        long base = 10 + t;
        for (long seq = 2; seq <= base + 15; seq++) {
            if (seq != base - 2) {
                hb2.onReceived(status("hb1", G1, seq), T0 + seq);
            }
        }
        Outcome o = hb2.onReceived(nak("hb1", G1, "hb2", Long.toHexString(base - 2)), T0 + 100);
        assertEquals(List.of(base + 10), ackSeqs(o.toSend()));
    }

    @Test
    public void theNodeAcksItsOwnStreamThroughTheLoopback() {
        ReliableDelivery hb1 = new ReliableDelivery(ReliableConfig.of("hb1", G1), new Random(3), ReliableEvents.NONE);
        int t = trigger(hb1, "hb1");
        List<Long> acks = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long seq = hb1.nextSeq();
            HbMessage m = status("hb1", G1, seq);
            Outcome o = hb1.sent(m, encode(m), T0 + i);
            assertEquals("heartbeat hands its own messages to itself", Verdict.DELIVER, o.verdict());
            for (HbMessage a : o.toSend()) {
                assertEquals("hb1", a.get("dest"));
            }
            acks.addAll(ackSeqs(o.toSend()));
        }
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= 25; s++) {
            if (s % 10 == t) {
                expected.add(s);
            }
        }
        assertEquals(expected, acks);
        assertEquals((long) expected.get(expected.size() - 1), hb1.peerState("hb1").orElseThrow().ackedOurStream());
        // the own copies coming back over bcast are duplicates, and our own ack coming back changes nothing
        HbMessage last = status("hb1", G1, 25);
        assertEquals(Verdict.DUPLICATE, hb1.onReceived(last, T0 + 100).verdict());
        long ignoredBefore = hb1.count(Counter.ACKS_IGNORED);
        hb1.onReceived(ack("hb1", G1, "hb1", expected.get(expected.size() - 1)), T0 + 101);
        assertEquals(ignoredBefore + 1, hb1.count(Counter.ACKS_IGNORED));
    }

    @Test
    public void receivedAcksAdvanceWhatEachNodeHasAndClearCongestion() {
        TestSupport.Recorder hb1Events = new TestSupport.Recorder();
        ReliableDelivery hb1 = new ReliableDelivery(ReliableConfig.of("hb1", G1), new Random(3), hb1Events);
        hb1.onReceived(status("hb2", G2, 1), T0); // hb1 knows hb2
        sendMany(hb1, "hb1", G1, 300, T0);
        assertTrue("hb2 acked nothing of 300", hb1.congested());
        assertEquals(0, hb1.ackedByAll());

        assertEquals(Verdict.CONTROL, hb1.onReceived(ack("hb2", G2, "hb1", 0x114), T0 + 1).verdict());
        assertEquals(0x114, hb1.peerState("hb2").orElseThrow().ackedOurStream());
        long own = hb1.peerState("hb1").orElseThrow().ackedOurStream();
        assertEquals(Math.min(own, 0x114), hb1.ackedByAll());
        assertFalse(hb1.congested());
        assertEquals(1, hb1.count(Counter.ACKS_RECEIVED));

        hb1.onReceived(ack("hb2", G2, "hb1", 0x114), T0 + 2); // duplicate
        hb1.onReceived(ack("hb2", G2, "hb1", 0x100), T0 + 2); // late
        hb1.onReceived(ack("hb2", G2, "hb1", 0x200), T0 + 2); // more than sent
        Outcome other = hb1.onReceived(ack("hb2", G2, "hb3", 0x120), T0 + 2); // not for us
        assertEquals(Verdict.NOT_FOR_US, other.verdict());
        assertTrue(hb1Events.has("corrupted ackseq current hiseq = 300 ackseq =512"));
        assertEquals(0x114, hb1.peerState("hb2").orElseThrow().ackedOurStream());
        assertEquals(1, hb1.count(Counter.ACKS_RECEIVED));
        assertEquals(4, hb1.count(Counter.ACKS_IGNORED));
    }

    @Test
    public void aNodeThatIsNotUpDoesNotHoldBackAckedByAll() {
        ReliableDelivery hb1 = new ReliableDelivery(ReliableConfig.of("hb1", G1), new Random(3), ReliableEvents.NONE);
        hb1.onReceived(status("hb2", G2, 1), T0);
        hb1.onReceived(status("hb3", G2, 1), T0);
        sendMany(hb1, "hb1", G1, 100, T0);
        hb1.onReceived(ack("hb2", G2, "hb1", 90), T0 + 1);
        assertEquals("hb3 acked nothing", 0, hb1.ackedByAll());
        hb1.setPeerUp("hb3", false);
        assertEquals(Math.min(90, hb1.peerState("hb1").orElseThrow().ackedOurStream()), hb1.ackedByAll());
        assertTrue(hb1.ackedByAll() > 0);
    }

    @Test
    public void aStatusWithoutProtocolTurnsAcksOffAsHeartbeatDoes() {
        for (long seq = 1; seq <= 9; seq++) {
            hb2.onReceived(status("hb1", G1, seq), T0 + seq);
        }
        assertTrue(hb2.flowControlEnabled());
        hb2.onReceived(seqd("hb3", G1, 1, "status", "st", "active", "dt", "2710"), T0 + 10);
        assertFalse(hb2.flowControlEnabled());
        assertTrue(events.has("flow control disabled due to different version heartbeat"));
        long acks = 0;
        for (long seq = 10; seq <= 40; seq++) {
            acks += hb2.onReceived(status("hb1", G1, seq), T0 + seq).toSend().size();
        }
        assertEquals(0, acks);
    }

    // --------------------------------------------------------------------------------- addressing

    @Test
    public void aSequencedMessageForAnotherNodeIsCountedAndAckedButNotDelivered() {
        hb2.onReceived(status("hb1", G1, 1), T0);
        int t = trigger(hb2, "hb1");
        long seq;
        for (seq = 2; seq % 10 != t; seq++) {
            hb2.onReceived(status("hb1", G1, seq), T0);
        }
        Outcome o = hb2.onReceived(seqd("hb1", G1, seq, "ip-request-resp", "dest", "hb3"), T0);
        assertEquals(Verdict.NOT_FOR_US, o.verdict());
        assertFalse(o.refreshesLink());
        assertEquals(List.of(seq), ackSeqs(o.toSend()));
        assertEquals(Verdict.DELIVER, hb2.onReceived(status("hb1", G1, seq + 1), T0).verdict());
        assertEquals(0, hb2.count(Counter.GAPS));
        assertEquals(1, hb2.count(Counter.NOT_FOR_US));
        assertEquals(seq, hb2.count(Counter.DELIVERED));
    }

    @Test
    public void destuuidDecidesWhenBothAreKnown() {
        byte[] ours = new byte[16];
        ours[0] = 1;
        byte[] theirs = new byte[16];
        theirs[0] = 2;
        ReliableDelivery rd = new ReliableDelivery(new ReliableConfig("hb2", ours, G2, 250), new Random(1),
                ReliableEvents.NONE);
        HbMessage forUs = HbMessage.builder().add("t", "x").add("dest", "hb9").addBinary("destuuid", ours)
                .add("src", "hb1").add("seq", "1").add("hg", "1").add("ts", "1").build();
        HbMessage notForUs = HbMessage.builder().add("t", "x").add("dest", "hb2").addBinary("destuuid", theirs)
                .add("src", "hb1").add("seq", "2").add("hg", "1").add("ts", "1").build();
        assertEquals(Verdict.DELIVER, rd.onReceived(forUs, T0).verdict());
        assertEquals(Verdict.NOT_FOR_US, rd.onReceived(notForUs, T0).verdict());
    }

    @Test
    public void otherUnsequencedMessagesForUsAreDelivered() {
        HbMessage ping = stamp(HbMessage.builder().add("t", "NS_st").add("st", "ping").build(), "10.0.0.1", 0);
        assertEquals(Verdict.DELIVER, hb2.onReceived(ping, T0).verdict());
        HbMessage forOther = stamp(HbMessage.builder().add("t", "NS_st").add("dest", "hb1").build(), "hbx", 0);
        assertEquals(Verdict.NOT_FOR_US, hb2.onReceived(forOther, T0).verdict());
    }

    @Test
    public void malformedMessagesAreInvalid() {
        HbMessage noSeq = HbMessage.builder().add("t", "status").add("src", "hb1").add("hg", "1").add("ts", "1").build();
        HbMessage badSeq = HbMessage.builder().add("t", "status").add("src", "hb1").add("seq", "zz").add("ts", "1").build();
        HbMessage zeroSeq = HbMessage.builder().add("t", "status").add("src", "hb1").add("seq", "0").add("ts", "1")
                .build();
        HbMessage badGen = HbMessage.builder().add("t", "status").add("src", "hb1").add("seq", "1").add("hg", "-")
                .add("ts", "1").build();
        HbMessage noTs = HbMessage.builder().add("t", "status").add("src", "hb1").add("seq", "1").build();
        HbMessage noSrc = HbMessage.builder().add("t", "status").add("seq", "1").add("ts", "1").build();
        HbMessage badNak = nak("hb1", G1, "hb2", "0");
        for (HbMessage m : List.of(noSeq, badSeq, zeroSeq, badGen, noTs, noSrc, badNak)) {
            Outcome o = hb2.onReceived(m, T0);
            assertEquals(m.toString(), Verdict.INVALID, o.verdict());
            assertFalse(o.refreshesLink());
        }
        assertEquals(7, hb2.count(Counter.INVALID));
        assertTrue(events.has("invalid hb1: missing seqno"));
        assertTrue(events.has("invalid hb1: bad generation number"));
        assertTrue(hb2.peerState("hb1").map(s -> s.lastSeq() == -1).orElse(true));
    }

    @Test
    public void sentRejectsAnUnsequencedOrForeignMessage() {
        ReliableDelivery hb1 = new ReliableDelivery(ReliableConfig.of("hb1", G1), new Random(3), ReliableEvents.NONE);
        HbMessage ackMsg = ack("hb1", G1, "hb2", 3);
        assertThrows(() -> hb1.sent(ackMsg, encode(ackMsg), T0));
        HbMessage foreign = status("hb2", G1, 1);
        assertThrows(() -> hb1.sent(foreign, encode(foreign), T0));
        assertEquals(0, hb1.highestSentSeq());
    }

    private static void assertThrows(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException expected) {
            return;
        }
        throw new AssertionError("expected IllegalArgumentException");
    }

    // ------------------------------------------------------------------------------------------ replay

    @Test
    public void aReplayedCapturedStreamChangesNothing() {
        // a capture of what hb2 heard from hb1: duplicates from two media, a reordered pair, hb1 acking its own
        // stream (the §11 sample), hb1's ack of hb2's stream and a NAK for a seq hb2 was not missing
        List<HbMessage> capture = new ArrayList<>();
        for (long seq = 1; seq <= 0x30; seq++) {
            long onWire = seq == 0x2d ? 0x2e : seq == 0x2e ? 0x2d : seq;
            HbMessage m = seqd("hb1", G1, onWire, "status", "st", "active", "protocol", "1");
            capture.add(m);
            if (seq % 3 == 0) {
                capture.add(m);
            }
            if (seq == 3) {
                capture.add(ack("hb1", G1, "hb1", 3));
            }
        }
        capture.add(ack("hb1", G1, "hb2", 0x10));
        capture.add(nak("hb1", G1, "hb2", "5"));

        List<HbMessage> delivered = new ArrayList<>();
        int sent = 0;
        long now = T0;
        for (HbMessage m : capture) {
            Outcome o = hb2.onReceived(m, now += 10);
            for (Outcome.Released r : o.toDeliver()) {
                delivered.add(r.message());
            }
            sent += o.toSend().size() + o.toResend().size();
        }
        assertEquals(0x30, delivered.size());
        for (int i = 0; i < delivered.size(); i++) {
            assertEquals("in order", Long.toHexString(i + 1), delivered.get(i).get("seq"));
        }
        assertTrue(sent > 0);
        hb2.dueRexmitRequests(now + 10_000);
        PeerState before = hb2.peerState("hb1").orElseThrow();
        Map<Counter, Long> countersBefore = hb2.counters();

        for (int replay = 0; replay < 3; replay++) {
            for (HbMessage m : capture) {
                Outcome o = hb2.onReceived(m, now += 10);
                assertTrue("replayed: " + m, o.released().isEmpty());
                assertTrue(o.toSend().isEmpty());
                assertTrue(o.toResend().isEmpty());
            }
            assertTrue(hb2.dueRexmitRequests(now + 10_000).isEmpty());
        }
        assertEquals(before, hb2.peerState("hb1").orElseThrow());
        for (Counter c : new Counter[] {Counter.DELIVERED, Counter.HELD, Counter.LOST, Counter.MISSING, Counter.GAPS,
                Counter.ACKS_SENT, Counter.REXMIT_REQUESTED, Counter.PEER_RESTARTS}) {
            assertEquals(c.key(), countersBefore.get(c), hb2.counters().get(c));
        }
        assertNotEquals(countersBefore.get(Counter.STALE), hb2.counters().get(Counter.STALE));

        // after hb1 restarted, the old capture is a replay of an older generation
        assertTrue(hb2.onReceived(status("hb1", G1 + 1, 1), now += 10).peerRestarted());
        for (HbMessage m : capture) {
            Outcome o = hb2.onReceived(m, now += 10);
            assertTrue(o.released().isEmpty());
            if (m.get("seq") != null) {
                assertEquals(Verdict.STALE_GENERATION, o.verdict());
            }
        }
        assertEquals(List.of(1L), lastSeqAndMissing("hb1"));
    }
}
