package org.karabeat.transport.reliable;

/**
 * What {@link ReliableDelivery} counts, for the status and metrics. Each has a stable key; the drops are under
 * {@code dropped.<reason>}.
 */
public enum Counter {
    /**
     * Messages handed to the core, each once, when its turn comes (at once, or released after being held back),
     * own loopback and unsequenced messages included.
     */
    DELIVERED("delivered"),
    /** Messages for the core held back behind a missing seq ({@link Verdict#HELD}), each counted once. */
    HELD("held"),
    /** Copies of a node's last seq, typically from a second medium ({@link Verdict#DUPLICATE}). */
    DUPLICATES("duplicates"),
    /** Sequenced messages counted but addressed to another node, and unsequenced ones for another node. */
    NOT_FOR_US("dropped.not-for-us"),
    /** Older seqs that were not missing ({@link Verdict#STALE}). */
    STALE("dropped.stale"),
    /** Messages of an older generation ({@link Verdict#STALE_GENERATION}). */
    STALE_GENERATION("dropped.stale-generation"),
    /** Malformed messages ({@link Verdict#INVALID}) and invalid rexmit requests. */
    INVALID("dropped.invalid"),

    /** Peers seen restarting (newer generation after a known one). */
    PEER_RESTARTS("peer-restarts"),
    /** Gaps seen ("N lost packet(s) for [node] [a:b]"), reordering included. */
    GAPS("gaps"),
    /** Sequence numbers that went missing (each gap's size). */
    MISSING("missing"),
    /** Missing seqs that arrived afterwards (reordered or retransmitted), each delivered once. */
    RECOVERED("recovered"),
    /** Of those, the ones that arrived after this node had asked for them. */
    RECOVERED_AFTER_REQUEST("recovered-after-request"),
    /** Missing seqs given up, all reasons. */
    LOST("lost"),
    LOST_NAK("lost.nak"),
    LOST_OUT_OF_WINDOW("lost.out-of-window"),
    LOST_GAP_TOO_LARGE("lost.gap-too-large"),
    LOST_PEER_RESTART("lost.peer-restart"),
    LOST_PEER_DOWN("lost.peer-down"),
    /** Missing seqs given up because they stayed missing for the hold limit (half the deadtime). */
    LOST_HOLD_LIMIT("lost.hold-limit"),

    /** {@code NS_rexmit} requests this node sent (one seq each). */
    REXMIT_REQUESTED("rexmit-requested"),
    /** {@code NS_rexmit} requests addressed to this node. */
    REXMIT_REQUESTS_RECEIVED("rexmit-requests-received"),
    /** Messages this node retransmitted. */
    RETRANSMITTED("retransmitted"),
    /** Requested seqs not resent because they were resent less than max_rexmit_delay-10 ms before. */
    REXMIT_RATE_LIMITED("rexmit-rate-limited"),
    /** Requested seqs not resent because the requester had acked them already. */
    REXMIT_ALREADY_ACKED("rexmit-already-acked"),
    /** Requested seqs above the highest this node sent (not NAKed, as heartbeat). */
    REXMIT_BEYOND_HIGHEST("rexmit-beyond-highest"),
    /** {@code NS_nak_rexmit} this node sent. */
    NAK_SENT("nak-sent"),
    /** {@code NS_nak_rexmit} this node received. */
    NAK_RECEIVED("nak-received"),
    /** {@code NS_ackmsg} this node sent, for its own stream too. */
    ACKS_SENT("acks-sent"),
    /** {@code NS_ackmsg} from other nodes that advanced what they acked of this node's stream. */
    ACKS_RECEIVED("acks-received"),
    /** {@code NS_ackmsg} ignored: duplicate, late, beyond what this node sent, or for another node. */
    ACKS_IGNORED("acks-ignored");

    private final String key;

    Counter(String key) {
        this.key = key;
    }

    /** The stable name shown in the status ({@code dropped.stale}, {@code rexmit-requested}, ...). */
    public String key() {
        return key;
    }
}
