package org.karabeat.transport.reliable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.karabeat.transport.wire.HbMessage;

import static org.karabeat.transport.reliable.ControlMessages.F_ACKSEQ;
import static org.karabeat.transport.reliable.ControlMessages.F_FIRSTSEQ;
import static org.karabeat.transport.reliable.ControlMessages.F_HBGENERATION;
import static org.karabeat.transport.reliable.ControlMessages.F_LASTSEQ;
import static org.karabeat.transport.reliable.ControlMessages.F_PROTOCOL;
import static org.karabeat.transport.reliable.ControlMessages.F_SEQ;
import static org.karabeat.transport.reliable.ControlMessages.F_TIME;
import static org.karabeat.transport.reliable.ControlMessages.F_TO;
import static org.karabeat.transport.reliable.ControlMessages.F_TOUUID;
import static org.karabeat.transport.reliable.ControlMessages.T_ACKMSG;
import static org.karabeat.transport.reliable.ControlMessages.T_NAKREXMIT;
import static org.karabeat.transport.reliable.ControlMessages.T_REXMIT;
import static org.karabeat.transport.reliable.ControlMessages.T_STATUS;
import static org.karabeat.transport.reliable.ReliableConfig.ACK_MSG_DIV;
import static org.karabeat.transport.reliable.ReliableConfig.FLOWCONTROL_LIMIT;
import static org.karabeat.transport.reliable.ReliableConfig.MAXMSGHIST;
import static org.karabeat.transport.reliable.ReliableConfig.MAX_REXMIT_BATCH;

/**
 * Heartbeat 3.0.6's reliable delivery (sequence numbers, acks, retransmission) as a pure state machine: no
 * threads, no sockets, no clock. Time comes in as a monotonic millisecond argument; what to send comes out as
 * return values; what heartbeat would log goes to a {@link ReliableEvents} the caller supplies.
 *
 * <h2>How the runtime drives it (all on one thread; the class is not thread-safe)</h2>
 * <ol>
 * <li><b>Sending a sequenced message</b>: {@code seq = nextSeq()}; put {@code seq=<hex>} (and the other control
 * fields) into the message, sign and encode it; then {@code outcome = sent(message, bytes, now)}, send the bytes
 * on every medium, and handle {@code outcome} as below. {@code sent} keeps the bytes for retransmission and
 * processes the message as received from this node (heartbeat's loopback, heartbeat.c:5911-5913), which is how
 * this node acks its own stream; the own message comes back at once in {@code outcome.released()}, as heartbeat
 * hands its own messages to itself.</li>
 * <li><b>Receiving</b> an authentic message (any kind, this node's own bcast copies included):
 * {@code outcome = onReceived(message, link, now)}. Hand each of {@link Outcome#toDeliver()} to the core, in
 * that order; count the link alive if {@link Outcome#refreshesLink()} and the node alive if
 * {@link Outcome#freshStatus()}; log "Heartbeat restart on node X" if {@link Outcome#peerRestarted()}; stamp and
 * send every {@link Outcome#toSend()} and send every {@link Outcome#toResend()} byte array as is.</li>
 * <li><b>Timers</b>: at {@link #nextDueMillis()} (or on a periodic tick of a few tens of ms), call
 * {@link #dueRexmitRequests(long)} and stamp and send what it returns.</li>
 * <li><b>Membership</b>: tell it {@link #setPeerUp(String, boolean)} when the core declares a node dead or back,
 * and hand over what that releases: no retransmission requests go to a dead node (hb_rexmit.c:164-168), and a
 * dead node's acks do not hold back {@link #ackedByAll()}.</li>
 * </ol>
 * The unsequenced messages it returns need not be fed back to it (this node's own acks are applied at once);
 * when they come back anyway, over bcast, they change nothing.
 *
 * <h2>Semantics (heartbeat 3.0.6, heartbeat.c should_drop_message 5574-5858, is_lost_packet 5937-6014)</h2>
 * Each node's stream is tracked per generation. A sequenced message is accepted once: in sequence, as the first
 * seen of a generation, after a gap (the gap's seqs become missing), or as one of the missing seqs. Everything
 * else with a seq is dropped: the same seq again (duplicate), an older seq not missing (stale), an older
 * generation (replay). A newer generation resets the stream (the node restarted).
 * <p>
 * <b>Order (Karabeat's, not heartbeat's).</b> Heartbeat hands accepted messages to its clients in arrival order,
 * so a message lost and retransmitted comes after those that overtook it. Karabeat hands each peer's messages to
 * the core exactly once and in seq order, per generation: an accepted message with a seq missing before it is
 * held back ({@link Verdict#HELD}) and released, in order, in the outcome of the call that fills or gives up the
 * last seq before it. A missing seq is given up when the sender NAKs it, when the stream moves
 * {@value ReliableConfig#MAXMSGHIST} seqs past it (so at most that many messages are held per node), when one
 * gap is larger than {@value ReliableConfig#FLOWCONTROL_LIMIT}, when the node restarts (what was held of the old
 * run is released before the new run's first message), or when the core declares the node dead; each is counted
 * and reported through {@link ReliableEvents#lost}. Liveness is not held back: a held message refreshes its link,
 * and a held status message is reported as {@link Outcome#freshStatus()} on arrival. This node's own stream is
 * never held.
 * <p>
 * <b>Retransmission.</b> A missing seq is asked for, one seq per {@code NS_rexmit}, after a random
 * 50–{@code max_rexmit_delay} ms and then every {@code max_rexmit_delay} ms while the node is up, until it comes
 * or is given up. Every node's stream is acked, this node's own included, whenever the in-sequence seq ≡ the
 * node's random ack trigger (mod {@value ReliableConfig#ACK_MSG_DIV}) and nothing below it is missing.
 */
