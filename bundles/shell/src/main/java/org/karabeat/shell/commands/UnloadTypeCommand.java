package org.karabeat.shell.commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.karabeat.api.ResourceTypes;

@Service
@Command(scope = "hb", name = "unload-type",
        description = "Remove the agent providing a type; refused while a resource of its types is started here")
public class UnloadTypeCommand implements Action {

    @Reference
    private ResourceTypes types;

    @Argument(index = 0, name = "type", required = true, description = "A type the agent provides, e.g. Dummy")
    @Completion(TypeCompleter.class)
    String type;

    @Option(name = "-f", aliases = "--force", description = "Stop this node's started resources of its types first")
    boolean force;

    @Override
    public Object execute() {
        System.out.println(types.unload(type, force));
        return null;
    }
}
