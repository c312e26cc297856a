package org.karabeat.transport.reliable;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.karabeat.transport.reliable.TestSupport.decode;
import static org.karabeat.transport.reliable.TestSupport.encode;
import static org.karabeat.transport.reliable.TestSupport.seqd;
import static org.karabeat.transport.reliable.TestSupport.stamp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeSet;

import org.junit.Test;
import org.karabeat.transport.wire.HbMessage;

/**
 * Two nodes on two lossy media that duplicate and reorder, each driving a {@link ReliableDelivery} the way the
 * runtime will (stamping and broadcasting what it returns, polling its requests), on simulated time, seeded.
 * Every view of every stream (a node's own included) must hand over its seqs strictly increasing, each at most
 * once, with every seq it jumps over reported lost before, never give up a seq after handing over a later one,
 * leave no hole in what it saw, and converge once the network heals.
 */
public class ReliableDeliveryPropertyTest {

    private static final long HEAL_AFTER_MS = 3000;
    private static final long SEND_AFTER_HEAL_MS = 1500;
    private static final long SETTLE_MS = 3000;

    private static final class Profile {
        final double loss;
        final double dup;
        final int maxDelay;
        final int dataEveryMs;
        final boolean restart;
        /** hb2's core declares hb1 dead for a while (as after a late heartbeat). */
        final boolean peerDown;

        Profile(double loss, double dup, int maxDelay, int dataEveryMs, boolean restart, boolean peerDown) {
            this.loss = loss;
            this.dup = dup;
            this.maxDelay = maxDelay;
            this.dataEveryMs = dataEveryMs;
            this.restart = restart;
            this.peerDown = peerDown;
        }
    }

    @Test
    public void withModerateLossEveryMessageIsDeliveredExactlyOnce() {
        Profile p = new Profile(0.2, 0.15, 30, 5, false, false);
        long recovered = 0;
        long requested = 0;
        long held = 0;
        for (int seed = 0; seed < 120; seed++) {
            Sim sim = run(seed, p);
            for (SimNode n : sim.nodes) {
                for (View v : n.views.values()) {
                    assertTrue(v + ": lost " + v.lost, v.lost.isEmpty());
                    assertEquals(v + " starts at 1", 1L, (long) v.delivered.first());
                }
                recovered += n.rd.count(Counter.RECOVERED_AFTER_REQUEST);
                requested += n.rd.count(Counter.REXMIT_REQUESTED);
                held += n.rd.count(Counter.HELD);
            }
        }
        assertTrue("the runs exercised retransmission: " + recovered, recovered > 1000);
        assertTrue("the runs held messages back: " + held, held > recovered);
        assertTrue(requested >= recovered);
    }

    @Test
    public void withHeavyLossAndRestartsEveryMessageIsDeliveredOnceOrReportedLostOnce() {
        long lostOutOfWindow = 0;
        long lostOnRestart = 0;
        long naksSent = 0;
        long restarts = 0;
        long staleGeneration = 0;
        long lostPeerDown = 0;
        long held = 0;
        for (int seed = 0; seed < 40; seed++) {
            Sim sim = run(1000 + seed, new Profile(0.5, 0.2, 120, 3, seed % 2 == 0, seed % 4 == 1));
            for (SimNode n : sim.nodes) {
                lostPeerDown += n.rd.count(Counter.LOST_PEER_DOWN);
                held += n.rd.count(Counter.HELD);
                lostOutOfWindow += n.rd.count(Counter.LOST_OUT_OF_WINDOW);
                lostOnRestart += n.rd.count(Counter.LOST_PEER_RESTART);
                naksSent += n.rd.count(Counter.NAK_SENT);
                restarts += n.rd.count(Counter.PEER_RESTARTS);
                staleGeneration += n.rd.count(Counter.STALE_GENERATION);
            }
        }
        // (a NAK reaches the requester only after its own window rule gave the seq up: NAK losses are covered by
        // ReliableDeliveryTest)
        assertTrue("the runs gave seqs up out of window: " + lostOutOfWindow, lostOutOfWindow > 0);
        assertTrue("the runs abandoned seqs on restart: " + lostOnRestart, lostOnRestart > 0);
        assertTrue("the senders NAKed: " + naksSent, naksSent > 0);
        assertTrue("every restart was seen: " + restarts, restarts == 20);
        assertTrue("old-generation messages arrived after restarts: " + staleGeneration, staleGeneration > 0);
        assertTrue("gaps were given up for a node declared dead: " + lostPeerDown, lostPeerDown > 0);
        assertTrue(held > 0);
    }

    // ------------------------------------------------------------------------------------------- the sim

