package org.karabeat.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The running node, as seen by operators and tools. Implemented by {@code karabeat-core}, one instance
 * per node.
 * <p>
 * Operations that move resources (failover, standby, takeover) arrive with the resource manager; this
 * version only reports.
 */
@ProviderType
public interface ClusterService {

    /**
     * A consistent snapshot of the node, its peers and its resource groups, taken now. The returned
     * object never changes; call again for fresh data.
     */
    ClusterStatus status();

    /**
     * Runs one operation on one resource of {@code haresources} on this node now, through the agent of its
     * type, outside any placement decision: for administrators (maintenance, checking an agent) and tests.
     * Operations on one resource run one at a time, in order; each is interrupted at its timeout (the agent's
     * meta-data timeout for the action, else 20 s). If the type has no agent yet, waits for one until that
     * timeout (an agent being upgraded comes back).
     *
     * @param resource the resource spec as in {@code haresources} (e.g. {@code Dummy::/run/x.state})
     * @throws IllegalArgumentException when no resource of {@code haresources} has that spec
     */
    OperationResult runOperation(String resource, ResourceOperation operation);
}
