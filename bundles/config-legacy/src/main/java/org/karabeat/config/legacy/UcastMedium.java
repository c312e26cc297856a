package org.karabeat.config.legacy;

import java.util.Objects;

/**
 * {@code ucast <interface> <peer>}: UDP unicast to one peer.
 *
 * @param peer an IPv4 address or a host name, as written
 */
public record UcastMedium(int line, String interfaceName, String peer, int port) implements Medium {

    public UcastMedium {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(peer, "peer");
    }

    @Override
    public Kind kind() {
        return Kind.UCAST;
    }
}