    private static Sim run(long seed, Profile p) {
        Sim sim = new Sim(new Random(seed), p);
        SimNode hb1 = new SimNode(sim, "hb1", 0x6b070d5fL, seed * 31 + 1);
        SimNode hb2 = new SimNode(sim, "hb2", 0x6b070f5dL, seed * 31 + 2);
        sim.nodes.add(hb1);
        sim.nodes.add(hb2);
        long stopSending = HEAL_AFTER_MS + SEND_AFTER_HEAL_MS;
        long end = stopSending + SETTLE_MS;
        long restartAt = p.restart ? 1000 + sim.net.nextInt(1500) : -1;
        long downAt = p.peerDown ? 500 + sim.net.nextInt(1000) : -1;
        long upAt = downAt + 1000;

        // each stream's first message goes out alone on a clean network, so every view starts at seq 1
        hb1.send("status", 0);
        hb2.send("status", 0);
        sim.loss = p.loss;
        for (sim.now = 1; sim.now < end; sim.now++) {
            sim.deliverDue();
            if (sim.now == restartAt) {
                hb1.restart();
                hb1.send("status", 0); // heartbeat's init status
            }
            if (sim.now == downAt || sim.now == upAt) {
                hb2.handle(null, hb2.rd.setPeerUp("hb1", sim.now == upAt));
            }
            if (sim.now == HEAL_AFTER_MS) {
                sim.loss = 0;
            }
            if (sim.now >= 100 && sim.now < stopSending) {
                if (sim.now % p.dataEveryMs == 0) {
                    hb1.send("resource", sim.now);
                }
                if (sim.now % 100 == 0) {
                    hb2.send("status", sim.now);
                }
            }
            for (SimNode n : sim.nodes) {
                n.tick();
            }
        }
        assertTrue("the network drained", sim.queue.isEmpty());
        for (SimNode n : sim.nodes) {
            for (View v : n.views.values()) {
                v.assertNoHole();
            }
            assertEquals(Long.MAX_VALUE, n.rd.nextDueMillis());
            for (SimNode source : sim.nodes) {
                View v = n.view(source.name, source.gen);
                assertEquals(v + " converged to the last seq sent", source.rd.highestSentSeq(), v.maxSeen());
                PeerState s = n.rd.peerState(source.name).orElseThrow();
                assertTrue(v + " still missing " + s.missing(), s.missing().isEmpty());
                assertTrue(v + " still holding " + s.held(), s.held().isEmpty());
                for (long seq = source.firstSeqAfterHeal; seq <= source.rd.highestSentSeq(); seq++) {
                    assertTrue(v + " lacks " + seq + " sent after the heal", v.delivered.contains(seq));
                }
                if (source != n) {
                    long acked = source.rd.peerState(n.name).orElseThrow().ackedOurStream();
                    assertTrue(n.name + " acked " + acked + " of " + source.name + "'s "
                            + source.rd.highestSentSeq(), acked > source.rd.highestSentSeq() - ReliableConfig.ACK_MSG_DIV);
                }
            }
        }
        return sim;
    }

    private static final class Packet {
        final long time;
        final long order;
        final SimNode to;
        final byte[] bytes;

        Packet(long time, long order, SimNode to, byte[] bytes) {
            this.time = time;
            this.order = order;
            this.to = to;
            this.bytes = bytes;
        }
    }

