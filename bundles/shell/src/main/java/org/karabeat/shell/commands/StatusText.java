package org.karabeat.shell.commands;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.apache.karaf.shell.support.table.ShellTable;
import org.karabeat.api.ClusterStatus;
import org.karabeat.api.ConfigFinding;
import org.karabeat.api.NodeState;
import org.karabeat.api.NodeStatus;
import org.karabeat.api.ResourceGroupStatus;
import org.karabeat.api.ResourceStatus;

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

        ShellTable nodes = new ShellTable();
        nodes.column("Node");
        nodes.column("Role");
        nodes.column("State");
        nodes.column("Last heard");
        for (NodeStatus n : s.nodes()) {
            String heard = n.local() ? "-" : n.lastHeard().map(WHEN::format).orElse("never");
            String state = n.state().word();
            if (!n.local() && n.state() == NodeState.UNKNOWN) {
                state += " (no cluster transport)";
            }
            nodes.addRow().addContent(n.name(), n.local() ? "local" : "peer", state, heard);
        }
        nodes.print(out, color);

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
}
