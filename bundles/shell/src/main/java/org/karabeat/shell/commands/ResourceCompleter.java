package org.karabeat.shell.commands;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.karabeat.api.ClusterService;

/** Completes the resources of haresources. */
@Service
public class ResourceCompleter implements Completer {

    @Reference
    private ClusterService cluster;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        cluster.status().groups().forEach(g -> g.resources().forEach(r -> delegate.getStrings().add(r.spec())));
        return delegate.complete(session, commandLine, candidates);
    }
}