    private static final class Sim {
        final Random net;
        final Profile profile;
        final List<SimNode> nodes = new ArrayList<>();
        final PriorityQueue<Packet> queue = new PriorityQueue<>(
                (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
        double loss;
        long now;
        long order;

        Sim(Random net, Profile profile) {
            this.net = net;
            this.profile = profile;
        }

        /** Two media to every node, the sender included (bcast): each copy may be lost, doubled, delayed. */
        void broadcast(byte[] bytes) {
            for (SimNode n : nodes) {
                for (int medium = 0; medium < 2; medium++) {
                    if (net.nextDouble() < loss) {
                        continue;
                    }
                    queue.add(new Packet(now + net.nextInt(profile.maxDelay + 1), order++, n, bytes));
                    if (net.nextDouble() < profile.dup) {
                        queue.add(new Packet(now + net.nextInt(profile.maxDelay + 1), order++, n, bytes));
                    }
                }
            }
        }

        void deliverDue() {
            while (!queue.isEmpty() && queue.peek().time <= now) {
                Packet p = queue.poll();
                p.to.receive(p.bytes);
            }
        }
    }

    /** What one ReliableDelivery instance made of one generation of one node's stream. */
    private static final class View {
        final String name;
        final TreeSet<Long> delivered = new TreeSet<>();
        final TreeSet<Long> lost = new TreeSet<>();
        /** The last seq handed over, -1 before the first. */
        long last = -1;
        /** Seqs still missing when the instance holding this view was restarted. */
        final TreeSet<Long> cutOff = new TreeSet<>();

        View(String name) {
            this.name = name;
        }

        void delivered(long seq) {
            assertFalse(name + " delivered " + seq + " after reporting it lost", lost.contains(seq));
            assertTrue(name + " delivered " + seq + " twice", delivered.add(seq));
            assertTrue(name + " delivered " + seq + " after " + last, seq > last);
            if (last >= 0) {
                for (long s = last + 1; s < seq; s++) {
                    assertTrue(name + " delivered " + seq + " before " + s + " arrived or was given up",
                            lost.contains(s));
                }
            }
            last = seq;
        }

        void lost(long seq) {
            assertFalse(name + " reported " + seq + " lost after delivering it", delivered.contains(seq));
            assertTrue(name + " reported " + seq + " lost twice", lost.add(seq));
            assertTrue(name + " gave " + seq + " up after delivering " + last, seq > last);
        }

        long maxSeen() {
            return Math.max(delivered.isEmpty() ? 0 : delivered.last(), lost.isEmpty() ? 0 : lost.last());
        }

        /** Between the first and the last seq it saw, each seq was delivered or reported lost. */
        void assertNoHole() {
            long min = Math.min(delivered.isEmpty() ? Long.MAX_VALUE : delivered.first(),
                    lost.isEmpty() ? Long.MAX_VALUE : lost.first());
            for (long s = min; s <= maxSeen(); s++) {
                assertTrue(name + ": seq " + s + " neither delivered nor reported lost",
                        delivered.contains(s) || lost.contains(s) || cutOff.contains(s));
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final class SimNode implements ReliableEvents {
        final Sim sim;
        final String name;
        final long seed;
        long gen;
        int instance;
        ReliableDelivery rd;
        long firstSeqAfterHeal = Long.MAX_VALUE;
        /** Views of the current instance, by "src/gen"; older instances' views are kept too. */
        final Map<String, View> views = new HashMap<>();
        /** The generation the current instance knows for each node. */
        final Map<String, Long> knownGen = new HashMap<>();

        SimNode(Sim sim, String name, long gen, long seed) {
            this.sim = sim;
            this.name = name;
            this.gen = gen;
            this.seed = seed;
            this.rd = new ReliableDelivery(ReliableConfig.of(name, gen), new Random(seed), this);
        }

        void restart() {
            // what the dying instance still missed or held is neither delivered nor lost: it was cut off
            for (PeerState ps : rd.peerStates()) {
                Long g = knownGen.get(ps.node());
                if (g != null) {
                    view(ps.node(), g).cutOff.addAll(ps.missing());
                    view(ps.node(), g).cutOff.addAll(ps.held());
                }
            }
            gen++;
            instance++;
            knownGen.clear();
            firstSeqAfterHeal = Long.MAX_VALUE;
            rd = new ReliableDelivery(ReliableConfig.of(name, gen), new Random(seed + instance), this);
        }

        View view(String src, long g) {
            return views.computeIfAbsent(name + "#" + instance + " view of " + src + "/" + Long.toHexString(g),
                    View::new);
        }

        void send(String type, long payload) {
            long seq = rd.nextSeq();
            if (sim.now >= HEAL_AFTER_MS && firstSeqAfterHeal == Long.MAX_VALUE) {
                firstSeqAfterHeal = seq;
            }
            // a status without protocol=1 would turn acks off everywhere, as in heartbeat
            HbMessage m = type.equals("status") ? seqd(name, gen, seq, type, "st", "active", "protocol", "1")
                    : seqd(name, gen, seq, type, "payload", Long.toString(payload));
            byte[] bytes = encode(m);
            handle(m, rd.sent(m, bytes, sim.now));
            sim.broadcast(bytes);
        }

        void receive(byte[] bytes) {
            HbMessage m = decode(bytes);
            handle(m, rd.onReceived(m, sim.now));
        }

        void tick() {
            if (sim.now >= rd.nextDueMillis()) {
                for (HbMessage r : rd.dueRexmitRequests(sim.now)) {
                    sim.broadcast(encode(stamp(r, name, gen)));
                }
            }
        }

        /** What the runtime does with an outcome; {@code m} is null for one not caused by a message. */
        void handle(HbMessage m, Outcome o) {
            // in order: what was held of an old generation comes before the new one's first message
            for (Outcome.Released r : o.released()) {
                if (r.seq() > 0) {
                    assertEquals(Long.parseLong(r.message().get("hg"), 16), r.generation());
                    assertEquals(Long.parseLong(r.message().get("seq"), 16), r.seq());
                    view(r.message().source(), r.generation()).delivered(r.seq());
                }
            }
            if (m != null && m.get("seq") != null && (o.verdict() == Verdict.DELIVER || o.verdict() == Verdict.HELD
                    || o.verdict() == Verdict.NOT_FOR_US)) {
                long g = Long.parseLong(m.get("hg"), 16);
                assertTrue(o.newGeneration() == !knownGen.containsKey(m.source()) || o.peerRestarted());
                knownGen.put(m.source(), g);
            }
            for (HbMessage c : o.toSend()) {
                sim.broadcast(encode(stamp(c, name, gen)));
            }
            for (byte[] b : o.toResend()) {
                sim.broadcast(b);
            }
        }

        @Override
        public void lost(String node, long first, long last, LossReason reason) {
            assertTrue(last - first < 100_000);
            View v = view(node, knownGen.get(node));
            for (long s = first; s <= last; s++) {
                v.lost(s);
            }
        }
    }
}
