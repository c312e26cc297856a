package org.karabeat.config.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.karabeat.api.ConfigFinding;

public class IpAddrArgumentTest {

    private final List<ConfigFinding> sink = new ArrayList<>();

    private Optional<IpAddrArgument> check(String argument) {
        sink.clear();
        return IpAddrArgument.check(argument, "IPaddr::" + argument, 1, new Findings("haresources", sink));
    }

    private void valid(String argument, int bits, String nic, String label, String broadcast) {
        Optional<IpAddrArgument> a = check(argument);
        assertTrue(argument + ": " + sink, a.isPresent());
        assertEquals(argument, bits, a.get().bits());
        assertEquals(argument, nic, a.get().nic());
        assertEquals(argument, label, a.get().label());
        assertEquals(argument, broadcast, a.get().broadcast() == null ? null : Ipv4.format(a.get().broadcast()));
    }

    private void invalid(String argument, String messagePart) {
        assertFalse(argument, check(argument).isPresent());
        assertTrue(argument + ": " + sink,
                sink.stream().anyMatch(f -> f.isError() && f.message().contains(messagePart)));
    }

    @Test
    public void everyFormTheWrappersAccept() {
        valid("192.0.2.10", -1, null, null, null);
        valid("192.0.2.10/24", 24, null, null, null);
        valid("192.0.2.10/24/eth0", 24, "eth0", null, null);
        valid("192.168.0.200/24/ens160:0", 24, "ens160", "0", null);
        valid("192.0.2.10/24/eth0:vip/192.0.2.255", 24, "eth0", "vip", "192.0.2.255");
        valid("192.0.2.10/24/192.0.2.255", 24, null, null, "192.0.2.255");
        valid("192.0.2.10/255.255.255.0/eth0", 24, "eth0", null, null);
        valid("192.0.2.10/32", 32, null, null, null);
        valid("10.1.2.3/8/bond0.100", 8, "bond0.100", null, null);
    }

    @Test
    public void badForms() {
        invalid("192.0.2", "not an IPv4 address");
        invalid("192.0.2.10/0", "from 1 to 32");
        invalid("192.0.2.10/33", "from 1 to 32");
        invalid("192.0.2.10/255.0.255.0", "not a netmask");
        invalid("192.0.2.10//eth0", "empty field");
        invalid("192.0.2.10/24/eth0/192.0.2.255/x", "too many");
        invalid("192.0.2.10/24/192.0.2.255/eth0", "nothing may follow the broadcast");
        invalid("192.0.2.10/24/eth0:", "nothing after the colon");
        invalid("192.0.2.10/24/eth0:a.b", "not an interface label");
        invalid("192.0.2.10/24/eth0:toolonglabel", "longer than 15");
        invalid("192.0.2.10/24/eth/0", "broadcast: '0' is not an IPv4 address");
        invalid("192.0.2.10/24/eth0/192.0.3.255", "does not match");
        invalid("192.0.2.0/24", "network address");
        invalid("192.0.2.255/24", "broadcast address");
        invalid("224.0.0.1", "cannot be a service address");
        invalid("0.0.0.0", "cannot be a service address");
        invalid("192.0.2.10/24/eth0/192.0.2.256", "broadcast");
    }

    @Test
    public void loopbackIsOnlyWarned() {
        assertTrue(check("127.0.0.2").isPresent());
        assertEquals(1, sink.size());
        assertFalse(sink.get(0).isError());
    }

    @Test
    public void hostBitsAreNotCheckedForPointToPointPrefixes() {
        assertTrue(check("192.0.2.0/31").isPresent());
        assertTrue(check("192.0.2.255/32").isPresent());
    }
}
