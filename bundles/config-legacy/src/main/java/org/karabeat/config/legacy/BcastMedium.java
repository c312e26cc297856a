package org.karabeat.config.legacy;

import java.util.Objects;

/** One interface of a {@code bcast} (or {@code udp}) line: UDP broadcast on that interface. */
public record BcastMedium(int line, String interfaceName, int port) implements Medium {

    public BcastMedium {
        Objects.requireNonNull(interfaceName, "interfaceName");
    }

    @Override
    public Kind kind() {
        return Kind.BCAST;
    }
}
