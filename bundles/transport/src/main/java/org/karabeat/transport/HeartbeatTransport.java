package org.karabeat.transport;

import java.util.List;
import java.util.Map;

import org.karabeat.transport.wire.HbMessage;
import org.osgi.annotation.versioning.ProviderType;

/** A node's open heartbeat transport. Every method may be called from any thread. */
@ProviderType
public interface HeartbeatTransport extends AutoCloseable {

    /** This node's uuid as in {@code hb_uuid}, 8-4-4-4-12. */
    String uuid();

    /** This node's generation ({@code hg}) for this run. */
    long generation();

    /** The links (interface names of the media), in {@code ha.cf} order, each once. */
    List<String> links();

    /**
     * Sends an application message to every node on every medium, sequenced and kept for retransmission:
     * the transport appends the control fields ({@code src srcuuid seq hg ts ld ttl}) and signs it. A message
     * with a {@code dest} field is for that node only (the transport adds {@code destuuid} when it knows it).
     *
     * @return the sequence number it was given
     */
    long send(HbMessage message);

    /**
     * What the membership decided about {@code node}: no retransmission is asked of a dead node, and its
     * acknowledgements stop holding back this node's history.
     */
    void peerAlive(String node, boolean alive);

    /**
     * Counters since the transport opened: {@code sent}, {@code received}, {@code delivered},
     * {@code duplicates}, {@code retransmitted}, {@code rexmit-requested}, {@code nak-sent}, {@code nak-received},
     * {@code acks-sent}, and {@code dropped.<reason>} per reason.
     */
    Map<String, Long> counters();

    /** Closes the sockets; pending messages are not sent. */
    @Override
    void close();
}
