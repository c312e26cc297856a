package org.karabeat.transport.udp;

import java.io.IOException;

import org.karabeat.transport.HeartbeatTransport;
import org.karabeat.transport.TransportConfig;
import org.karabeat.transport.TransportFactory;
import org.karabeat.transport.TransportListener;
import org.karabeat.transport.identity.NodeIdentity;
import org.karabeat.transport.identity.NodeIdentityStore;
import org.karabeat.transport.identity.UuidSource;
import org.osgi.service.component.annotations.Component;

/** The transport bundle's service: heartbeat over UDP with Netty. */
@Component(service = TransportFactory.class)
public class UdpTransportFactory implements TransportFactory {

    @Override
    public HeartbeatTransport open(TransportConfig config, TransportListener listener) throws IOException {
        UdpHeartbeatTransport t = new UdpHeartbeatTransport(config, listener, () -> System.nanoTime() / 1_000_000);
        t.open(() -> identity(config));
        return t;
    }

    private static NodeIdentity identity(TransportConfig config) throws IOException {
        try {
            return new NodeIdentityStore(config.stateDirectory()).start(config.localNode(),
                    UuidSource.of(config.uuidFromNodename()), () -> System.currentTimeMillis() / 1000,
                    config.timeBasedGeneration());
        } catch (IOException e) {
            throw new IOException("Cannot keep the node identity in " + config.stateDirectory() + ": " + e.getMessage()
                    + " (hb_uuid and hb_generation live there, as for the classic daemon; state.directory in "
                    + "etc/org.karabeat.node.cfg)", e);
        }
    }
}
