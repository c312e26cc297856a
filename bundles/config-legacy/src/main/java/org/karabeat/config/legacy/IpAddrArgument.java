package org.karabeat.config.legacy;

import java.util.Optional;

/**
 * The argument of {@code IPaddr} and {@code IPaddr2}: {@code ip[/bits[/nic[:label][/broadcast]]]}, as the
 * resource.d wrappers split it (a third field starting with a digit is the broadcast address). The netmask may
 * also be written as a dotted quad, as the OCF agents accept.
 *
 * @param line      the haresources line
 * @param resource  the resource as written, for messages
 * @param address   the IPv4 address
 * @param bits      the prefix length, or -1 when not given
 * @param nic       the interface, without label, or null when not given
 * @param label     the alias label after {@code :}, or null
 * @param broadcast the broadcast address, or null when not given
 */
record IpAddrArgument(int line, String resource, int address, int bits, String nic, String label,
        Integer broadcast) {

    private static final String SYNTAX = "expected <ip>[/<bits>[/<interface>[:<label>][/<broadcast>]]],"
            + " such as 192.0.2.10/24/eth0:0";

    /** Checks {@code argument}; problems are reported on {@code f} under the resource's name. */
    static Optional<IpAddrArgument> check(String argument, String resource, int line, Findings f) {
        String[] parts = argument.split("/", -1);
        if (parts.length > 4) {
            return error(f, line, resource, "too many '/' fields: " + SYNTAX);
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return error(f, line, resource, "empty field between '/': " + SYNTAX);
            }
        }
        Checked<Integer> ip = Ipv4.parse(parts[0]);
        if (!ip.isOk()) {
            return error(f, line, resource, ip.error());
        }
        int address = ip.value();
        if (Ipv4.isUnusableForAHost(address)) {
            return error(f, line, resource, parts[0] + " cannot be a service address (it is in network 0,"
                    + " multicast or reserved space)");
        }
        if (Ipv4.isLoopback(address)) {
            f.warning(line, resource, parts[0] + " is a loopback address: other hosts cannot reach it");
        }
        int bits = -1;
        if (parts.length > 1) {
            bits = bits(parts[1], resource, line, f);
            if (bits < 0) {
                return Optional.empty();
            }
        }
        String nic = null;
        String label = null;
        String broadcastField = null;
        if (parts.length > 2) {
            String third = parts[2];
            if (Character.isDigit(third.charAt(0))) {
                if (parts.length > 3) {
                    return error(f, line, resource, "nothing may follow the broadcast address: " + SYNTAX);
                }
                broadcastField = third;
            } else {
                int colon = third.indexOf(':');
                nic = colon < 0 ? third : third.substring(0, colon);
                label = colon < 0 ? null : third.substring(colon + 1);
                if (!interfaceOk(third, nic, label, resource, line, f)) {
                    return Optional.empty();
                }
                broadcastField = parts.length > 3 ? parts[3] : null;
            }
        }
        Integer broadcast = null;
        if (broadcastField != null) {
            Checked<Integer> b = Ipv4.parse(broadcastField);
            if (!b.isOk()) {
                return error(f, line, resource, "broadcast: " + b.error());
            }
            broadcast = b.value();
        }
        if (bits > 0 && bits <= 30 && !hostPartOk(address, bits, parts[0], resource, line, f)) {
            return Optional.empty();
        }
        if (broadcast != null && bits > 0 && bits <= 30) {
            int expected = address | ~Ipv4.mask(bits);
            if (broadcast != expected) {
                return error(f, line, resource, "broadcast " + Ipv4.format(broadcast) + " does not match "
                        + parts[0] + "/" + bits + " (its broadcast address is " + Ipv4.format(expected)
                        + "): IPaddr refuses a different one");
            }
        }
        return Optional.of(new IpAddrArgument(line, resource, address, bits, nic, label, broadcast));
    }

    /** The interface label as the kernel shows it ({@code eth0:0}), or the interface, or null. */
    String interfaceWithLabel() {
        return nic == null ? null : label == null ? nic : nic + ":" + label;
    }

    private static int bits(String field, String resource, int line, Findings f) {
        if (field.chars().allMatch(Character::isDigit)) {
            Checked<Integer> n = WholeNumber.parse(field, 1, 32);
            if (!n.isOk()) {
                f.error(line, resource, "netmask bits: " + n.error());
                return -1;
            }
            return n.value();
        }
        Checked<Integer> mask = Ipv4.parse(field);
        int bits = mask.isOk() ? Ipv4.prefixLength(mask.value()) : -1;
        if (bits <= 0) {
            f.error(line, resource, "'" + field + "' is not a netmask: expected a number of bits from 1 to 32"
                    + " (such as 24) or a dotted netmask (such as 255.255.255.0)");
            return -1;
        }
        return bits;
    }

    private static boolean interfaceOk(String field, String nic, String label, String resource, int line,
            Findings f) {
        if (!NetNames.isInterfaceName(nic) || nic.indexOf(':') >= 0) {
            f.error(line, resource, "'" + nic + "' is not an interface name (letters, digits and . _ - @)");
            return false;
        }
        if (label != null && label.isEmpty()) {
            f.error(line, resource, "nothing after the colon of '" + field + "': write a label, such as " + nic
                    + ":0, or no colon");
            return false;
        }
        if (label != null && !label.matches("[A-Za-z0-9_-]+")) {
            f.error(line, resource, "'" + label + "' is not an interface label: expected letters, digits, _ or -"
                    + " after the colon, such as eth0:0");
            return false;
        }
        if (field.length() > 15) {
            f.error(line, resource, "'" + field + "' is longer than 15 characters, the most Linux allows for an"
                    + " interface label");
            return false;
        }
        return true;
    }

    private static boolean hostPartOk(int address, int bits, String written, String resource, int line,
            Findings f) {
        int hostMask = ~Ipv4.mask(bits);
        if ((address & hostMask) == 0) {
            f.error(line, resource, written + " is the network address of " + written + "/" + bits
                    + ", not a host address");
            return false;
        }
        if ((address & hostMask) == hostMask) {
            f.error(line, resource, written + " is the broadcast address of its /" + bits
                    + " network, not a host address");
            return false;
        }
        return true;
    }

    private static Optional<IpAddrArgument> error(Findings f, int line, String resource, String message) {
        f.error(line, resource, message);
        return Optional.empty();
    }
}
