package org.karabeat.shell.commands;

import javax.json.JsonArrayBuilder;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.karabeat.api.ClusterService;
import org.karabeat.api.ClusterStatus;
import org.karabeat.api.NodeStatus;

@Service
@Command(scope = "hb", name = "nodes", description = "Show every node of ha.cf with its membership state, generation, links and late heartbeats")
public class NodesCommand implements Action {

    @Reference
    private ClusterService cluster;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Option(name = "--no-format", description = "Plain table, without terminal formatting")
    boolean noFormat;

    @Override
    public Object execute() {
        ClusterStatus s = cluster.status();
        if (json) {
            JsonArrayBuilder nodes = Json.PROVIDER.createArrayBuilder();
            s.nodes().forEach(n -> nodes.add(StatusJson.node(n)));
            System.out.println(Json.pretty(nodes.build()));
            return null;
        }
        ShellTable t = new ShellTable();
        t.column("Node");
        t.column("Role");
        t.column("State");
        t.column("Generation");
        t.column("Links");
        t.column("Last heard");
        t.column("Late").alignRight();
        for (NodeStatus n : s.nodes()) {
            String generation = n.local() ? hex(s.transport().generation())
                    : n.generation().isPresent() ? hex(n.generation().getAsLong()) : "-";
            t.addRow().addContent(n.name(), n.local() ? "local" : "peer", n.state().word(), generation,
                    StatusText.links(n), n.local() ? "-" : StatusText.heard(n.lastHeard()),
                    n.local() ? "-" : String.valueOf(n.lateHeartbeats()));
        }
        t.print(System.out, !noFormat);
        return null;
    }

    /** Generations as heartbeat writes them on the wire ({@code hg=6b070d5f}), with the decimal of hb_generation. */
    private static String hex(long g) {
        return g == 0 ? "-" : Long.toHexString(g) + " (" + g + ")";
    }
}
