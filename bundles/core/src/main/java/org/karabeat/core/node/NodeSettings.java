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

    @AttributeDefinition(name = "Transport bind address",
            description = "This node's own address for ucast sockets; empty = the interface's first IPv4 address. "
                    + "Set it only when one host runs several nodes (127.0.0.2 for the second demo node)")
    String transport_bind() default "";

    @AttributeDefinition(name = "State directory",
            description = "Where hb_uuid and hb_generation are kept; the classic daemon's /var/lib/heartbeat, so a node "
                    + "can switch between the classic daemon and Karabeat")
    String state_directory() default "/var/lib/heartbeat";
}
