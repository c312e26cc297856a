package org.karabeat.api;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** One cluster node in a {@link ClusterStatus}. */
@ProviderType
public interface NodeStatus {

    /** The node name as written in {@code ha.cf} (lower case). */
    String name();

    /** True for the node this snapshot was taken on. */
    boolean local();

    /** Membership state. */
    NodeState state();

    /** When a message from this node was last received; empty if never (always empty for the local node). */
    Optional<Instant> lastHeard();
}
