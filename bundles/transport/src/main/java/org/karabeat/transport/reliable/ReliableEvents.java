package org.karabeat.transport.reliable;

/**
 * What {@link ReliableDelivery} tells the caller besides its return values: the things heartbeat 3.0.6 logs. Each
 * method names the line heartbeat writes, so the runtime can log the same. Called synchronously, on the caller's
 * thread, from inside the {@code ReliableDelivery} call; an implementation must not call back into it. All
 * methods do nothing by default.
 */
public interface ReliableEvents {

    /** Logs nothing. */
    ReliableEvents NONE = new ReliableEvents() {
    };

    /** A node known with generation {@code previous} &gt; 0 came with a newer one. INFO {@code "Heartbeat restart on node %s"}. */
    default void peerRestarted(String node, long previous, long current) {
    }

    /**
     * A message older than the node's generation was dropped. ERROR
     * {@code "should_drop_message: attempted replay attack [%s]? [gen = %ld, curgen = %ld]"}.
     */
    default void replayDropped(String node, long generation, long currentGeneration) {
    }

    /**
     * A gap: seq {@code seq} came after {@code lastSeq}, so {@code count} seqs are missing (for now: heartbeat
     * logs this for plain reordering too). WARN {@code "%lu lost packet(s) for [%s] [%lu:%lu]"} with
     * {@code count, node, lastSeq, seq}.
     */
    default void packetsMissing(String node, long lastSeq, long seq, long count) {
    }

    /**
     * Seqs {@code first..last} of {@code node} are given up. For {@link LossReason#GAP_TOO_LARGE} heartbeat logs
     * ERROR {@code "lost a lot of packets!"}; for {@link LossReason#NAK} see {@link #nakReceived}; the other
     * reasons are Karabeat's and may be logged at WARN.
     */
    default void lost(String node, long first, long last, LossReason reason) {
    }

    /** The last missing seq of {@code node} arrived or was given up. INFO {@code "No pkts missing from %s!"}. */
    default void noneMissing(String node) {
    }

    /**
     * {@code node} said it cannot retransmit its {@code seq}. When {@code addressedToUs}, heartbeat logs ERROR
     * {@code "Irretrievably lost packet: node %s seq %ld"} (with the seq in decimal).
     */
    default void nakReceived(String node, long seq, boolean addressedToUs) {
    }

    /** This node NAKs a request. ERROR {@code "Cannot rexmit pkt %lu for %s: %s"} (seq, requester, reason). */
    default void cannotRetransmit(String requester, long seq, String reason) {
    }

    /** A request for seqs above the highest sent. WARN {@code "Rexmit of seq %lu requested. %lu is max."}. */
    default void rexmitBeyondHighest(String requester, long seq, long highest) {
    }

    /**
     * An ack for more than this node sent. ERROR
     * {@code "HBDoMsg_T_ACK: corrupted ackseq current hiseq = %ld ackseq =%ld in this message"}.
     */
    default void corruptedAck(String node, long ackseq, long highest) {
    }

    /**
     * A malformed message or request ({@code what} is heartbeat's wording: "bad sequence number", "bad generation
     * number", "bad nak seq number", "missing seqno", "missing from/ts/type", "Invalid rexmit seqnos"). ERROR.
     */
    default void invalid(String node, String what) {
    }

    /**
     * A status message without {@code protocol} came from {@code node}: acks are off from now on, as in
     * heartbeat. INFO {@code "flow control disabled due to different version heartbeat"}.
     */
    default void flowControlDisabled(String node) {
    }
}
