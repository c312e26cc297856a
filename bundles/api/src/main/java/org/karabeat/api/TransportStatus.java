package org.karabeat.api;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** The local node's heartbeat transport: its identity on the wire and what it counted. */
@ProviderType
public interface TransportStatus {

    /** Whether the transport runs (false when the configuration is invalid or the sockets could not open). */
    boolean running();

    /** This node's uuid as in {@code /var/lib/heartbeat/hb_uuid}, in the usual 8-4-4-4-12 form; empty if not running. */
    String uuid();

    /** This node's generation ({@code hg}), one more than at the previous start; 0 if not running. */
    long generation();

    /**
     * Counters since start, by name: {@code sent}, {@code received}, {@code retransmitted},
     * {@code rexmit-requested}, {@code nak-sent}, {@code duplicates}, and {@code dropped.<reason>} for
     * each reason a datagram was dropped (bad digest, unknown node, malformed, ...).
     */
    Map<String, Long> counters();
}
