package org.karabeat.config.legacy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The media directives, checked as heartbeat's HBcomm plugins check them. bcast, serial, ping and ping6 take
 * one medium per word; ucast, mcast, ucast6, mcast6 and ping_group read the rest of the line, split on blanks.
 * Whether an interface exists is a host check ({@link HostChecks}), not done here.
 */
final class MediaLines {

    private final HaCfState s;
    private final Findings f;

    MediaLines(HaCfState state) {
        this.s = state;
        this.f = state.findings;
    }

    /** One word of bcast, serial, ping or ping6. */
    boolean word(String directive, String word, int line) {
        switch (directive) {
            case "bcast":
                if (!interfaceName(directive, word, line) || !count(directive, line, true)) {
                    return false;
                }
                s.cf.media.add(new BcastMedium(line, word, s.portForNew(Medium.Kind.BCAST, line)));
                return true;
            case "serial":
                if (!word.startsWith("/")) {
                    return error(directive, line, "serial port '" + word + "' is not a full path name (such as"
                            + " /dev/ttyS0)");
                }
                return count(directive, line, false);
            case "ping":
                if (!isIpv4OrHostName(word)) {
                    return error(directive, line, "'" + word + "' is neither an IPv4 address nor a host name");
                }
                return count(directive, line, false);
            case "ping6":
                if (!isIpv6Literal(word) && !NetNames.isHostName(word)) {
                    return error(directive, line, "'" + word + "' is neither an IPv6 address nor a host name");
                }
                return count(directive, line, false);
            default:
                throw new IllegalStateException("no handler for medium " + directive);
        }
    }

    /** The rest of a ucast, mcast, ucast6, mcast6 or ping_group line. */
    boolean line(String directive, String rest, int line) {
        List<String> t = Words.split(rest, Words.WHITESPACE);
        switch (directive) {
            case "ucast":
                return ucast(t, line);
            case "mcast":
                return mcast(t, line);
            case "ucast6":
                return ucast6(t, line);
            case "mcast6":
                return mcast6(t, line);
            case "ping_group":
                return pingGroup(t, line);
            default:
                throw new IllegalStateException("no handler for medium " + directive);
        }
    }

    private boolean ucast(List<String> t, int line) {
        if (t.isEmpty()) {
            // heartbeat 3.0.6 crashes (segmentation fault) on an empty ucast line.
            return error("ucast", line, "missing interface and peer: expected 'ucast <interface> <peer address>',"
                    + " such as 'ucast eth0 192.0.2.2'");
        }
        String dev = t.get(0);
        if (!interfaceName("ucast", dev, line)) {
            return false;
        }
        if (t.size() < 2) {
            return error("ucast", line, "missing the peer's address after interface " + dev
                    + ": expected 'ucast <interface> <peer address>'");
        }
        String peer = t.get(1);
        if (!unicastPeer(peer, line)) {
            return false;
        }
        extraWords("ucast", t, 2, line);
        if (!count("ucast", line, true)) {
            return false;
        }
        s.cf.media.add(new UcastMedium(line, dev, peer, s.portForNew(Medium.Kind.UCAST, line)));
        return true;
    }

    private boolean unicastPeer(String peer, int line) {
        if (peer.indexOf(':') >= 0) {
            return error("ucast", line, "'" + peer + "' is an IPv6 address: ucast takes IPv4 (ucast6 is not"
                    + " implemented by Karabeat)");
        }
        if (Ipv4.looksNumeric(peer)) {
            Checked<Integer> address = Ipv4.parse(peer);
            if (!address.isOk()) {
                return error("ucast", line, address.error());
            }
            if (Ipv4.isUnusableForAHost(address.value())) {
                return error("ucast", line, peer + " is not a unicast address: expected the peer node's address");
            }
            return true;
        }
        if (!NetNames.isHostName(peer)) {
            return error("ucast", line, "'" + peer + "' is neither an IPv4 address nor a host name");
        }
        return true;
    }

    private boolean mcast(List<String> t, int line) {
        String usage = "expected 'mcast <interface> <group> <port> <ttl> <loop>', such as"
                + " 'mcast eth0 239.0.0.1 694 1 0'";
        if (t.isEmpty()) {
            return error("mcast", line, "missing everything: " + usage);
        }
        String dev = t.get(0);
        if (!interfaceName("mcast", dev, line)) {
            return false;
        }
        if (t.size() < 5) {
            String missing = List.of("multicast group", "port", "ttl", "loop").get(t.size() - 1);
            return error("mcast", line, "missing the " + missing + ": " + usage);
        }
        Checked<Integer> group = Ipv4.parse(t.get(1));
        if (!group.isOk()) {
            return error("mcast", line, group.error());
        }
        if (!Ipv4.isMulticast(group.value())) {
            return error("mcast", line, t.get(1) + " is not a multicast group: expected an address from"
                    + " 224.0.0.0 to 239.255.255.255, such as 239.0.0.1");
        }
        if ((group.value() & 0xffffff00) == 0xe0000000) {
            f.warning(line, "mcast", t.get(1) + " is in 224.0.0.0/24, reserved for routing protocols on the"
                    + " local network; use a group in 239.0.0.0/8");
        }
        Checked<Integer> port = WholeNumber.parse(t.get(2), 1, 65535);
        if (!port.isOk()) {
            return error("mcast", line, "port: " + port.error());
        }
        Checked<Integer> ttl = WholeNumber.parse(t.get(3), 0, 4);
        if (!ttl.isOk()) {
            return error("mcast", line, "ttl: " + ttl.error() + " (heartbeat refuses a ttl over 4)");
        }
        String loop = t.get(4);
        if (!loop.equals("0") && !loop.equals("1")) {
            return error("mcast", line, "loop: invalid value '" + loop + "': expected 0 or 1");
        }
        extraWords("mcast", t, 5, line);
        if (!count("mcast", line, true)) {
            return false;
        }
        s.cf.media.add(new McastMedium(line, dev, t.get(1), port.value(), ttl.value(), loop.equals("1")));
        return true;
    }

