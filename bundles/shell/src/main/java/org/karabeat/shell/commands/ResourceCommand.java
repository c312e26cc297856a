package org.karabeat.shell.commands;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.karabeat.api.ClusterService;
import org.karabeat.api.OperationResult;
import org.karabeat.api.ResourceOperation;

@Service
@Command(scope = "hb", name = "resource",
        description = "Run one operation on one resource on this node now (maintenance; the cluster does not move it)")
public class ResourceCommand implements Action {

    @Reference
    private ClusterService cluster;

    @Argument(index = 0, name = "operation", required = true, description = "start, stop, status, monitor or validate")
    @Completion(values = {"start", "stop", "status", "monitor", "validate"}, value = StringsCompleter.class)
    String operation;

    @Argument(index = 1, name = "resource", required = true, description = "The resource as in haresources, e.g. IPaddr::192.0.2.10/24/eth0")
    @Completion(ResourceCompleter.class)
    String resource;

    @Override
    public Object execute() {
        ResourceOperation op;
        try {
            op = ResourceOperation.valueOf(operation.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown operation " + operation + ": use start, stop, status, monitor or validate");
        }
        OperationResult r = cluster.runOperation(resource, op);
        String line = String.format("%s %s: %s%s (%d ms), now %s", r.resource(), operation.toLowerCase(Locale.ROOT),
                r.code(), r.message().isEmpty() ? "" : " " + r.message(), r.duration().toMillis(),
                r.state().name().toLowerCase(Locale.ROOT));
        if (!r.succeeded()) {
            throw new IllegalStateException(line);
        }
        System.out.println(line);
        return null;
    }
}
