package org.karabeat.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.json.JsonObject;
import javax.json.JsonReader;

import org.karabeat.api.ClusterEvent;
import org.karabeat.api.ClusterEventListener;
import org.karabeat.api.ClusterStatus;
import org.karabeat.api.NodeState;
import org.karabeat.api.ResourceGroupStatus;
import org.karabeat.api.ResourceStatus;
import org.karabeat.spi.AgentResult;
import org.karabeat.spi.ResourceAgent;
import org.karabeat.spi.ResourceRequest;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * The assembled distribution in a real Karaf: every Karabeat bundle resolves and starts from the features
 * installed at build time, the node loads a configuration directory, {@code hb:status} answers, and a
 * resource agent registered later is bound at once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafNodeIT extends KarafTestSupport {

    @Configuration
    public Option[] config() throws Exception {
        Path base = Path.of("target", "pax-exam-config").toAbsolutePath();
        Path conf = TestCluster.write(base.resolve("ha.d"), TestCluster.haCf(base.resolve("log")),
                TestCluster.HARESOURCES);
        Path bad = base.resolve("bad.d");
        TestCluster.write(bad, "node hb1 hb2\nkepalive 2\nucast lo 127.0.0.2\n", TestCluster.HARESOURCES);
        return node(conf, systemProperty("karabeat.test.bad").value(bad.toString()));
    }

    @Test
    public void everyKarabeatBundleIsActive() {
        List<String> names = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().startsWith("org.karabeat.")) {
                names.add(b.getSymbolicName());
                assertEquals(b.getSymbolicName() + " state", Bundle.ACTIVE, b.getState());
            }
        }
        assertTrue(names.toString(), names.containsAll(List.of("org.karabeat.api", "org.karabeat.spi",
                "org.karabeat.config-legacy", "org.karabeat.core", "org.karabeat.shell")));
    }

    @Test
    public void statusShowsTheNodeItsPeerAndTheGroupWithMissingTypes() {
        ClusterStatus s = cluster.status();
        assertEquals("hb1", s.localNode());
        assertEquals(2, s.nodes().size());
        assertEquals("hb1", s.nodes().get(0).name());
        assertTrue(s.nodes().get(0).local());
        assertEquals("hb2", s.nodes().get(1).name());
        // the transport runs but hb2 does not exist: init until initdead, then dead; never heard either way
        NodeState peer = s.nodes().get(1).state();
        assertTrue("hb2 is " + peer, peer == NodeState.INIT || peer == NodeState.DEAD);
        assertTrue(s.nodes().get(1).lastHeard().isEmpty());
        assertEquals(1, s.groups().size());
        ResourceGroupStatus g = s.groups().get(0);
        assertEquals("IPaddr::192.0.2.200/24/lo:0", g.key());
        assertEquals("hb1", g.preferredNode());
        assertEquals(List.of("IPaddr", "apache2"), g.resources().stream().map(ResourceStatus::type).toList());
        assertTrue("no agent is installed yet", g.resources().stream().allMatch(r -> r.agent().isEmpty()));
        assertTrue("the seed configuration has no warnings: " + s.configFindings(), s.configFindings().isEmpty());
    }

    @Test
    public void hbStatusCommandPrintsTablesAndJson() throws Exception {
        String text = shell("hb:status");
        assertTrue(text, text.contains("hb1"));
        assertTrue(text, text.contains("hb2"));
        assertTrue(text, text.contains("IPaddr::192.0.2.200/24/lo:0"));
        assertTrue(text, text.contains("type missing"));

        String json = shell("hb:status --json");
        try (JsonReader r = new org.apache.johnzon.core.JsonProviderImpl().createReader(new StringReader(json))) {
            JsonObject o = r.readObject();
            assertEquals("hb1", o.getString("localNode"));
            assertEquals("apache2", o.getJsonArray("groups").getJsonObject(0).getJsonArray("resources")
                    .getJsonObject(1).getString("type"));
            assertFalse(o.getJsonArray("groups").getJsonObject(0).getJsonArray("resources").getJsonObject(1)
                    .getBoolean("bound"));
        }
    }

    @Test
    public void anAgentRegisteredLaterIsBoundAtOnceAndUnboundWhenItGoes() throws Exception {
        BlockingQueue<ClusterEvent> events = new LinkedBlockingQueue<>();
        ServiceRegistration<ClusterEventListener> listener = context.registerService(ClusterEventListener.class,
                events::add, null);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(ResourceAgent.TYPE, new String[] {"apache2"});
        ServiceRegistration<ResourceAgent> agent = context.registerService(ResourceAgent.class, new NullAgent(), props);
        try {
            ClusterEvent bound = events.poll(10, TimeUnit.SECONDS);
            assertTrue("AGENT_BOUND event expected, got " + bound,
                    bound != null && bound.type() == ClusterEvent.Type.AGENT_BOUND && bound.subject().equals("apache2"));
            ResourceStatus apache = waitForResource("apache2", true);
            assertTrue(apache.agent().get(), apache.agent().get().startsWith(context.getBundle().getSymbolicName()));
            assertTrue(shell("hb:status").contains(context.getBundle().getSymbolicName()));
        } finally {
            agent.unregister();
        }
        assertTrue(waitForResource("apache2", false).agent().isEmpty());
        listener.unregister();
    }

    @Test
    public void hbVerifyAcceptsTheNodeConfigAndNamesFileAndLineOfAnError() throws Exception {
        assertTrue(shell("hb:verify").contains("valid"));
        try {
            shell("hb:verify " + System.getProperty("karabeat.test.bad"));
            fail("hb:verify of a bad directory must fail");
        } catch (Exception e) {
            assertTrue(e.getMessage(), e.getMessage().contains("error"));
        }
        String out = lastOutput;
        assertTrue(out, out.contains("ha.cf:2:") && out.contains("kepalive"));
    }

    @Test
    public void controlSocketIsPrivateToTheNodeUser() throws Exception {
        Path socket = Path.of(System.getProperty("karaf.data"), "karabeat.sock");
        assertTrue(socket + " exists", Files.exists(socket));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }

    private ResourceStatus waitForResource(String type, boolean bound) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            for (ResourceStatus r : cluster.status().groups().get(0).resources()) {
                if (r.type().equals(type) && r.agent().isPresent() == bound) {
                    return r;
                }
            }
            if (System.nanoTime() > deadline) {
                fail(type + " did not become " + (bound ? "bound" : "unbound") + " within 10 s");
            }
            Thread.sleep(50);
        }
    }

    /** An agent that only exists to be bound. */
    static final class NullAgent implements ResourceAgent {
        @Override
        public AgentResult start(ResourceRequest r) {
            return AgentResult.success();
        }

        @Override
        public AgentResult stop(ResourceRequest r) {
            return AgentResult.success();
        }

        @Override
        public AgentResult status(ResourceRequest r) {
            return AgentResult.notRunning();
        }

        @Override
        public AgentResult validate(ResourceRequest r) {
            return AgentResult.success();
        }

        @Override
        public String metaData(String type) {
            return "<resource-agent name=\"" + type + "\"/>";
        }
    }
}