    private boolean ucast6(List<String> t, int line) {
        if (t.size() < 2) {
            return error("ucast6", line, "expected 'ucast6 <interface> <IPv6 peer address>'");
        }
        if (!interfaceName("ucast6", t.get(0), line)) {
            return false;
        }
        if (!isIpv6Literal(t.get(1))) {
            return error("ucast6", line, "'" + t.get(1) + "' is not an IPv6 address");
        }
        extraWords("ucast6", t, 2, line);
        return count("ucast6", line, false);
    }

    private boolean mcast6(List<String> t, int line) {
        if (t.size() < 5) {
            return error("mcast6", line, "expected 'mcast6 <interface> <IPv6 group> <port> <hops> <loop>'");
        }
        if (!interfaceName("mcast6", t.get(0), line)) {
            return false;
        }
        if (!isIpv6Literal(t.get(1)) || !Words.asciiLower(t.get(1)).startsWith("ff")) {
            return error("mcast6", line, "'" + t.get(1) + "' is not an IPv6 multicast group (ff00::/8)");
        }
        Checked<Integer> port = WholeNumber.parse(t.get(2), 1, 65535);
        if (!port.isOk()) {
            return error("mcast6", line, "port: " + port.error());
        }
        Checked<Integer> hops = WholeNumber.parse(t.get(3), 0, 4);
        if (!hops.isOk()) {
            return error("mcast6", line, "hops: " + hops.error() + " (heartbeat refuses more than 4)");
        }
        if (!t.get(4).equals("0") && !t.get(4).equals("1")) {
            return error("mcast6", line, "loop: invalid value '" + t.get(4) + "': expected 0 or 1");
        }
        extraWords("mcast6", t, 5, line);
        return count("mcast6", line, false);
    }

    private boolean pingGroup(List<String> t, int line) {
        if (t.size() < 2) {
            return error("ping_group", line, "expected 'ping_group <name> <host> ...' with at least one host");
        }
        for (String host : t.subList(1, t.size())) {
            if (!isIpv4OrHostName(host)) {
                return error("ping_group", line, "'" + host + "' is neither an IPv4 address nor a host name");
            }
        }
        return count("ping_group", line, false);
    }

    private boolean interfaceName(String directive, String name, int line) {
        if (Ipv4.looksNumeric(name) && name.indexOf('.') >= 0) {
            return error(directive, line, "'" + name + "' is an address where the interface name goes: the"
                    + " interface comes first, such as '" + directive + " eth0 ...'");
        }
        if (!NetNames.isInterfaceName(name)) {
            return error(directive, line, "'" + name + "' is not an interface name (at most 15 letters, digits"
                    + " and . _ - : @)");
        }
        return true;
    }

    private void extraWords(String directive, List<String> t, int from, int line) {
        if (t.size() > from) {
            f.warning(line, directive, "extra words ignored after the " + (from == 2 ? "peer" : "loop") + ": "
                    + String.join(" ", t.subList(from, t.size())));
        }
    }

    private boolean count(String directive, int line, boolean supported) {
        if (s.mediaLines.size() >= HaCfState.MAX_MEDIA) {
            return error(directive, line, "too many media: heartbeat allows at most " + HaCfState.MAX_MEDIA);
        }
        s.mediaLines.add(line);
        if (!supported) {
            s.unsupportedMediaLines.add(line);
        }
        return true;
    }

    private boolean error(String directive, int line, String message) {
        f.error(line, directive, message);
        return false;
    }

    private static boolean isIpv4OrHostName(String word) {
        return Ipv4.looksNumeric(word) ? Ipv4.parse(word).isOk() : NetNames.isHostName(word);
    }

    static boolean isIpv6Literal(String word) {
        int percent = word.indexOf('%');
        String address = percent < 0 ? word : word.substring(0, percent);
        if (address.indexOf(':') < 0 || !address.chars().allMatch(c -> c == ':' || c == '.'
                || Character.digit(c, 16) >= 0)) {
            return false;
        }
        try {
            // A string with a colon is parsed as a literal: no name lookup happens.
            return InetAddress.getByName(address) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
