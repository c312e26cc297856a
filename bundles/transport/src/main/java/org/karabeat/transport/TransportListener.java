package org.karabeat.transport;

import org.karabeat.transport.wire.HbMessage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What the transport hands to the core. Called on the transport's single I/O thread, in arrival order;
 * implementations hand the work to their own thread and return at once.
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
     * A sequenced message of a peer, or one of its unsequenced control messages addressed to this node: each
     * delivered once, in arrival order as the classic daemon does (a message lost and retransmitted comes when
     * it arrives, after those that overtook it). Messages addressed to another node are not delivered.
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
