package org.karabeat.transport.reliable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.karabeat.transport.wire.HbMessage;

/**
 * The result of one call into {@link ReliableDelivery}: the verdict on the message, what to hand to the core in
 * order, and what to send because of it. Immutable.
 *
 * <ul>
 * <li>{@link #released()}: the messages whose turn has come, in order: the message itself when it is in order,
 * then those held back behind a gap that this call closed or gave up. Each stream's messages come out in seq order
 * and once. Hand each {@link Released#forUs()} one to the core, in this order.</li>
 * <li>{@link #toSend()}: unsequenced control messages ({@code NS_ackmsg}, {@code NS_nak_rexmit}) with only their
 * own fields; the caller appends {@code destuuid} and the control fields ({@code src srcuuid hg ts ttl auth}, no
 * {@code seq}, no {@code ld}), encodes, and sends them on every medium.</li>
 * <li>{@link #toResend()}: retransmissions, the exact bytes first sent; send each on every medium as is (heartbeat
 * marks nothing in a retransmission).</li>
 * </ul>
 */
public final class Outcome {

    private static final Outcome[] PLAIN = new Outcome[Verdict.values().length * 2];

    static {
        for (Verdict v : Verdict.values()) {
            PLAIN[v.ordinal() * 2] = new Outcome(v, false, false, 0, false, false, false, List.of(), List.of(),
                    List.of());
            PLAIN[v.ordinal() * 2 + 1] = new Outcome(v, true, false, 0, false, false, false, List.of(), List.of(),
                    List.of());
        }
    }

    private final Verdict verdict;
    private final boolean refreshesLink;
    private final boolean newGeneration;
    private final long previousGeneration;
    private final boolean peerRestarted;
    private final boolean filledGap;
    private final boolean freshStatus;
    private final List<Released> released;
    private final List<HbMessage> toSend;
    private final List<byte[]> toResend;

    private Outcome(Verdict verdict, boolean refreshesLink, boolean newGeneration, long previousGeneration,
            boolean peerRestarted, boolean filledGap, boolean freshStatus, List<Released> released,
            List<HbMessage> toSend, List<byte[]> toResend) {
        this.verdict = verdict;
        this.refreshesLink = refreshesLink;
        this.newGeneration = newGeneration;
        this.previousGeneration = previousGeneration;
        this.peerRestarted = peerRestarted;
        this.filledGap = filledGap;
        this.freshStatus = freshStatus;
        this.released = released;
        this.toSend = toSend;
        this.toResend = toResend;
    }

    static Outcome of(Verdict verdict, boolean refreshesLink) {
        return PLAIN[verdict.ordinal() * 2 + (refreshesLink ? 1 : 0)];
    }

    static Outcome of(Verdict verdict, boolean refreshesLink, Sink sink) {
        if (sink.isEmpty()) {
            return of(verdict, refreshesLink);
        }
        return new Outcome(verdict, refreshesLink, false, 0, false, false, false, sink.released(), sink.sends(),
                sink.resends());
    }

    static Outcome accepted(Verdict verdict, boolean newGeneration, long previousGeneration, boolean peerRestarted,
            boolean filledGap, boolean freshStatus, Sink sink) {
        return new Outcome(verdict, verdict == Verdict.DELIVER || verdict == Verdict.HELD, newGeneration,
                previousGeneration, peerRestarted, filledGap, freshStatus, sink.released(), sink.sends(),
                sink.resends());
    }

    public Verdict verdict() {
        return verdict;
    }

    /**
     * The messages to hand over now, in order (see the class comment), those for another node included so that
     * the caller can follow each stream's sequence; unmodifiable.
     */
    public List<Released> released() {
        return released;
    }

