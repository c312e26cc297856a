package org.karabeat.shell.control;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the local control socket {@code bin/karabeat status|shell} talks to. */
@ObjectClassDefinition(name = "Karabeat control socket",
        description = "Local Unix socket for bin/karabeat status and shell; only the node's own user and root may use it")
public @interface ControlSettings {

    String PID = "org.karabeat.control";

    @AttributeDefinition(name = "Socket path", description = "Empty = ${karaf.data}/karabeat.sock")
    String socket_path() default "";

    @AttributeDefinition(name = "Command timeout", description = "Seconds a command may run before it is interrupted")
    int command_timeout_seconds() default 120;
}