public final class ReliableDelivery {

    private final ReliableConfig config;
    private final RandomGenerator random;
    private final ReliableEvents events;
    private final TransmitHistory history = new TransmitHistory(MAXMSGHIST);
    private final Map<String, PeerStream> streams = new LinkedHashMap<>();
    private final PeerStream self;
    private final long[] counts = new long[Counter.values().length];

    private long lastAllocatedSeq;
    /** {@code hist->ackseq}: the lowest seq acked by every live node (heartbeat.c:2298-2412). */
    private long ackedByAll;
    /** {@code enable_flow_control} (heartbeat.c:324, 3126-3132). */
    private boolean flowControl = true;

    /**
     * @param config this node
     * @param random the source of the ack triggers and first-request delays (seed it in tests)
     * @param events what heartbeat would log; {@link ReliableEvents#NONE} for nothing
     */
    public ReliableDelivery(ReliableConfig config, RandomGenerator random, ReliableEvents events) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.events = Objects.requireNonNull(events, "events");
        this.self = stream(config.localNode());
    }

    public ReliableConfig config() {
        return config;
    }

    // ------------------------------------------------------------------------------------------------ sending

    /** The seq for the next sequenced message: 1, 2, 3, ... in this generation (ha_msg_seq, ha_msg_internal.c:380). */
    public long nextSeq() {
        return ++lastAllocatedSeq;
    }

    /**
     * A sequenced message this node is sending: keeps {@code encoded} (copied) for retransmission, then processes
     * {@code message} as received from this node (loopback). Call it for every sequenced message, in seq order,
     * before or as the bytes go out.
     *
     * @param message the message as sent, with {@code src} = this node and its {@code seq} (hex)
     * @param encoded its bytes as sent on the wire
     * @return the loopback outcome: the own message released at once (this node's stream is never held back),
     *         and an own-stream ack to send
     * @throws IllegalArgumentException when {@code message} has no valid {@code seq} or another {@code src}
     */
    public Outcome sent(HbMessage message, byte[] encoded, long nowMillis) {
        long seq = ControlMessages.scanHex(message.get(F_SEQ));
        if (seq <= 0) {
            throw new IllegalArgumentException("sent() needs a sequenced message, not: " + message);
        }
        if (!config.localNode().equals(message.source())) {
            throw new IllegalArgumentException(
                    "sent() needs src=" + config.localNode() + ", not " + message.source());
        }
        history.add(seq, encoded.clone());
        lastAllocatedSeq = Math.max(lastAllocatedSeq, seq);
        if (flowControl && liveNodes() < 2 && history.hiSeq() - ackedByAll > FLOWCONTROL_LIMIT) {
            // add2_xmit_hist: alone, nobody will ack; do not hang on to messages (heartbeat.c:6256-6260)
            ackedByAll = history.hiSeq() - (FLOWCONTROL_LIMIT - 1);
        }
        return onReceived(message, nowMillis);
    }

    /** The highest seq sent in this generation (0 before the first). */
    public long highestSentSeq() {
        return history.hiSeq();
    }

    /** The highest seq of this node's stream that every live node (this one included) acked. */
    public long ackedByAll() {
        return ackedByAll;
    }

    /**
     * True when more than {@value ReliableConfig#FLOWCONTROL_LIMIT} sent messages are not acked by every live
     * node: heartbeat pauses its API clients then ({@code heartbeat_on_congestion}, heartbeat.c:6203-6208).
     */
    public boolean congested() {
        return flowControl && history.hiSeq() - ackedByAll > FLOWCONTROL_LIMIT;
    }

    /**
     * False once a status message without {@code protocol} was seen (a pre-flow-control heartbeat in the
     * cluster): acks are neither sent nor used then, and heartbeat also stops putting {@code protocol=1} in its
     * own status (send_local_status, heartbeat.c:4594-4601).
     */
    public boolean flowControlEnabled() {
        return flowControl;
    }

    // ---------------------------------------------------------------------------------------------- receiving

    /** {@link #onReceived(HbMessage, String, long)} without a link name. */
    public Outcome onReceived(HbMessage message, long nowMillis) {
        return onReceived(message, null, nowMillis);
    }

    /**
     * An authentic message arrived (or this node's own, through {@link #sent}).
     *
     * @param message the decoded message; its {@code src} names the node
     * @param link where it came from, only handed back in {@link Outcome.Released#link()} (may be null)
     * @param nowMillis monotonic time
     * @return the verdict, what to hand to the core in order, and what to send (see {@link Outcome})
     */
    public Outcome onReceived(HbMessage message, String link, long nowMillis) {
        String type = message.type();
        String from = message.source();
        String ts = message.get(F_TIME);
        // process_clustermsg (heartbeat.c:3512-3559): from, ts and type are required, and ts must be non-zero
        if (type == null || from == null || ts == null || ControlMessages.scanHex(ts) <= 0) {
            return invalid(from, "missing from/ts/type");
        }
        if (ControlMessages.isUnsequenced(type)) {
            return receiveUnsequenced(message, type, from, link, nowMillis);
        }
        String cseq = message.get(F_SEQ);
        if (cseq == null) {
            return invalid(from, "missing seqno");
        }
        long seq = ControlMessages.scanHex(cseq);
        if (seq <= 0) {
            return invalid(from, "bad sequence number");
        }
        String cgen = message.get(F_HBGENERATION);
        long gen = 0;
        if (cgen != null) {
            gen = ControlMessages.scanHex(cgen);
            if (gen < 0) {
                return invalid(from, "bad generation number");
            }
        }
        return receiveSequenced(stream(from), new Arrival(message, type, seq, gen, link), nowMillis);
    }

    /** One sequenced message being received. */
    private record Arrival(HbMessage msg, String type, long seq, long gen, String link) {
    }

    private Outcome receiveSequenced(PeerStream p, Arrival a, long now) {
        long seq = a.seq();
        long gen = a.gen();
        if (gen < p.generation) {
            return replay(p, gen);
        }
        Outcome.Sink sink = new Outcome.Sink();
        boolean newGeneration = false;
        boolean restarted = false;
        long previousGeneration = p.generation;
        if (gen > p.generation) {
            // Heartbeat does this on status messages only (heartbeat.c:5723-5740); any message of a newer generation
            // proves the restart, so Karabeat resets on the first one, whatever its type.
            newGeneration = true;
            if (p.generation > 0) {
                restarted = true;
                inc(Counter.PEER_RESTARTS);
                events.peerRestarted(p.node, p.generation, gen);
            }
            // what was held of the previous run goes out first, before the new run's first message
            abandonMissing(p, LossReason.PEER_RESTART, sink);
            p.reset();
            p.generation = gen;
        }

        Verdict verdict;
        boolean filledGap = false;
        if (p.lastSeq == PeerStream.NO_SEQ || seq == p.lastSeq + 1) {
            // in sequence, or the first seen of this stream (heartbeat.c:5743-5749)
            p.lastSeq = seq;
            ackIfNeeded(p, seq, sink);
            giveUpOutOfWindow(p, sink); // first, so that what it releases comes before this message
            verdict = accept(p, a, sink);
        } else if (seq == p.lastSeq) {
            inc(Counter.DUPLICATES);
            // the copy from another medium proves that link alive; the same copy again on the same link is a
            // replay (or the network's duplicate) and proves nothing: it must not keep a dead link up
            return Outcome.of(Verdict.DUPLICATE, firstOnLink(p, a.link(), seq));
        } else if (seq > p.lastSeq) {
            long nlost = seq - (p.lastSeq + 1);
            inc(Counter.GAPS);
            events.packetsMissing(p.node, p.lastSeq, seq, nlost);
            if (nlost > FLOWCONTROL_LIMIT) {
                // "Something bad happened. Start over" (heartbeat.c:5769-5776): no requests, no ack
                abandonMissing(p, LossReason.GAP_TOO_LARGE, sink);
                lose(p, p.lastSeq + 1, seq - 1, LossReason.GAP_TOO_LARGE);
                p.reset();
                p.lastSeq = seq;
                verdict = accept(p, a, sink);
            } else if (!p.up) {
                // nobody asks a node the core holds dead (hb_rexmit.c:164-168): holding its messages behind a gap
                // nothing will fill would keep them (its status among them) from the core
                lose(p, p.lastSeq + 1, seq - 1, LossReason.PEER_DOWN);
                p.lastSeq = seq;
                verdict = accept(p, a, sink);
            } else {
                // request_msg_rexmit(last+1 .. seq-1): one timer per seq (heartbeat.c:5778-5780, hb_rexmit.c:265-274)
                for (long k = p.lastSeq + 1; k < seq; k++) {
                    p.missing.put(k, new PeerStream.Pending(now, now + firstRequestDelay()));
                }
                inc(Counter.MISSING, nlost);
                p.lastSeq = seq;
                giveUpOutOfWindow(p, sink);
                verdict = accept(p, a, sink);
            }
        } else {
            // older than the last one: one we are missing? (heartbeat.c:5825-5827)
            PeerStream.Pending pending = p.missing.get(seq);
            if (pending == null) {
                inc(Counter.STALE);
                return Outcome.of(Verdict.STALE, false);
            }
            removeMissing(p, seq, sink);
            inc(Counter.RECOVERED);
            p.recovered++;
            if (pending.requests > 0) {
                inc(Counter.RECOVERED_AFTER_REQUEST);
            }
            filledGap = true;
            verdict = accept(p, a, sink);
        }
        firstOnLink(p, a.link(), seq);
        boolean freshStatus = p != self && (verdict == Verdict.DELIVER || verdict == Verdict.HELD)
                && T_STATUS.equals(a.type());
        return Outcome.accepted(verdict, newGeneration, previousGeneration, restarted, filledGap, freshStatus, sink);
    }

    /** A message of an older generation of {@code p}'s node: dropped, counted and logged as a replay. */
    private Outcome replay(PeerStream p, long gen) {
        inc(Counter.STALE_GENERATION);
        events.replayDropped(p.node, gen, p.generation);
        return Outcome.of(Verdict.STALE_GENERATION, false);
    }

    /** Whether {@code seq} is the first of its value or above heard on {@code link} (null link: always). */
    private static boolean firstOnLink(PeerStream p, String link, long seq) {
        if (link == null) {
            return true;
        }
        Long before = p.linkSeq.get(link);
        if (before != null && before >= seq) {
            return false;
        }
        p.linkSeq.put(link, seq);
        return true;
    }

    /**
     * A sequenced message seen for the first time: delivered now when no seq before it is missing (then what it
     * unblocks follows it), else held back. This node's own stream is never held: it has no gaps but the seqs it
     * skipped itself.
     */
    private Verdict accept(PeerStream p, Arrival a, Outcome.Sink sink) {
        p.delivered++;
        boolean toUs = isToUs(a.msg());
        if (toUs) {
            if (flowControl && T_STATUS.equals(a.type()) && a.msg().get(F_PROTOCOL) == null) {
                // HBDoMsg_T_STATUS (heartbeat.c:3124-3132)
                flowControl = false;
                events.flowControlDisabled(p.node);
            }
        } else {
            inc(Counter.NOT_FOR_US);
        }
        // messages for another node take their turn too, so that the caller can follow the sequence
        Outcome.Released r = new Outcome.Released(a.msg(), a.gen(), a.seq(), a.link(), toUs);
        long fm = p.firstMissing();
        if (p != self && fm != 0 && a.seq() > fm) {
            p.held.put(a.seq(), r);
            if (!toUs) {
                return Verdict.NOT_FOR_US;
            }
            inc(Counter.HELD);
            return Verdict.HELD;
        }
        release(r, sink);
        releaseHeld(p, sink);
        return toUs ? Verdict.DELIVER : Verdict.NOT_FOR_US;
    }

    private void release(Outcome.Released r, Outcome.Sink sink) {
        sink.release(r);
        if (r.forUs()) {
            inc(Counter.DELIVERED);
        }
    }

    /** Hands over, in order, the held messages that nothing missing precedes any more. */
    private void releaseHeld(PeerStream p, Outcome.Sink sink) {
        long fm = p.firstMissing();
        while (!p.held.isEmpty() && (fm == 0 || p.held.firstKey() < fm)) {
            release(p.held.pollFirstEntry().getValue(), sink);
        }
    }

    private Outcome receiveUnsequenced(HbMessage msg, String type, String from, String link, long now) {
        // An ack, request or NAK from an earlier run of the node is a replay: acted on, an old NAK would give up a
        // seq the node still has, an old ack would stop retransmissions it still needs. Heartbeat checks the
        // generation of sequenced messages only; Karabeat checks these too (they always carry hg).
        PeerStream known = streams.get(from);
        String cgen = msg.get(F_HBGENERATION);
        if (known != null && known != self && cgen != null) {
            long gen = ControlMessages.scanHex(cgen);
            if (gen >= 0 && gen < known.generation) {
                return replay(known, gen);
            }
        }
        String to = msg.get(F_TO);
        boolean toUs = to == null || to.equals(config.localNode());
        if (type.equalsIgnoreCase(T_NAKREXMIT)) {
            // heartbeat.c:5614-5637: whoever it is addressed to, the seq is gone for everyone
            long nseq = ControlMessages.scanHex(msg.get(F_FIRSTSEQ));
            if (nseq <= 0) {
                return invalid(from, "bad nak seq number");
            }
            inc(Counter.NAK_RECEIVED);
            events.nakReceived(from, nseq, toUs);
            PeerStream p = stream(from);
            Outcome.Sink sink = new Outcome.Sink();
            if (p.missing.containsKey(nseq)) {
                removeMissing(p, nseq, sink);
                lose(p, nseq, nseq, LossReason.NAK);
                releaseHeld(p, sink);
            }
            return Outcome.of(Verdict.CONTROL, false, sink);
        }
        if (!toUs) {
            if (T_ACKMSG.equals(type)) {
                inc(Counter.ACKS_IGNORED);
            }
            inc(Counter.NOT_FOR_US);
            return Outcome.of(Verdict.NOT_FOR_US, false);
        }
        // Unsequenced messages do not prove a link alive: a captured one can be replayed at will and nothing
        // tells a copy from the original (heartbeat counts them; the status stream is enough for liveness).
        if (T_ACKMSG.equals(type)) {
            receiveAck(msg, from, to);
            return Outcome.of(Verdict.CONTROL, false);
        }
        if (T_REXMIT.equals(type)) {
            Outcome.Sink sink = new Outcome.Sink();
            if (!from.equals(config.localNode())) { // HBDoMsg_T_REXMIT ignores our own (heartbeat.c:3091)
                processRexmit(msg, from, now, sink);
            }
            return Outcome.of(Verdict.CONTROL, false, sink);
        }
        Outcome.Sink sink = new Outcome.Sink();
        release(new Outcome.Released(msg, Math.max(0, ControlMessages.scanHex(msg.get(F_HBGENERATION))), 0, link,
                true), sink);
        return Outcome.of(Verdict.DELIVER, false, sink);
    }

    // ------------------------------------------------------------------------------------------------- acks

    /** send_ack_if_needed (heartbeat.c:3393-3410). */
    private void ackIfNeeded(PeerStream p, long seq, Outcome.Sink sink) {
        if (!flowControl) {
            return;
        }
        long fm = p.firstMissing();
        if ((fm != 0 && seq > fm) || seq % ACK_MSG_DIV != p.ackTrigger) {
            return;
        }
        sink.send(ControlMessages.ack(p.node, seq));
        inc(Counter.ACKS_SENT);
        if (p == self) {
            // our own ack comes back through the loopback and counts as our own acknowledgement
            applyAck(self, seq);
        }
    }

    /** HBDoMsg_T_ACKMSG (heartbeat.c:2298-2413). */
    private void receiveAck(HbMessage msg, String from, String to) {
        long ackseq = ControlMessages.scanHex(msg.get(F_ACKSEQ));
        if (!flowControl || to == null || ackseq < 0) {
            inc(Counter.ACKS_IGNORED);
            return;
        }
        if (applyAck(stream(from), ackseq)) {
            inc(Counter.ACKS_RECEIVED);
        } else {
            inc(Counter.ACKS_IGNORED);
        }
    }

    private boolean applyAck(PeerStream from, long ackseq) {
        if (ackseq == from.ackedOurStream || ackseq <= ackedByAll) {
            return false; // duplicate or late
        }
        if (ackseq > history.hiSeq()) {
            events.corruptedAck(from.node, ackseq, history.hiSeq());
            return false;
        }
        if (ackseq < from.ackedOurStream) {
            return false;
        }
        from.ackedOurStream = ackseq;
        updateAckedByAll();
        return true;
    }

    /** The lowest ack of the live nodes (heartbeat.c:2357-2411), never going back. */
    private void updateAckedByAll() {
        long min = Long.MAX_VALUE;
        int live = 0;
        for (PeerStream s : streams.values()) {
            if (s.up) {
                live++;
                min = Math.min(min, s.ackedOurStream);
            }
        }
        long candidate = ackedByAll;
        if (live < 2) {
            if (history.hiSeq() - candidate >= FLOWCONTROL_LIMIT) {
                candidate = history.hiSeq() - (FLOWCONTROL_LIMIT - 1);
            }
        } else if (min > 0 && min != Long.MAX_VALUE) {
            candidate = min;
        }
        ackedByAll = Math.max(ackedByAll, candidate);
    }

    private int liveNodes() {
        int live = 0;
        for (PeerStream s : streams.values()) {
            if (s.up) {
                live++;
            }
        }
        return live;
    }

    // --------------------------------------------------------------------------------------- missing seqs

    /**
     * is_lost_packet for a seq known to be missing (heartbeat.c:5937-6014): forget it, and when it was the first
     * missing one, ack the stream up to the new first missing seq (or the last seq) if a trigger seq lies there.
     */
    private void removeMissing(PeerStream p, long seq, Outcome.Sink sink) {
        long first = p.firstMissing();
        p.missing.remove(seq);
        if (p.missing.isEmpty()) {
            events.noneMissing(p.node);
        }
        if (!flowControl || seq != first) {
            return;
        }
        long fm = p.firstMissing();
        long lastToAck = fm == 0 ? p.lastSeq : fm - 1;
        long x = lastToAck % ACK_MSG_DIV;
        long ackSeq = x >= p.ackTrigger ? lastToAck / ACK_MSG_DIV * ACK_MSG_DIV + p.ackTrigger
                : (lastToAck / ACK_MSG_DIV - 1) * ACK_MSG_DIV + p.ackTrigger;
        if (ackSeq >= first) {
            ackIfNeeded(p, ackSeq, sink);
        }
    }

    /**
     * Missing seqs the sender can no longer have (it keeps the last MAXMSGHIST), then what they held back. This
     * also bounds the hold-back to MAXMSGHIST messages per node.
     */
    private void giveUpOutOfWindow(PeerStream p, Outcome.Sink sink) {
        giveUpOldestWhile(p, (seq, pending) -> seq <= p.lastSeq - MAXMSGHIST, LossReason.OUT_OF_WINDOW, sink);
    }

    /**
     * Gives up the oldest missing seqs, one after the other, while {@code condition} holds for the oldest (only
     * the oldest blocks delivery); then releases what they held back.
     */
    private void giveUpOldestWhile(PeerStream p, java.util.function.BiPredicate<Long, PeerStream.Pending> condition,
            LossReason reason, Outcome.Sink sink) {
        boolean gaveUp = false;
        while (!p.missing.isEmpty() && condition.test(p.missing.firstKey(), p.missing.firstEntry().getValue())) {
            long seq = p.missing.firstKey();
            removeMissing(p, seq, sink);
            lose(p, seq, seq, reason);
            gaveUp = true;
        }
        if (gaveUp) {
            releaseHeld(p, sink);
        }
    }

    /**
     * reset_seqtrack's forgetting of the missing seqs (and their timers), reported as lost; then everything held
     * back goes out, in order.
     */
    private void abandonMissing(PeerStream p, LossReason reason, Outcome.Sink sink) {
        for (Long seq : p.missing.keySet()) {
            lose(p, seq, seq, reason);
        }
        p.missing.clear();
        releaseHeld(p, sink);
    }

    private void lose(PeerStream p, long first, long last, LossReason reason) {
        long n = last - first + 1;
        if (n <= 0) {
            return;
        }
        p.lost += n;
        inc(Counter.LOST, n);
        inc(switch (reason) {
            case NAK -> Counter.LOST_NAK;
            case OUT_OF_WINDOW -> Counter.LOST_OUT_OF_WINDOW;
            case GAP_TOO_LARGE -> Counter.LOST_GAP_TOO_LARGE;
            case PEER_RESTART -> Counter.LOST_PEER_RESTART;
            case PEER_DOWN -> Counter.LOST_PEER_DOWN;
            case HOLD_LIMIT -> Counter.LOST_HOLD_LIMIT;
        }, n);
        events.lost(p.node, first, last, reason);
    }

    private long firstRequestDelay() {
        // cl_rand_from_interval(a, b), both ends included (hb_rexmit.c:226-235)
        int a = config.firstRequestMinDelayMillis();
        int b = config.maxRexmitDelayMillis();
        return a + random.nextInt(b - a + 1);
    }

    /**
     * The {@code NS_rexmit} requests due at {@code nowMillis}, one per missing seq (firstseq = lastseq, decimal),
     * addressed to the node that sent the seq: stamp and send each on every medium. Each seq is asked for again
     * every {@code max_rexmit_delay} ms (send_rexmit_request, hb_rexmit.c:158-209). Nothing is asked of a node
     * that is not up: its missing seqs were given up when it went down.
     */
    public List<HbMessage> dueRexmitRequests(long nowMillis) {
        List<HbMessage> out = null;
        for (PeerStream p : streams.values()) {
            if (p == self || p.missing.isEmpty()) {
                continue;
            }
            for (Map.Entry<Long, PeerStream.Pending> e : p.missing.entrySet()) {
                PeerStream.Pending pending = e.getValue();
                if (pending.dueMillis > nowMillis) {
                    continue;
                }
                pending.dueMillis = nowMillis + config.maxRexmitDelayMillis();
                if (!p.up) {
                    continue;
                }
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(ControlMessages.rexmitRequest(p.node, e.getKey()));
                pending.requests++;
                p.rexmitRequested++;
                inc(Counter.REXMIT_REQUESTED);
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    /**
     * When {@link #dueRexmitRequests} or {@link #expireHeld} has something next (Long.MAX_VALUE: nothing is
     * missing).
     */
    public long nextDueMillis() {
        long next = Long.MAX_VALUE;
        for (PeerStream p : streams.values()) {
            if (p == self) {
                continue;
            }
            for (PeerStream.Pending pending : p.missing.values()) {
                next = Math.min(next, Math.min(pending.dueMillis, pending.sinceMillis + config.holdLimitMillis()));
            }
        }
        return next;
    }

    /**
     * Gives up the missing seqs that have been missing for the hold limit or longer, and releases in order what
     * they held back. Call it with {@link #dueRexmitRequests} at {@link #nextDueMillis()}. Without it a peer that
     * never answers a request (or loses every retransmission) would hold its later messages back until they fall
     * out of the window, minutes later.
     */
    public Outcome expireHeld(long nowMillis) {
        Outcome.Sink sink = new Outcome.Sink();
        for (PeerStream p : streams.values()) {
            if (p != self) {
                giveUpOldestWhile(p, (seq, pending) -> pending.sinceMillis + config.holdLimitMillis() <= nowMillis,
                        LossReason.HOLD_LIMIT, sink);
            }
        }
        return Outcome.of(Verdict.CONTROL, false, sink);
    }

    // -------------------------------------------------------------------------------- retransmission requests

    /** process_rexmit (heartbeat.c:6275-6423). */
    private void processRexmit(HbMessage msg, String from, long now, Outcome.Sink sink) {
        inc(Counter.REXMIT_REQUESTS_RECEIVED);
        long first = ControlMessages.atoi(msg.get(F_FIRSTSEQ));
        long last = ControlMessages.atoi(msg.get(F_LASTSEQ));
        if (first <= 0 || last <= 0 || first > last) {
            // heartbeat logs "Invalid rexmit seqnos" and, in effect, does nothing
            inc(Counter.INVALID);
            events.invalid(from, "Invalid rexmit seqnos");
            return;
        }
        PeerStream requester = stream(from);
        long seq = first;
        if (seq <= requester.ackedOurStream) {
            // "this seq has been ACKed by fromnode, we can safely ignore this request"
            long skipTo = Math.min(last, requester.ackedOurStream);
            inc(Counter.REXMIT_ALREADY_ACKED, skipTo - seq + 1);
            seq = skipTo + 1;
        }
        int resent = 0;
        int naks = 0;
        for (; seq <= last; seq++) {
            if (seq <= history.lowSeq()) {
                if (naks >= MAX_REXMIT_BATCH) {
                    seq = history.lowSeq(); // heartbeat would NAK every one; a batch is enough
                    continue;
                }
                naks++;
                nak(from, seq, ControlMessages.NAK_SEQNO_TOO_LOW, sink);
                continue;
            }
            if (seq > history.hiSeq()) {
                // "Hopefully we just restarted": not NAKed (heartbeat.c:6331-6345)
                inc(Counter.REXMIT_BEYOND_HIGHEST, last - seq + 1);
                events.rexmitBeyondHighest(from, seq, history.hiSeq());
                break;
            }
            byte[] bytes = history.get(seq);
            if (bytes == null) {
                if (naks < MAX_REXMIT_BATCH) {
                    naks++;
                    nak(from, seq, ControlMessages.NAK_SEQNO_NOT_FOUND, sink);
                }
                continue;
            }
            if (history.resentWithin(seq, now, config.acceptRexmitRequestMillis())) {
                inc(Counter.REXMIT_RATE_LIMITED);
                continue;
            }
            if (++resent > MAX_REXMIT_BATCH) {
                break; // "Don't send too many packets all at once"
            }
            history.markResent(seq, now);
            sink.resend(bytes.clone());
            inc(Counter.RETRANSMITTED);
        }
    }

    private void nak(String requester, long seq, String reason, Outcome.Sink sink) {
        sink.send(ControlMessages.nak(requester, seq, reason));
        inc(Counter.NAK_SENT);
        events.cannotRetransmit(requester, seq, reason);
    }

    // ------------------------------------------------------------------------------------------- membership

    /**
     * The core's view of a node: a node that is not up is not asked for retransmissions and its acks do not hold
     * back {@link #ackedByAll()}. Nodes are up until told otherwise. When a node goes down, its missing seqs are
     * given up ({@link LossReason#PEER_DOWN}), and so are the gaps it opens until it is up again: nothing would
     * fill them, and the messages held behind them must reach the core (a node coming back after a partition
     * is seen alive through them).
     *
     * @return what was held back of the node, released in order
     */
    public Outcome setPeerUp(String node, boolean up) {
        if (node.equals(config.localNode())) {
            return Outcome.of(Verdict.CONTROL, false);
        }
        PeerStream p = stream(node);
        p.up = up;
        Outcome.Sink sink = new Outcome.Sink();
        if (!up) {
            abandonMissing(p, LossReason.PEER_DOWN, sink);
        }
        updateAckedByAll();
        return Outcome.of(Verdict.CONTROL, false, sink);
    }

    /**
     * Forgets a node (deleted from the cluster); a later message from it starts afresh, with a new ack trigger.
     * What was held back of it is dropped with it.
     */
    public void forgetPeer(String node) {
        if (!node.equals(config.localNode())) {
            streams.remove(node);
            updateAckedByAll();
        }
    }

    // ----------------------------------------------------------------------------------------------- status

    /** The stream of one node (this node's own too), if any message of it was seen. */
    public Optional<PeerState> peerState(String node) {
        PeerStream p = streams.get(node);
        return p == null ? Optional.empty() : Optional.of(p.snapshot());
    }

    /** Every node's stream, this node's first. */
    public List<PeerState> peerStates() {
        List<PeerState> out = new ArrayList<>(streams.size());
        for (PeerStream p : streams.values()) {
            out.add(p.snapshot());
        }
        return out;
    }

    public long count(Counter counter) {
        return counts[counter.ordinal()];
    }

    /** All counters, in {@link Counter} order. */
    public Map<Counter, Long> counters() {
        Map<Counter, Long> out = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            out.put(c, counts[c.ordinal()]);
        }
        return Collections.unmodifiableMap(out);
    }

    // -------------------------------------------------------------------------------------------- internals

    private PeerStream stream(String node) {
        PeerStream p = streams.get(node);
        if (p == null) {
            p = new PeerStream(node, random.nextInt(ACK_MSG_DIV));
            streams.put(node, p);
        }
        return p;
    }

    /** IsToUs (heartbeat.c:5666-5670): destuuid when there is one, else dest; neither means everyone. */
    private boolean isToUs(HbMessage msg) {
        byte[] touuid = msg.getBytes(F_TOUUID);
        byte[] ours = config.localUuid();
        if (touuid != null && touuid.length == 16 && !allZero(touuid) && ours != null) {
            return Arrays.equals(touuid, ours);
        }
        String to = msg.get(F_TO);
        return to == null || to.equals(config.localNode());
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private Outcome invalid(String from, String what) {
        inc(Counter.INVALID);
        events.invalid(from, what);
        return Outcome.of(Verdict.INVALID, false);
    }

    private void inc(Counter c) {
        counts[c.ordinal()]++;
    }

    private void inc(Counter c, long n) {
        counts[c.ordinal()] += n;
    }
}
