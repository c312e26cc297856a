package org.karabeat.core.status;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.karabeat.api.ClusterStatus;
import org.karabeat.api.ConfigFinding;
import org.karabeat.api.LinkState;
import org.karabeat.api.LinkStatus;
import org.karabeat.api.NodeState;
import org.karabeat.api.NodeStatus;
import org.karabeat.api.ResourceGroupStatus;
import org.karabeat.api.ResourceState;
import org.karabeat.api.ResourceStatus;
import org.karabeat.api.TransportStatus;

/** Immutable implementations of the API's status types; built by the core thread, read by anyone. */
public final class Snapshots {

    private Snapshots() {
    }

    public record Cluster(String clusterName, String localNode, String configDirectory, Instant startedAt,
            List<NodeStatus> nodes, List<ResourceGroupStatus> groups, List<ConfigFinding> configFindings,
            TransportStatus transport) implements ClusterStatus {
        public Cluster {
            nodes = List.copyOf(nodes);
            groups = List.copyOf(groups);
            configFindings = List.copyOf(configFindings);
        }
    }

    public record Node(String name, boolean local, NodeState state, Optional<Instant> lastHeard,
            List<LinkStatus> links, int lateHeartbeats, OptionalLong generation) implements NodeStatus {
        public Node {
            links = List.copyOf(links);
        }
    }

    public record Link(String name, LinkState state, Optional<Instant> lastHeard) implements LinkStatus {
    }

    public record Transport(boolean running, String uuid, long generation, Map<String, Long> counters)
            implements TransportStatus {
        public static final Transport NONE = new Transport(false, "", 0, Map.of());

        public Transport {
            counters = Collections.unmodifiableMap(new TreeMap<>(counters)); // sorted: stable output
        }
    }

    public record Group(String key, String preferredNode, List<ResourceStatus> resources, String source)
            implements ResourceGroupStatus {
        public Group {
            resources = List.copyOf(resources);
        }
    }

    public record Resource(String spec, String type, List<String> arguments, Optional<String> agent,
            ResourceState state) implements ResourceStatus {
        public Resource {
            arguments = List.copyOf(arguments);
        }
    }
}
