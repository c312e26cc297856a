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
import org.karabeat.api.LinkStatus;
import org.karabeat.api.NodeStatus;

@Service
@Command(scope = "hb", name = "links", description = "Show each link (medium) to each peer: state and when it was last heard")
public class LinksCommand implements Action {

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
            JsonArrayBuilder out = Json.PROVIDER.createArrayBuilder();
            for (NodeStatus n : s.nodes()) {
                for (LinkStatus l : n.links()) {
                    out.add(StatusJson.link(l).add("node", n.name()));
                }
            }
            System.out.println(Json.pretty(out.build()));
            return null;
        }
        ShellTable t = new ShellTable();
        t.column("Node");
        t.column("Link");
        t.column("State");
        t.column("Last heard");
        for (NodeStatus n : s.nodes()) {
            for (LinkStatus l : n.links()) {
                t.addRow().addContent(n.name(), l.name(), l.state().word(), StatusText.heard(l.lastHeard()));
            }
        }
        t.print(System.out, !noFormat);
        if (!s.transport().running()) {
            System.out.println("Heartbeat transport not running: no link can be seen (see the log).");
        }
        return null;
    }
}
