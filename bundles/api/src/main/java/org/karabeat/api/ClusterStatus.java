package org.karabeat.api;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** An immutable snapshot of one node's view of the cluster, as returned by {@link ClusterService#status()}. */
@ProviderType
public interface ClusterStatus {

    /** The cluster name ({@code cluster} directive of {@code ha.cf}, default {@code linux-ha}). */
    String clusterName();

    /** This node's name: {@code uname -n}, lower-cased as the classic daemon does, unless overridden. */
    String localNode();

    /** The configuration directory this node was started from (the one holding {@code ha.cf}). */
    String configDirectory();

    /** When this node started. */
    Instant startedAt();

    /** Every node of {@code ha.cf}, the local node first, then the peers in configuration order. */
    List<NodeStatus> nodes();

    /** The {@code haresources} groups, in file order. */
    List<ResourceGroupStatus> groups();

    /**
     * What the node found wrong in its files when it loaded them: warnings, and errors when the
     * configuration is invalid (then {@link #groups()} is empty and nothing is started).
     */
    List<ConfigFinding> configFindings();

    /** The heartbeat transport of this node. */
    TransportStatus transport();
}
