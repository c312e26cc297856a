package org.karabeat.config.legacy;

import java.util.Objects;

/**
 * {@code mcast <interface> <group> <port> <ttl> <loop>}: UDP multicast.
 *
 * @param group an IPv4 multicast address (224.0.0.0/4)
 * @param ttl   0..4, as heartbeat allows
 * @param loop  whether the node receives its own packets
 */
public record McastMedium(int line, String interfaceName, String group, int port, int ttl, boolean loop)
        implements Medium {

    public McastMedium {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(group, "group");
    }

    @Override
    public Kind kind() {
        return Kind.MCAST;
    }
}
