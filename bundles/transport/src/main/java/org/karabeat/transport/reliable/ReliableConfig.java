package org.karabeat.transport.reliable;

import java.util.Objects;

/**
 * What {@link ReliableDelivery} needs to know about this node, plus heartbeat 3.0.6's constants.
 *
 * @param localNode            this node's name ({@code uname -n}, the {@code src} of what it sends)
 * @param localUuid            this node's uuid as the 16 raw bytes of {@code srcuuid}, or null when not known (then
 *                             {@code destuuid} is not compared and {@code dest} alone decides whether a message is
 *                             for this node)
 * @param generation           this node's generation ({@code hg}) for this run; the sequence starts at 1 in it
 * @param maxRexmitDelayMillis {@code max_rexmit_delay} from {@code ha.cf} (milliseconds, default
 *                             {@value #DEFAULT_MAX_REXMIT_DELAY_MS}): the period of retransmission requests and,
 *                             minus {@value #REXMIT_ACCEPT_SLACK_MS} ms, the per-message rate limit on
 *                             retransmissions
 */
public record ReliableConfig(String localNode, byte[] localUuid, long generation, int maxRexmitDelayMillis,
        long holdLimitMillis) {

    /** Sent messages kept for retransmission: {@code MAXMSGHIST} (include/heartbeat.h:232). */
    public static final int MAXMSGHIST = 500;

    /** Missing sequence numbers tracked per node: {@code MAXMISSING = MAXMSGHIST} (include/heartbeat.h:233). */
    public static final int MAXMISSING = MAXMSGHIST;

    /** Ack every {@code ACK_MSG_DIV}-th message (include/heartbeat.h:126). */
    public static final int ACK_MSG_DIV = 10;

    /**
     * {@code FLOWCONTROL_LIMIT = MAXMSGHIST/2} (heartbeat.c:271): a gap larger than this resets the node's stream
     * ("lost a lot of packets!", heartbeat.c:5769-5776); more unacked messages than this is congestion.
     */
    public static final int FLOWCONTROL_LIMIT = MAXMSGHIST / 2;

    /** At most this many retransmissions answer one request: {@code MAX_REXMIT_BATCH} (heartbeat.c:6272). */
    public static final int MAX_REXMIT_BATCH = 50;

    /** Default {@code max_rexmit_delay} (hb_rexmit.c:41, config.c:178). */
    public static final int DEFAULT_MAX_REXMIT_DELAY_MS = 250;

    /**
     * The first request for a missing seq waits a random time in [50, max_rexmit_delay] ms, or
     * [0, max_rexmit_delay] when that is under 100 ms (hb_rexmit.c:226-235), so that a message merely
     * reordered arrives before anyone asks for it.
     */
    public static final int FIRST_REQUEST_MIN_DELAY_MS = 50;

    /** heartbeat's default deadtime, which sets the default hold limit. */
    public static final long DEFAULT_DEADTIME_MS = 30_000;

    /** {@code ACCEPT_REXMIT_REQ_MS = REXMIT_MS - 10} (heartbeat.c:6020). */
    public static final int REXMIT_ACCEPT_SLACK_MS = 10;

    public ReliableConfig {
        Objects.requireNonNull(localNode, "localNode");
        if (localNode.isEmpty()) {
            throw new IllegalArgumentException("localNode is empty");
        }
        if (localUuid != null && localUuid.length != 16) {
            throw new IllegalArgumentException("localUuid must be 16 bytes, not " + localUuid.length);
        }
        if (generation < 0) {
            throw new IllegalArgumentException("generation < 0: " + generation);
        }
        if (maxRexmitDelayMillis <= 0) {
            // hb_set_max_rexmit_delay refuses <= 0 (hb_rexmit.c:52-58)
            throw new IllegalArgumentException("max_rexmit_delay must be > 0 ms, not " + maxRexmitDelayMillis);
        }
        if (holdLimitMillis <= 0) {
            throw new IllegalArgumentException("hold limit must be > 0 ms, not " + holdLimitMillis);
        }
        localUuid = localUuid == null ? null : localUuid.clone();
    }

    /** With the hold limit of heartbeat's default deadtime. */
    public ReliableConfig(String localNode, byte[] localUuid, long generation, int maxRexmitDelayMillis) {
        this(localNode, localUuid, generation, maxRexmitDelayMillis,
                holdLimit(DEFAULT_DEADTIME_MS, maxRexmitDelayMillis));
    }

    /**
     * How long messages may wait behind a missing seq before it is given up: half the deadtime, and at least
     * four retransmission rounds. A peer that never answers requests (or a loss that outlasts them) then delays
     * the core by this at most; a peer silent that long is about to be declared dead anyway.
     */
    public static long holdLimit(long deadtimeMillis, int maxRexmitDelayMillis) {
        return Math.max(deadtimeMillis / 2, 4L * maxRexmitDelayMillis);
    }

    /** With heartbeat's default {@code max_rexmit_delay} and no uuid. */
    public static ReliableConfig of(String localNode, long generation) {
        return new ReliableConfig(localNode, null, generation, DEFAULT_MAX_REXMIT_DELAY_MS);
    }

    @Override
    public byte[] localUuid() {
        return localUuid == null ? null : localUuid.clone();
    }

    /** A retransmission of the same message is refused for this long after the previous one. */
    public int acceptRexmitRequestMillis() {
        return maxRexmitDelayMillis - REXMIT_ACCEPT_SLACK_MS;
    }

    /** Lower bound of the random delay before the first request for a missing seq. */
    public int firstRequestMinDelayMillis() {
        return maxRexmitDelayMillis < 100 ? 0 : FIRST_REQUEST_MIN_DELAY_MS;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReliableConfig c && c.localNode.equals(localNode)
                && java.util.Arrays.equals(c.localUuid, localUuid) && c.generation == generation
                && c.maxRexmitDelayMillis == maxRexmitDelayMillis && c.holdLimitMillis == holdLimitMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(localNode, java.util.Arrays.hashCode(localUuid), generation, maxRexmitDelayMillis,
                holdLimitMillis);
    }

    @Override
    public String toString() {
        return "ReliableConfig[localNode=" + localNode + ", uuid=" + (localUuid == null ? "none" : "16 bytes")
                + ", generation=" + Long.toHexString(generation) + ", max_rexmit_delay=" + maxRexmitDelayMillis
                + "ms, hold limit=" + holdLimitMillis + "ms]";
    }
}
