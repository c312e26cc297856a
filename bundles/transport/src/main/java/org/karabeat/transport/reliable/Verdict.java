package org.karabeat.transport.reliable;

/** What to do with a received message, as decided by {@link ReliableDelivery#onReceived}. */
public enum Verdict {

    /**
     * Hand it to the core now (it is in {@link Outcome#released()}): a sequenced message seen for the first time
     * in its node's current generation, addressed to this node or to everyone, with nothing missing before it (in
     * sequence, or filling the first gap); or an unsequenced message other than the three below (e.g.
     * {@code NS_st}) addressed to this node. Heartbeat's KEEPIT.
     */
    DELIVER,

    /**
     * Kept, but held back: a sequenced message seen for the first time, addressed to this node or to everyone,
     * with a seq still missing before it. It comes out in {@link Outcome#released()} of a later call, once every
     * seq before it arrived or was given up. Heartbeat would deliver it at once (KEEPIT); it still proves the link
     * alive.
     */
    HELD,

    /**
     * A sequenced message seen for the first time but addressed to another node ({@code dest}/{@code destuuid}):
     * its sequence number counted (and acked), the message itself not delivered; or an unsequenced message for
     * another node. Heartbeat's DROPIT after seq processing (heartbeat.c:5746, 5614-5647).
     */
    NOT_FOR_US,

    /**
     * The same seq as the node's last one: the copy from a second medium, the very common case (heartbeat's
     * DUPLICATE, heartbeat.c:5749-5756). It still proves the link alive.
     */
    DUPLICATE,

    /**
     * An older seq that is not missing: a copy of an earlier message, a retransmission nobody here needed, a
     * message given up as lost that came after all, or a replay within the generation. Dropped (heartbeat.c:5849-5856).
     */
    STALE,

    /**
     * A generation older than the node's current one: a replay, or a message of the previous run still in
     * flight ("attempted replay attack", heartbeat.c:5677-5684). Dropped.
     */
    STALE_GENERATION,

    /** {@code NS_ackmsg}, {@code NS_rexmit} or {@code NS_nak_rexmit}: consumed by the reliable-delivery layer. */
    CONTROL,

    /** Malformed: no {@code t}/{@code src}/{@code ts}, no or bad {@code seq}, bad {@code hg}, bad NAK seq. Dropped. */
    INVALID
}
