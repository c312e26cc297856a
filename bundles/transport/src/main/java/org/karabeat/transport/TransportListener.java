package org.karabeat.transport;

import org.karabeat.transport.wire.HbMessage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What the transport hands to the core. Called on the transport's single I/O thread; implementations hand the
 * work to their own thread and return at once.
 */
@ConsumerType
public interface TransportListener {

    /**
     * An authentic datagram from {@code node} arrived on {@code link} (any kind, duplicates included): the
     * node and that link are alive.
     */
    void heard(String node, String link);

    /**
     * The node's generation grew (it restarted) or was seen for the first time ({@code previous} 0); its
     * sequence numbering starts again.
     */
    void generation(String node, long previous, long current);

    /**
     * A status message (keepalive) of {@code node}, seen for the first time in its generation, arrived: the
     * node is alive now (the classic daemon takes a node's liveness from its status messages as they arrive).
     * Its {@link #delivered delivery} may come later, when it waits for a message lost before it, so liveness is
     * to be taken from here. Not called for duplicates or replays. Called after {@link #heard}, before the
     * deliveries of the same datagram.
     */
    default void statusArrived(String node) {
    }

    /**
     * A sequenced message of a peer, or one of its unsequenced control messages addressed to this node: each
     * delivered once and, per peer and generation, in seq order. A message that arrives before one lost ahead
     * of it is held back until that one arrives (retransmitted or reordered) or is given up, then delivered in
     * order (the classic daemon delivers in arrival order instead). What was held of a peer's previous run is
     * delivered before {@link #generation} announces its restart. Messages addressed to another node are not
     * delivered.
     */
    void delivered(Delivery delivery);

    /** One message as delivered: who sent it, on which link it came first, its generation and sequence. */
    record Delivery(String from, String link, long generation, long seq, HbMessage message) {

        /** True for a message without a sequence number (an unsequenced control message). */
        public boolean unsequenced() {
            return seq <= 0;
        }
    }
}
