package org.karabeat.transport;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/** The service the transport bundle registers: opens a node's heartbeat transport. */
@ProviderType
public interface TransportFactory {

    /**
     * Reads (or creates) the node's identity in {@link TransportConfig#stateDirectory()}, binds the sockets
     * of every medium and starts receiving.
     *
     * @throws IOException when a socket cannot be bound or the identity files cannot be written; the
     *                     message names the {@code ha.cf} line or the file
     */
    HeartbeatTransport open(TransportConfig config, TransportListener listener) throws IOException;
}
