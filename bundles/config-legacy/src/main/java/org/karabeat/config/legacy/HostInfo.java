package org.karabeat.config.legacy;

import java.util.List;
import java.util.Optional;

/**
 * Facts about the host the configuration is checked on, for {@link LoadOptions#hostChecks()}. The real one
 * is {@link SystemHostInfo}; tests pass a fake.
 */
public interface HostInfo {

    /** Every network interface, aliases ({@code eth0:0}) included, with its IPv4 addresses. */
    List<NetInterface> interfaces();

    /** The IPv4 address a host name resolves to, if it does. */
    Optional<String> resolveIpv4(String hostName);

    /** The name this host runs as, as {@code uname -n} prints it. */
    String nodeName();
}
