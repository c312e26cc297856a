package org.karabeat.shell.commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.karabeat.api.ClusterService;
import org.karabeat.api.ClusterStatus;

@Service
@Command(scope = "hb", name = "status", description = "Show this node, its peers and the resource groups with their agents")
public class StatusCommand implements Action {

    @Reference
    private ClusterService cluster;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of tables")
    boolean json;

    @Option(name = "--no-format", description = "Plain tables, without terminal formatting")
    boolean noFormat;

    @Override
    public Object execute() {
        ClusterStatus status = cluster.status();
        if (json) {
            System.out.println(StatusJson.render(status));
        } else {
            StatusText.print(status, System.out, !noFormat);
        }
        return null;
    }
}
