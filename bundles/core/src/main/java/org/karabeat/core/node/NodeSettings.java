package org.karabeat.core.node;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Karabeat's own per-node settings, in {@code etc/org.karabeat.node.cfg}; everything cluster-wide stays in
 * the classic files so they remain valid for the classic daemon.
 */
@ObjectClassDefinition(name = "Karabeat node", description = "Per-node settings that have no place in ha.cf")
public @interface NodeSettings {

    String PID = "org.karabeat.node";

    @AttributeDefinition(name = "Node name",
            description = "The name this node runs as; empty = uname -n, lower-cased (as the classic daemon)")
    String node_name() default "";

    @AttributeDefinition(name = "Configuration directory",
            description = "Directory holding ha.cf, authkeys and haresources; empty = /etc/ha.d or /etc/heartbeat. "
                    + "$KARABEAT_CONF, when set, wins over this setting")
    String ha_directory() default "";

    @AttributeDefinition(name = "Syslog socket", description = "The local syslog datagram socket for logfacility")
    String syslog_socket() default "/dev/log";
}
