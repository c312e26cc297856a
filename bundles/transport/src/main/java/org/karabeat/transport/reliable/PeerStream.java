package org.karabeat.transport.reliable;

import java.util.TreeMap;

/**
 * What is known of one node's sequenced stream: heartbeat's {@code struct seqtrack} (include/heartbeat.h:236-250)
 * plus the per-seq request timers of hb_rexmit.c. Mutable state of {@link ReliableDelivery}, not thread-safe.
 */
final class PeerStream {

    static final long NO_SEQ = -1;

    final String node;
    /** {@code seqtrack.ack_trigger}: chosen once per node, {@code rand() % ACK_MSG_DIV} (config.c:1371). */
    final int ackTrigger;

    /** {@code seqtrack.generation}. */
    long generation;
    /** {@code seqtrack.last_seq}, {@link #NO_SEQ} for NOSEQUENCE. */
    long lastSeq = NO_SEQ;
    /** {@code seqtrack.seqmissing}: missing seq → its request timer. The first key is {@code first_missing_seq}. */
    final TreeMap<Long, Pending> missing = new TreeMap<>();
    /**
     * Karabeat's hold-back: messages accepted above {@link #firstMissing()}, by seq, waiting for every seq before
     * them to arrive or be given up. Empty when nothing is missing; never more than {@value
     * ReliableConfig#MAXMSGHIST} (older missing seqs are given up). Never used for this node's own stream.
     */
    final TreeMap<Long, Outcome.Released> held = new TreeMap<>();
    /** {@code seqtrack.ackseq}: what this node acked of OUR stream. */
    long ackedOurStream;
    /** Per link, the highest seq of this generation that proved the link alive: a replayed copy proves nothing. */
    final java.util.Map<String, Long> linkSeq = new java.util.HashMap<>();
    /** Whether requests go to it (heartbeat: node status up or active, hb_rexmit.c:164-168). */
    boolean up = true;

    long delivered;
    long recovered;
    long lost;
    long rexmitRequested;

    PeerStream(String node, int ackTrigger) {
        this.node = node;
        this.ackTrigger = ackTrigger;
    }

    /** {@code first_missing_seq}: the smallest missing seq, 0 when none. */
    long firstMissing() {
        return missing.isEmpty() ? 0 : missing.firstKey();
    }

    /**
     * reset_seqtrack (heartbeat.c:5535-5559), less the generation, which the caller sets. The caller first
     * gives up the missing seqs, which releases what was held.
     */
    void reset() {
        if (!held.isEmpty()) {
            throw new IllegalStateException("reset with messages held: " + held.keySet());
        }
        missing.clear();
        linkSeq.clear();
        lastSeq = NO_SEQ;
        ackedOurStream = 0;
    }

    PeerState snapshot() {
        return new PeerState(node, generation, lastSeq, java.util.List.copyOf(missing.keySet()),
                java.util.List.copyOf(held.keySet()), ackTrigger, ackedOurStream, up, delivered, recovered, lost,
                rexmitRequested);
    }

    /** One missing seq's request timer. */
    static final class Pending {
        long dueMillis;
        int requests;
        /** When the seq went missing: it is given up {@code holdLimitMillis} later. */
        final long sinceMillis;

        Pending(long sinceMillis, long dueMillis) {
            this.sinceMillis = sinceMillis;
            this.dueMillis = dueMillis;
        }
    }
}
