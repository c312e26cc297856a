package org.karabeat.shell.commands;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.karabeat.api.ResourceTypes;

/** Completes the types agents provide now. */
@Service
public class TypeCompleter implements Completer {

    @Reference
    private ResourceTypes types;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        types.types().forEach(t -> delegate.getStrings().add(t.type()));
        return delegate.complete(session, commandLine, candidates);
    }
}
