package org.karabeat.config.legacy;

import java.util.List;
import java.util.Objects;

/**
 * A network interface of this host.
 *
 * @param name      as the kernel names it, {@code eth0} or an alias such as {@code eth0:0}
 * @param addresses its IPv4 addresses
 */
public record NetInterface(String name, List<Address> addresses) {

    /**
     * An IPv4 address with its prefix length.
     *
     * @param address dotted quad
     * @param prefix  0..32
     */
    public record Address(String address, int prefix) {
        public Address {
            Objects.requireNonNull(address, "address");
        }
    }

    public NetInterface {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
    }
}
