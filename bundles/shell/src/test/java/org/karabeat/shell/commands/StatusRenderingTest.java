package org.karabeat.shell.commands;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.json.JsonObject;
import javax.json.JsonReader;

import org.apache.johnzon.core.JsonProviderImpl;
import org.junit.Test;
import org.karabeat.api.ClusterStatus;
import org.karabeat.api.ConfigFinding;
import org.karabeat.api.NodeState;
import org.karabeat.api.NodeStatus;
import org.karabeat.api.ResourceGroupStatus;
import org.karabeat.api.ResourceState;
import org.karabeat.api.ResourceStatus;

public class StatusRenderingTest {

    record Node(String name, boolean local, NodeState state, Optional<Instant> lastHeard) implements NodeStatus {
    }

    record Resource(String spec, String type, List<String> arguments, Optional<String> agent, ResourceState state)
            implements ResourceStatus {
    }

    record Group(String key, String preferredNode, List<ResourceStatus> resources, String source)
            implements ResourceGroupStatus {
    }

    record Status(String clusterName, String localNode, String configDirectory, Instant startedAt,
            List<NodeStatus> nodes, List<ResourceGroupStatus> groups, List<ConfigFinding> configFindings)
            implements ClusterStatus {
    }

    private static final ClusterStatus SEED = new Status("linux-ha", "hb1", "/etc/ha.d", Instant.parse("2026-11-25T10:00:00Z"),
            List.of(new Node("hb1", true, NodeState.UP, Optional.empty()),
                    new Node("hb2", false, NodeState.UNKNOWN, Optional.empty())),
            List.of(new Group("IPaddr::192.0.2.200/24/ens160:0", "hb1", List.of(
                    new Resource("IPaddr::192.0.2.200/24/ens160:0", "IPaddr", List.of("192.0.2.200/24/ens160:0"),
                            Optional.of("org.karabeat.agent.ipaddr/0.1.0"), ResourceState.UNKNOWN),
                    new Resource("apache2", "apache2", List.of(), Optional.empty(), ResourceState.UNKNOWN)),
                    "haresources:1")),
            List.of(new ConfigFinding(ConfigFinding.Severity.WARNING, "/etc/ha.d/ha.cf", 4, "respawn",
                    "not implemented")));

    @Test
    public void textShowsNodesGroupsAgentsAndTypeMissing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StatusText.print(SEED, new PrintStream(out, true, StandardCharsets.UTF_8), false);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text, text.startsWith("Karabeat node hb1, cluster linux-ha, config /etc/ha.d, up since "));
        assertTrue(text, text.contains("/etc/ha.d/ha.cf:4: WARNING: respawn: not implemented"));
        assertTrue(text, text.contains("unknown (no cluster transport)"));
        assertTrue(text, text.contains("Group IPaddr::192.0.2.200/24/ens160:0  (preferred node hb1, haresources:1)"));
        assertTrue(text, text.contains("org.karabeat.agent.ipaddr/0.1.0"));
        assertTrue(text, text.contains("type missing"));
    }

    @Test
    public void jsonCarriesTheSameFields() {
        try (JsonReader r = new JsonProviderImpl().createReader(new StringReader(StatusJson.render(SEED)))) {
            JsonObject o = r.readObject();
            assertEquals("hb1", o.getString("localNode"));
            assertEquals("unknown", o.getJsonArray("nodes").getJsonObject(1).getString("state"));
            JsonObject apache = o.getJsonArray("groups").getJsonObject(0).getJsonArray("resources").getJsonObject(1);
            assertEquals(false, apache.getBoolean("bound"));
            assertTrue(apache.isNull("agent"));
            assertEquals("/etc/ha.d/ha.cf:4: WARNING: respawn: not implemented",
                    o.getJsonArray("configFindings").getJsonObject(0).getString("text"));
        }
    }
}
