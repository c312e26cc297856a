package org.karabeat.config.legacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link HostInfo} built by the test: interfaces, names the resolver knows, the node name. */
final class FakeHost implements HostInfo {

    private final String nodeName;
    private final Map<String, List<NetInterface.Address>> interfaces = new LinkedHashMap<>();
    private final Map<String, String> names = new HashMap<>();

    FakeHost(String nodeName) {
        this.nodeName = nodeName;
    }

    FakeHost withInterface(String name, String address, int prefix) {
        interfaces.computeIfAbsent(name, n -> new ArrayList<>()).add(new NetInterface.Address(address, prefix));
        return this;
    }

    /** An interface with no IPv4 address. */
    FakeHost withInterface(String name) {
        interfaces.computeIfAbsent(name, n -> new ArrayList<>());
        return this;
    }

    FakeHost withName(String hostName, String address) {
        names.put(hostName, address);
        return this;
    }

    @Override
    public List<NetInterface> interfaces() {
        List<NetInterface> result = new ArrayList<>();
        interfaces.forEach((name, addresses) -> result.add(new NetInterface(name, addresses)));
        return result;
    }

    @Override
    public Optional<String> resolveIpv4(String hostName) {
        return Optional.ofNullable(names.get(hostName));
    }

    @Override
    public String nodeName() {
        return nodeName;
    }
}
