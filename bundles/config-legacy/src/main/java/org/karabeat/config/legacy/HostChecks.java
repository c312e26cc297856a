package org.karabeat.config.legacy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks against the host the configuration is verified on ({@code --host-checks}): the interfaces the
 * media and IPaddr resources name exist, ucast peers are other hosts, host names resolve, a virtual address
 * has an interface to live on.
 */
final class HostChecks {

    private final HostInfo host;
    private final List<NetInterface> interfaces;

    HostChecks(HostInfo host) {
        this.host = host;
        this.interfaces = host.interfaces();
    }

    void media(List<Medium> media, Findings f) {
        int toSelf = 0;
        for (Medium m : media) {
            String directive = m.kind().directive();
            Optional<NetInterface> nif = find(m.interfaceName());
            if (nif.isEmpty()) {
                f.error(m.line(), directive, "interface " + m.interfaceName() + " does not exist on this host"
                        + " (interfaces: " + names() + ")");
            } else if (m.kind() != Medium.Kind.UCAST && nif.get().addresses().isEmpty()) {
                f.error(m.line(), directive, "interface " + m.interfaceName() + " has no IPv4 address: "
                        + directive + " needs one");
            }
            if (m instanceof UcastMedium u && peerIsThisHost(u, f)) {
                toSelf++;
            }
        }
        if (toSelf > 0 && toSelf == media.size()) {
            f.error(media.get(0).line(), "ucast", "every medium sends to this host itself, so no heartbeat reaches"
                    + " a peer: on each node, the ucast line must name the other node's address");
        }
    }

    private boolean peerIsThisHost(UcastMedium u, Findings f) {
        String address = u.peer();
        if (!Ipv4.looksNumeric(address)) {
            Optional<String> resolved = host.resolveIpv4(address);
            if (resolved.isEmpty()) {
                f.error(u.line(), "ucast", u.peer() + " does not resolve to an IPv4 address on this host:"
                        + " heartbeat refuses the line; add it to /etc/hosts or write the address");
                return false;
            }
            address = resolved.get();
        }
        Optional<NetInterface> owner = owning(address);
        if (owner.isPresent()) {
            f.warning(u.line(), "ucast", u.peer() + " is an address of this host (" + owner.get().name()
                    + "): this line sends to this node itself; each node needs a ucast line naming the other"
                    + " node (harmless in an ha.cf shared by both nodes)");
            return true;
        }
        return false;
    }

    void addresses(List<IpAddrArgument> addresses, Findings f) {
        for (IpAddrArgument ip : addresses) {
            String vip = Ipv4.format(ip.address());
            if (ip.nic() != null) {
                Optional<NetInterface> nif = find(ip.nic());
                if (nif.isEmpty()) {
                    f.error(ip.line(), ip.resource(), "interface " + ip.nic() + " does not exist on this host"
                            + " (interfaces: " + names() + ")");
                    continue;
                }
                if (nif.get().addresses().isEmpty()) {
                    f.warning(ip.line(), ip.resource(), "interface " + ip.nic() + " has no IPv4 address of its"
                            + " own: IPaddr needs one static address on the interface to add " + vip + " to");
                }
            } else if (interfaces.stream().noneMatch(n -> n.addresses().stream()
                    .anyMatch(a -> sameNetwork(a, ip.address())))) {
                f.error(ip.line(), ip.resource(), "no interface of this host has an address in the network of "
                        + vip + ", so IPaddr cannot choose one: add /<bits>/<interface>, such as " + vip
                        + "/24/eth0");
            }
            owning(vip).ifPresent(owner -> f.warning(ip.line(), ip.resource(), vip + " is already configured on "
                    + owner.name() + ": unless the cluster put it there, remove it from the system's network"
                    + " configuration (only the cluster may manage it)"));
        }
    }

    private Optional<NetInterface> find(String name) {
        return interfaces.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    private Optional<NetInterface> owning(String address) {
        return interfaces.stream().filter(n -> n.addresses().stream().anyMatch(a -> a.address().equals(address)))
                .findFirst();
    }

    private static boolean sameNetwork(NetInterface.Address a, int address) {
        Checked<Integer> own = Ipv4.parse(a.address());
        if (!own.isOk() || a.prefix() <= 0 || a.prefix() > 32 || Ipv4.isLoopback(own.value())) {
            return false;
        }
        int mask = Ipv4.mask(a.prefix());
        return (own.value() & mask) == (address & mask);
    }

    private String names() {
        return interfaces.stream().map(NetInterface::name).collect(Collectors.joining(", "));
    }
}
