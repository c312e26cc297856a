package org.karabeat.config.legacy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** {@link HostInfo} read from this host through {@link NetworkInterface} and the resolver. */
public final class SystemHostInfo implements HostInfo {

    @Override
    public List<NetInterface> interfaces() {
        List<NetInterface> result = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                add(nif, result);
            }
        } catch (SocketException e) {
            // No interface list: every interface check then reports the interface as missing.
        }
        return result;
    }

    private static void add(NetworkInterface nif, List<NetInterface> result) {
        List<NetInterface.Address> addresses = new ArrayList<>();
        for (InterfaceAddress a : nif.getInterfaceAddresses()) {
            if (a.getAddress() instanceof Inet4Address) {
                addresses.add(new NetInterface.Address(a.getAddress().getHostAddress(), a.getNetworkPrefixLength()));
            }
        }
        result.add(new NetInterface(nif.getName(), addresses));
        for (NetworkInterface alias : Collections.list(nif.getSubInterfaces())) {
            add(alias, result);
        }
    }

    @Override
    public Optional<String> resolveIpv4(String hostName) {
        try {
            return Arrays.stream(InetAddress.getAllByName(hostName)).filter(a -> a instanceof Inet4Address)
                    .map(InetAddress::getHostAddress).findFirst();
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** {@link NodeName#local()}. */
    @Override
    public String nodeName() {
        return NodeName.local();
    }
}
