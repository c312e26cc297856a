package org.karabeat.shell.commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.karabeat.api.ResourceTypes;

@Service
@Command(scope = "hb", name = "load-type",
        description = "Load a resource or fencing agent into the running node: a bundle (mvn:..., file:...) or a feature name. "
                + "A bundle already installed is upgraded in place.")
public class LoadTypeCommand implements Action {

    @Reference
    private ResourceTypes types;

    @Argument(index = 0, name = "location", required = true,
            description = "mvn:group/artifact/version, file:/path/agent.jar, or a feature name[/version]")
    String location;

    @Override
    public Object execute() {
        System.out.println(types.load(location));
        return null;
    }
}
