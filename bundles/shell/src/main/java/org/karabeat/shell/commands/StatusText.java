package org.karabeat.shell.commands;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.apache.karaf.shell.support.table.ShellTable;
import org.karabeat.api.ClusterStatus;
import org.karabeat.api.ConfigFinding;
import org.karabeat.api.LinkStatus;
import org.karabeat.api.NodeState;
import org.karabeat.api.NodeStatus;
import org.karabeat.api.ResourceGroupStatus;
import org.karabeat.api.ResourceStatus;
import org.karabeat.api.TransportStatus;

/** Renders a {@link ClusterStatus} for people: one table of nodes, one per resource group. */
final class StatusText {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    /** Shown for an agent-less resource: it is reported, never silently skipped. */
    static final String TYPE_MISSING = "type missing";

    private StatusText() {
    }

    static void print(ClusterStatus s, PrintStream out, boolean color) {
        out.printf("Karabeat node %s, cluster %s, config %s, up since %s%n", s.localNode(), s.clusterName(),
                s.configDirectory().isEmpty() ? "(none found)" : s.configDirectory(), WHEN.format(s.startedAt()));
        for (ConfigFinding f : s.configFindings()) {
            out.println("  " + f);
        }
        out.println();

        printNodes(s, out, color);
        TransportStatus t = s.transport();
        if (!t.running()) {
            out.println("Heartbeat transport not running: peers cannot be seen (see the log).");
        }

        if (s.groups().isEmpty()) {
            out.println();
            out.println("No resource groups (haresources is empty or the configuration is invalid).");
            return;
        }
        for (ResourceGroupStatus g : s.groups()) {
            out.println();
            out.printf("Group %s  (preferred node %s, %s)%n", g.key(), g.preferredNode(), g.source());
            ShellTable resources = new ShellTable();
            resources.column("Resource");
            resources.column("Type");
            resources.column("Agent");
            resources.column("State");
            for (ResourceStatus r : g.resources()) {
                resources.addRow().addContent(r.spec(), r.type(), r.agent().orElse(TYPE_MISSING),
                        r.state().name().toLowerCase(java.util.Locale.ROOT));
            }
            resources.print(out, color);
        }
    }

    /** The nodes table shared by hb:status and hb:nodes. */
    static void printNodes(ClusterStatus s, PrintStream out, boolean color) {
        ShellTable nodes = new ShellTable();
        nodes.column("Node");
        nodes.column("Role");
        nodes.column("State");
        nodes.column("Links");
        nodes.column("Last heard");
        nodes.column("Late").alignRight();
        for (NodeStatus n : s.nodes()) {
            String heard = n.local() ? "-" : heard(n.lastHeard());
            String state = n.state().word();
            if (!n.local() && n.state() == NodeState.UNKNOWN && !s.transport().running()) {
                state += " (no transport)";
            }
            nodes.addRow().addContent(n.name(), n.local() ? "local" : "peer", state, links(n),
                    heard, n.local() ? "-" : String.valueOf(n.lateHeartbeats()));
        }
        nodes.print(out, color);
    }

    /** {@code eth0 up, eth1 dead}; {@code -} for the local node. */
    static String links(NodeStatus n) {
        if (n.local() || n.links().isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (LinkStatus l : n.links()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(l.name()).append(' ').append(l.state().word());
        }
        return sb.toString();
    }

    static String heard(Optional<Instant> when) {
        return when.map(t -> {
            long ms = Math.max(0, java.time.Duration.between(t, Instant.now()).toMillis());
            return WHEN.format(t) + String.format(java.util.Locale.ROOT, " (%.1f s ago)", ms / 1000.0);
        }).orElse("never");
    }
}
