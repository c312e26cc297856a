package org.karabeat.transport.reliable;

/** Why {@link ReliableDelivery} gave up on a missing message of a node. */
public enum LossReason {

    /**
     * The node answered {@code NS_nak_rexmit}: it no longer has (or never had) that message
     * ("Irretrievably lost packet", heartbeat.c:5614-5637).
     */
    NAK,

    /**
     * The node's stream moved {@value ReliableConfig#MAXMSGHIST} or more past the missing seq: its sender
     * keeps only the last {@value ReliableConfig#MAXMSGHIST} messages, so it cannot have it any more (heartbeat
     * would ask until the sender NAKs "seqno too low"; this gives up without the round trip).
     */
    OUT_OF_WINDOW,

    /**
     * One arrival jumped more than {@value ReliableConfig#FLOWCONTROL_LIMIT} seqs: heartbeat resets the stream
     * and asks for none of them ("lost a lot of packets!", heartbeat.c:5769-5776). Earlier missing seqs are
     * abandoned too.
     */
    GAP_TOO_LARGE,

    /** The node restarted (newer generation): the seqs still missing from its previous run are abandoned. */
    PEER_RESTART,

    /**
     * The core declared the node dead ({@link ReliableDelivery#setPeerUp}): heartbeat asks a dead node for
     * nothing, so nothing would fill its gaps; they are given up then (and gaps opened while it is not up at once)
     * so that the messages held back behind them reach the core.
     */
    PEER_DOWN,

    /**
     * The seq was missing for the hold limit ({@link ReliableConfig#holdLimitMillis()}, half the deadtime): the
     * node did not fill the gap in time, so the messages held back behind it go to the core. Karabeat only:
     * heartbeat holds nothing back.
     */
    HOLD_LIMIT
}