    /** The {@link #released()} messages that are for the core ({@link Released#forUs()}), in order. */
    public List<Released> toDeliver() {
        if (released.isEmpty()) {
            return released;
        }
        List<Released> out = new ArrayList<>(released.size());
        for (Released r : released) {
            if (r.forUs()) {
                out.add(r);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * True when heartbeat would count this datagram as a sign of life of the link it came on: a message kept
     * (KEEPIT; a message held back too) or a duplicate of the last seq (heartbeat.c:3612-3631). Not for stale,
     * replayed, invalid messages, NAKs, or messages for another node. (Whether the node itself is alive is the
     * core's business: see {@link #freshStatus()}.)
     */
    public boolean refreshesLink() {
        return refreshesLink;
    }

    /**
     * True when the message is a status message (keepalive) of a peer seen for the first time in its
     * generation, whether delivered now or held back: heartbeat takes a node's liveness from its status messages
     * as they arrive ({@code local_lastupdate}, HBDoMsg_T_STATUS), so the core must hear of it now, not when the
     * message's turn comes. Not for duplicates, so a replayed packet does not keep a dead node alive.
     */
    public boolean freshStatus() {
        return freshStatus;
    }

    /**
     * True when the message carried a generation newer than the one known for its node (also the first time a
     * node is seen, then {@link #previousGeneration()} is 0): the node's stream started again.
     */
    public boolean newGeneration() {
        return newGeneration;
    }

    /** The generation known before this message, when {@link #newGeneration()}. */
    public long previousGeneration() {
        return previousGeneration;
    }

    /**
     * True when a node known with a generation &gt; 0 came with a newer one: log
     * {@code "Heartbeat restart on node %s"} (heartbeat.c:5728-5732).
     */
    public boolean peerRestarted() {
        return peerRestarted;
    }

    /** True when the message was one of its node's missing seqs (reordered or retransmitted). */
    public boolean filledGap() {
        return filledGap;
    }

    /** Control messages to stamp and send (see the class comment). Unmodifiable. */
    public List<HbMessage> toSend() {
        return toSend;
    }

    /** Encoded messages to send again, byte for byte. Unmodifiable; each array is the caller's. */
    public List<byte[]> toResend() {
        return toResend;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(verdict.name());
        if (peerRestarted) {
            sb.append(" restarted(was ").append(Long.toHexString(previousGeneration)).append(')');
        } else if (newGeneration) {
            sb.append(" new-generation");
        }
        if (filledGap) {
            sb.append(" filled-gap");
        }
        if (!released.isEmpty()) {
            sb.append(" released=[");
            for (int i = 0; i < released.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(Long.toHexString(released.get(i).seq()));
            }
            sb.append(']');
        }
        if (!toSend.isEmpty()) {
            sb.append(" send").append(toSend);
        }
        if (!toResend.isEmpty()) {
            sb.append(" resend=").append(toResend.size());
        }
        return sb.toString();
    }

    /**
     * One message handed over in order.
     *
     * @param message    the message as received
     * @param generation its node's generation ({@code hg}), 0 when it has none
     * @param seq        its seq, 0 for an unsequenced message
     * @param link       the link it first came on, as given to {@link ReliableDelivery#onReceived(HbMessage, String,
     *                   long)} (null when not given)
     * @param forUs      false for a sequenced message addressed to another node: its turn in the sequence came,
     *                   but it is not for the core
     */
    public record Released(HbMessage message, long generation, long seq, String link, boolean forUs) {
    }

    /** Collects what one call wants sent and handed over. */
    static final class Sink {
        private List<HbMessage> sends;
        private List<byte[]> resends;
        private List<Released> released;

        void release(Released r) {
            if (released == null) {
                released = new ArrayList<>(2);
            }
            released.add(r);
        }

        void send(HbMessage m) {
            if (sends == null) {
                sends = new ArrayList<>(2);
            }
            sends.add(m);
        }

        void resend(byte[] bytes) {
            if (resends == null) {
                resends = new ArrayList<>();
            }
            resends.add(bytes);
        }

        boolean isEmpty() {
            return sends == null && resends == null && released == null;
        }

        List<Released> released() {
            return released == null ? List.of() : Collections.unmodifiableList(released);
        }

        List<HbMessage> sends() {
            return sends == null ? List.of() : Collections.unmodifiableList(sends);
        }

        List<byte[]> resends() {
            return resends == null ? List.of() : Collections.unmodifiableList(resends);
        }
    }
}
