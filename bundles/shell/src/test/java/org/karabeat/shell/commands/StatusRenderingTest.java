package org.karabeat.shell.commands;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import javax.json.JsonObject;
import javax.json.JsonReader;

import org.apache.johnzon.core.JsonProviderImpl;
import org.junit.Test;
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

public class StatusRenderingTest {

    record Node(String name, boolean local, NodeState state, Optional<Instant> lastHeard, List<LinkStatus> links,
            int lateHeartbeats, OptionalLong generation) implements NodeStatus {
    }

    record Link(String name, LinkState state, Optional<Instant> lastHeard) implements LinkStatus {
    }

    record Transport(boolean running, String uuid, long generation, Map<String, Long> counters)
            implements TransportStatus {
    }

    record Resource(String spec, String type, List<String> arguments, Optional<String> agent, ResourceState state)
            implements ResourceStatus {
    }

    record Group(String key, String preferredNode, List<ResourceStatus> resources, String source)
            implements ResourceGroupStatus {
    }

    record Status(String clusterName, String localNode, String configDirectory, Instant startedAt,
            List<NodeStatus> nodes, List<ResourceGroupStatus> groups, List<ConfigFinding> configFindings,
            TransportStatus transport) implements ClusterStatus {
    }

    private static final ClusterStatus SEED = new Status("linux-ha", "hb1", "/etc/ha.d", Instant.parse("2026-11-25T10:00:00Z"),
            List.of(new Node("hb1", true, NodeState.ACTIVE, Optional.empty(), List.of(), 0, OptionalLong.empty()),
                    new Node("hb2", false, NodeState.ACTIVE, Optional.of(Instant.parse("2026-11-25T10:00:05Z")),
                            List.of(new Link("ens160", LinkState.UP, Optional.of(Instant.parse("2026-11-25T10:00:05Z"))),
                                    new Link("ens192", LinkState.DEAD, Optional.of(Instant.parse("2026-11-25T09:59:05Z")))),
                            2, OptionalLong.of(0x6b070d60L))),
            List.of(new Group("IPaddr::192.0.2.200/24/ens160:0", "hb1", List.of(
                    new Resource("IPaddr::192.0.2.200/24/ens160:0", "IPaddr", List.of("192.0.2.200/24/ens160:0"),
                            Optional.of("org.karabeat.agent.ipaddr/0.1.0"), ResourceState.UNKNOWN),
                    new Resource("apache2", "apache2", List.of(), Optional.empty(), ResourceState.UNKNOWN)),
                    "haresources:1")),
            List.of(new ConfigFinding(ConfigFinding.Severity.WARNING, "/etc/ha.d/ha.cf", 4, "respawn",
                    "not implemented")),
            new Transport(true, "36f7280a-06ad-43ec-a241-45c6b6ac2110", 0x6b070d5fL,
                    Map.of("sent", 12L, "dropped.bad-digest", 1L)));

    private static final ClusterStatus NO_TRANSPORT = new Status("linux-ha", "hb1", "/etc/ha.d",
            Instant.parse("2026-11-25T10:00:00Z"),
            List.of(new Node("hb1", true, NodeState.UP, Optional.empty(), List.of(), 0, OptionalLong.empty()),
                    new Node("hb2", false, NodeState.UNKNOWN, Optional.empty(), List.of(), 0, OptionalLong.empty())),
            List.of(), List.of(), new Transport(false, "", 0, Map.of()));

    @Test
    public void textShowsNodesGroupsAgentsAndTypeMissing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StatusText.print(SEED, new PrintStream(out, true, StandardCharsets.UTF_8), false);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text, text.startsWith("Karabeat node hb1, cluster linux-ha, config /etc/ha.d, up since "));
        assertTrue(text, text.contains("/etc/ha.d/ha.cf:4: WARNING: respawn: not implemented"));
        assertTrue(text, text.contains("ens160 up, ens192 dead"));
        assertTrue(text, text.contains("Group IPaddr::192.0.2.200/24/ens160:0  (preferred node hb1, haresources:1)"));
        assertTrue(text, text.contains("org.karabeat.agent.ipaddr/0.1.0"));
        assertTrue(text, text.contains("type missing"));
    }

    @Test
    public void withoutTransportPeersAreUnknownAndTheReasonIsSaid() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StatusText.print(NO_TRANSPORT, new PrintStream(out, true, StandardCharsets.UTF_8), false);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text, text.contains("unknown (no transport)"));
        assertTrue(text, text.contains("Heartbeat transport not running"));
    }

    @Test
    public void jsonCarriesTheSameFields() {
        try (JsonReader r = new JsonProviderImpl().createReader(new StringReader(StatusJson.render(SEED)))) {
            JsonObject o = r.readObject();
            assertEquals("hb1", o.getString("localNode"));
            JsonObject hb2 = o.getJsonArray("nodes").getJsonObject(1);
            assertEquals("active", hb2.getString("state"));
            assertEquals(2, hb2.getInt("lateHeartbeats"));
            assertEquals(0x6b070d60L, hb2.getJsonNumber("generation").longValue());
            assertEquals("dead", hb2.getJsonArray("links").getJsonObject(1).getString("state"));
            assertEquals("2026-11-25T10:00:05Z", hb2.getJsonArray("links").getJsonObject(0).getString("lastHeard"));
            assertEquals(1, o.getJsonObject("transport").getJsonObject("counters").getInt("dropped.bad-digest"));
            JsonObject apache = o.getJsonArray("groups").getJsonObject(0).getJsonArray("resources").getJsonObject(1);
            assertEquals(false, apache.getBoolean("bound"));
            assertTrue(apache.isNull("agent"));
            assertEquals("/etc/ha.d/ha.cf:4: WARNING: respawn: not implemented",
                    o.getJsonArray("configFindings").getJsonObject(0).getString("text"));
        }
    }
}
