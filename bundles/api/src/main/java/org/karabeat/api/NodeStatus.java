package org.karabeat.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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

    /** One entry per medium of {@code ha.cf}, in file order; empty for the local node. */
    List<LinkStatus> links();

    /** How many of this node's heartbeats arrived later than {@code warntime} since it was last (re)started. */
    int lateHeartbeats();

    /** The node's generation ({@code hg}) as last seen; it grows by one at each restart of that node. */
    OptionalLong generation();
}
