package org.karabeat.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** One operation on one resource, as passed by the node to a {@link ResourceAgent}. */
@ProviderType
public interface ResourceRequest {

    /** The resource type, e.g. {@code IPaddr}. */
    String type();

    /**
     * The positional arguments, the {@code ::}-separated words after the type in {@code haresources}
     * ({@code IPaddr::192.0.2.10/24/eth0} gives {@code ["192.0.2.10/24/eth0"]}).
     */
    List<String> arguments();

    /**
     * Named parameters: the arguments mapped to the parameter names of the agent's meta-data, in order,
     * plus any {@code name=value} argument given as such.
     */
    Map<String, String> parameters();

    /** A stable identifier of this resource on this node (the {@code haresources} spec). */
    String resourceId();

    /** The name of the node running the operation. */
    String localNode();

    /** How long the operation may take before the caller interrupts it. */
    Duration timeout();

    /**
     * The environment a classic resource script would see ({@code HA_CURHOST}, {@code HA_DIR},
     * {@code HA_<directive>}, {@code OCF_ROOT}, ...), for agents that run scripts.
     */
    Map<String, String> environment();
}
