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
}
