package org.karabeat.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.karabeat.api.OperationResult;
import org.karabeat.api.ResourceOperation;
import org.karabeat.api.ResourceState;
import org.karabeat.api.ResourceStatus;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Agents loaded into a running node, as a vendor or an administrator does it: the sample Dummy agent
 * dropped into deploy/, loaded with hb:load-type (Maven, file, feature), upgraded in place while an
 * operation runs, refused unloading while its resources run, force-unloaded — and the node never restarts.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class PluginLoadingIT extends KarafTestSupport {

    static final String DUMMY_BSN = "org.karabeat.samples.resource-dummy";
    static final String DUMMY_MVN = "mvn:org.karabeat.samples/karabeat-sample-resource-dummy/"
            + System.getProperty("karabeat.version", "0.1.0-SNAPSHOT");

    @Configuration
    public Option[] config() throws Exception {
        Path base = Path.of("target", "pax-exam-plugins").toAbsolutePath();
        Path state = base.resolve("state");
        Files.createDirectories(state);
        String a = "Dummy::" + state.resolve("a.state");
        String b = "Dummy::" + state.resolve("b.state") + "::op_sleep=3";
        Path conf = TestCluster.write(base.resolve("ha.d"), TestCluster.haCf(base.resolve("log")),
                "hb1 " + a + "\nhb1 " + b + "\n");
        Path upgraded = Jars.withVersion(Path.of(System.getProperty("karabeat.sample.dummy")),
                base.resolve("karabeat-sample-resource-dummy-0.1.1.jar"), "0.1.1");
        return node(conf,
                systemProperty("test.resource.a").value(a),
                systemProperty("test.resource.b").value(b),
                systemProperty("test.state").value(state.toString()),
                systemProperty("test.dummy.jar").value(System.getProperty("karabeat.sample.dummy")),
                systemProperty("test.dummy.upgraded").value(upgraded.toString()),
                systemProperty("test.samples.features").value(System.getProperty("karabeat.samples.features")),
                systemProperty("karabeat.version").value(System.getProperty("karabeat.version")));
    }

    private final String a = System.getProperty("test.resource.a");
    private final String b = System.getProperty("test.resource.b");

    @Test
    public void t1_aJarDroppedIntoDeployIsBoundAtOnceAndUnloadingRemovesIt() throws Exception {
        NodeIdentity before = NodeIdentity.of(this);
        assertTrue(resource(a).get().agent().isEmpty());

        Path deployed = Path.of(System.getProperty("karaf.base"), "deploy", "dummy.jar");
        long t0 = System.nanoTime();
        Files.copy(Path.of(System.getProperty("test.dummy.jar")), deployed, StandardCopyOption.REPLACE_EXISTING);
        ResourceStatus bound = awaitResource(a, r -> r.agent().isPresent(), "Dummy bound");
        System.out.printf("deploy/ to bound: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        assertTrue(bound.agent().get(), bound.agent().get().startsWith(DUMMY_BSN + "/"));

        String types = shell("hb:resource-types");
        assertTrue(types, types.contains("Dummy") && types.contains(DUMMY_BSN));
        String described = shell("hb:resource-types --describe Dummy");
        assertTrue(described, described.contains("state") && described.contains("op_sleep"));

        shell("hb:resource start " + a);
        assertEquals(ResourceState.RUNNING, resource(a).get().state());
        assertTrue(Files.exists(Path.of(System.getProperty("test.state"), "a.state")));

        String refused = shellFails("hb:unload-type Dummy");
        assertTrue(refused, refused.contains("Refused") && refused.contains(a));
        assertTrue("still bound", resource(a).get().agent().isPresent());

        shell("hb:resource stop " + a);
        String unloaded = shell("hb:unload-type Dummy");
        assertTrue(unloaded, unloaded.contains("removed from deploy/"));
        assertFalse(Files.exists(deployed));
        awaitResource(a, r -> r.agent().isEmpty(), "Dummy unbound");
        before.assertSameNode(this);
    }

    @Test
    public void t2_loadTypeUpgradeInPlaceWhileAnOperationRunsThenForceUnload() throws Exception {
        NodeIdentity before = NodeIdentity.of(this);
        long aStarts = calls("a.state", "start");
        long bStarts = calls("b.state", "start");
        String loaded = shell("hb:load-type " + DUMMY_MVN);
        assertTrue(loaded, loaded.contains("installed " + DUMMY_BSN) && loaded.contains("Dummy bound"));
        awaitResource(a, r -> r.agent().isPresent(), "Dummy bound");

        shell("hb:resource start " + a);
        assertEquals(ResourceState.RUNNING, resource(a).get().state());

        // b's start sleeps 3 s (op_sleep): upgrade the agent while it runs
        CompletableFuture<OperationResult> slowStart = CompletableFuture.supplyAsync(
                () -> cluster.runOperation(b, ResourceOperation.START));
        Thread.sleep(1000);
        String upgraded = shell("hb:load-type file:" + System.getProperty("test.dummy.upgraded"));
        assertTrue(upgraded, upgraded.contains("updated " + DUMMY_BSN) && upgraded.contains("to 0.1.1"));

        OperationResult started = slowStart.get(30, TimeUnit.SECONDS);
        assertTrue("the start in flight finished: " + started.code() + " " + started.message(), started.succeeded());
        assertEquals("started exactly once", bStarts + 1, calls("b.state", "start"));
        assertEquals("the core kept a's state across the upgrade", ResourceState.RUNNING, resource(a).get().state());
        assertTrue(resource(a).get().agent().get(), resource(a).get().agent().get().endsWith("/0.1.1"));
        assertEquals("a started once", aStarts + 1, calls("a.state", "start"));
        OperationResult monitor = cluster.runOperation(a, ResourceOperation.MONITOR);
        assertEquals("the new agent sees a running", "SUCCESS", monitor.code());

        String refused = shellFails("hb:unload-type Dummy");
        assertTrue(refused, refused.contains(a) && refused.contains(b));

        String forced = shell("hb:unload-type --force Dummy");
        assertTrue(forced, forced.contains("stopped " + a) && forced.contains("stopped " + b));
        assertEquals(ResourceState.STOPPED, resource(a).get().state());
        assertEquals(ResourceState.STOPPED, resource(b).get().state());
        assertFalse(Files.exists(Path.of(System.getProperty("test.state"), "a.state")));
        awaitResource(a, r -> r.agent().isEmpty(), "Dummy unbound");
        for (Bundle bundle : context.getBundles()) {
            assertFalse("uninstalled", DUMMY_BSN.equals(bundle.getSymbolicName()));
        }
        before.assertSameNode(this);
    }

    @Test
    public void t3_agentsComeAsFeaturesToo() throws Exception {
        NodeIdentity before = NodeIdentity.of(this);
        shell("feature:repo-add " + System.getProperty("test.samples.features"));
        String loaded = shell("hb:load-type karabeat-sample-resource-dummy");
        assertTrue(loaded, loaded.contains("Dummy bound"));
        String fencing = shell("hb:load-type karabeat-sample-fence-dummy");
        assertTrue(fencing, fencing.contains("fence_dummy bound"));
        String types = shell("hb:resource-types");
        assertTrue(types, types.contains("fence_dummy") && types.contains("fencing"));

        String unloaded = shell("hb:unload-type Dummy");
        assertTrue(unloaded, unloaded.contains("feature karabeat-sample-resource-dummy"));
        awaitResource(a, r -> r.agent().isEmpty(), "Dummy unbound");
        shell("hb:unload-type fence_dummy");
        assertFalse(shell("hb:resource-types").contains("fence_dummy"));
        before.assertSameNode(this);
    }

    /** How many times the Dummy agent ran {@code op} for a state file (its .calls log). */
    private long calls(String stateFile, String op) throws Exception {
        Path log = Path.of(System.getProperty("test.state"), stateFile + ".calls");
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.endsWith(" " + op)).count() : 0;
    }

    /** What identifies this node's run: the JVM, the framework, the core's activation. */
    record NodeIdentity(long jvmStart, long frameworkModified, Instant coreStarted, long coreBundle) {
        static NodeIdentity of(KarafTestSupport t) {
            long core = -1;
            for (Bundle bundle : t.context.getBundles()) {
                if ("org.karabeat.core".equals(bundle.getSymbolicName())) {
                    core = bundle.getBundleId();
                }
            }
            return new NodeIdentity(ManagementFactory.getRuntimeMXBean().getStartTime(),
                    t.context.getBundle(0).getLastModified(), t.cluster.status().startedAt(), core);
        }

        void assertSameNode(KarafTestSupport t) {
            assertEquals("the node never restarted", this, of(t));
            assertEquals(Bundle.ACTIVE, t.context.getBundle(coreBundle).getState());
        }
    }
}
