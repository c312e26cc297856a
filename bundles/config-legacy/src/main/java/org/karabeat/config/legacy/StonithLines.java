package org.karabeat.config.legacy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stonith <type> <config-file>} and {@code stonith_host <from|*> <type> <param> ...}, read as
 * heartbeat reads them (fencing-notes §1.1) and kept as fencing-notes §5.1 asks: a {@code stonith_host}
 * line for another node is skipped before anything else is looked at, and every accepted line is kept, in
 * order. Parameters are never printed: they usually hold a password.
 */
final class StonithLines {

    /** The plugin types cluster-glue ships on Debian ({@code stonith -L}, fencing-notes §1.2). */
    static final List<String> KNOWN_TYPES = List.of("apcmaster", "apcmastersnmp", "apcsmart", "baytech",
            "bladehpi", "cyclades", "drac3", "external/drac5", "external/dracmc-telnet", "external/hetzner",
            "external/hmchttp", "external/ibmrsa", "external/ibmrsa-telnet", "external/ipmi",
            "external/ippower9258", "external/kdumpcheck", "external/libvirt", "external/nut",
            "external/rackpdu", "external/riloe", "external/ssh", "external/vcenter", "external/vmware",
            "external/xen0", "external/xen0-ha", "ibmhmc", "ipmilan", "meatware", "null", "nw_rpc100s",
            "rcd_serial", "rps10", "ssh", "suicide", "wti_mpc", "wti_nps");

    /** Positional parameter names of the types whose list is known (fencing-notes §1.2). */
    private static final Map<String, List<String>> PARAMETERS = Map.of(
            "external/ipmi", List.of("hostname", "ipaddr", "userid", "passwd", "interface"),
            "ipmilan", List.of("hostname", "ipaddr", "port", "auth", "priv", "login", "password", "reset_method"),
            "external/libvirt", List.of("hostlist", "hypervisor_uri", "reboot_method"),
            "external/ssh", List.of("hostlist"),
            "ssh", List.of("hostlist"),
            "meatware", List.of("hostlist"),
            "null", List.of("hostlist"));

    private final HaCfState s;
    private final Findings f;

    StonithLines(HaCfState state) {
        this.s = state;
        this.f = state.findings;
    }

    boolean stonith(String rest, int line) {
        List<String> t = Words.split(rest, Words.WHITESPACE);
        if (t.isEmpty()) {
            return error("stonith", line, "missing the STONITH type and configuration file: expected"
                    + " 'stonith <type> <config-file>'");
        }
        String type = t.get(0);
        if (!knownType("stonith", type, line)) {
            return false;
        }
        String file = Words.skip(Words.skip(rest, Words.WHITESPACE).substring(type.length()), Words.WHITESPACE).strip();
        if (file.isEmpty()) {
            return error("stonith", line, "missing the configuration file after the type: expected"
                    + " 'stonith <type> <config-file>'");
        }
        s.cf.stonith.add(new StonithDirective(line, StonithDirective.Kind.STONITH, "*", type, List.of(),
                Optional.of(file)));
        return true;
    }

    boolean stonithHost(String rest, int line) {
        List<String> t = Words.split(rest, Words.WHITESPACE);
        if (t.isEmpty()) {
            return error("stonith_host", line, "missing everything: expected 'stonith_host <node|*> <type>"
                    + " <param> ...'");
        }
        String from = Words.asciiLower(t.get(0));
        if (from.length() > HaCfState.MAX_NODE_NAME) {
            return error("stonith_host", line, "node name longer than " + HaCfState.MAX_NODE_NAME
                    + " characters");
        }
        s.stonithHostFroms.put(line, from);
        if (!from.equals("*") && !from.equals(s.localNode)) {
            // For another node: heartbeat returns before reading further, and so do we.
            return true;
        }
        if (t.size() < 2) {
            return error("stonith_host", line, "missing the STONITH type after '" + t.get(0)
                    + "': expected 'stonith_host <node|*> <type> <param> ...'");
        }
        String type = t.get(1);
        if (!knownType("stonith_host", type, line)) {
            return false;
        }
        List<String> parameters = t.subList(2, t.size());
        List<String> names = PARAMETERS.get(type);
        if (names != null && parameters.size() < names.size()) {
            return error("stonith_host", line, type + " takes " + names.size() + " parameters ("
                    + String.join(" ", names) + "), this line gives " + parameters.size()
                    + ": heartbeat refuses it (Invalid STONITH -p parameter)");
        }
        s.cf.stonith.add(new StonithDirective(line, StonithDirective.Kind.STONITH_HOST, from, type, parameters,
                Optional.empty()));
        return true;
    }

    private boolean knownType(String directive, String type, int line) {
        if (KNOWN_TYPES.contains(type) || (type.startsWith("rhcs/") && type.length() > 5)) {
            return true;
        }
        return error(directive, line, "unknown STONITH type '" + type + "': heartbeat refuses a type"
                + " cluster-glue does not provide ('stonith -L' lists them: external/ipmi, external/libvirt,"
                + " meatware, null, ...)");
    }

    private boolean error(String directive, int line, String message) {
        f.error(line, directive, message);
        return false;
    }
}
