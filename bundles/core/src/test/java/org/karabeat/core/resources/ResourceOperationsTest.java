package org.karabeat.core.resources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;
import org.karabeat.api.ResourceOperation;
import org.karabeat.api.ResourceState;
import org.karabeat.config.legacy.ResourceSpec;
import org.karabeat.core.agents.AgentBindings;
import org.karabeat.core.agents.AgentRegistry;
import org.karabeat.spi.AgentResult;
import org.karabeat.spi.ResourceAgent;
import org.karabeat.spi.ResourceRequest;
import org.karabeat.spi.ResultCode;

public class ResourceOperationsTest {

    private final AgentRegistry registry = new AgentRegistry();
    private final Map<String, ResourceState> states = new ConcurrentHashMap<>();
    private final ResourceOperations ops = new ResourceOperations(registry, "hb1", Map.of("HA_CURHOST", "hb1"),
            r -> states.getOrDefault(r, ResourceState.UNKNOWN), 4, Duration.ofSeconds(2));
    private long serviceIds = 1;

    @After
    public void close() {
        ops.close();
    }

    /** An agent whose start runs {@code body}; records what it saw. */
    final class TestAgent implements ResourceAgent {
        final List<ResourceRequest> requests = new CopyOnWriteArrayList<>();
        final List<String> log = new CopyOnWriteArrayList<>();
        final AtomicInteger concurrent = new AtomicInteger();
        volatile int maxConcurrent;
        final String timeoutXml;
        final Body body;

        TestAgent(String startTimeout, Body body) {
            this.timeoutXml = startTimeout;
            this.body = body;
        }

        @Override
        public AgentResult start(ResourceRequest r) throws InterruptedException {
            requests.add(r);
            int now = concurrent.incrementAndGet();
            maxConcurrent = Math.max(maxConcurrent, now);
            try {
                log.add("start " + r.resourceId() + " begin");
                AgentResult result = body.run(r);
                log.add("start " + r.resourceId() + " end");
                return result;
            } finally {
                concurrent.decrementAndGet();
            }
        }

        @Override
        public AgentResult stop(ResourceRequest r) {
            log.add("stop " + r.resourceId());
            return AgentResult.success();
        }

        @Override
        public AgentResult status(ResourceRequest r) {
            return AgentResult.notRunning();
        }

        @Override
        public AgentResult validate(ResourceRequest r) {
            return AgentResult.failed(ResultCode.ERR_CONFIGURED, "bad");
        }

        @Override
        public String metaData(String type) {
            return "<resource-agent name=\"" + type + "\"><parameters><parameter name=\"state\"/>"
                    + "<parameter name=\"fake\"/></parameters><actions><action name=\"start\" timeout=\"" + timeoutXml
                    + "\"/></actions></resource-agent>";
        }
    }

    interface Body {
        AgentResult run(ResourceRequest r) throws InterruptedException;
    }

    private TestAgent bind(String type, String startTimeout, Body body) {
        TestAgent a = new TestAgent(startTimeout, body);
        registry.resources().add(List.of(type), new AgentBindings.Binding<>(a, "test/1.0", 7, 0, serviceIds++));
        return a;
    }

    private static ResourceSpec spec(String text) {
        String[] parts = text.split("::");
        return new ResourceSpec(text, parts[0], List.of(parts).subList(1, parts.length), 1);
    }

    @Test
    public void startMapsArgumentsOntoMetaDataParametersAndReportsRunning() throws Exception {
        TestAgent a = bind("Dummy", "5s", r -> AgentResult.success());
        Outcome o = ops.submit(spec("Dummy::/run/x.state::f1"), ResourceOperation.START).get(5, TimeUnit.SECONDS);
        assertTrue(o.succeeded());
        assertEquals("SUCCESS", o.code());
        assertEquals(ResourceState.RUNNING, o.state());
        ResourceRequest r = a.requests.get(0);
        assertEquals(Map.of("state", "/run/x.state", "fake", "f1"), r.parameters());
        assertEquals(List.of("/run/x.state", "f1"), r.arguments());
        assertEquals("Dummy::/run/x.state::f1", r.resourceId());
        assertEquals(Duration.ofSeconds(5), r.timeout());
        assertEquals("hb1", r.environment().get("HA_CURHOST"));
    }

    @Test
    public void anOperationIsInterruptedAtTheMetaDataTimeout() throws Exception {
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        bind("Slow", "300ms", r -> {
            try {
                Thread.sleep(10_000);
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
                throw e;
            }
            return AgentResult.success();
        });
        long t0 = System.nanoTime();
        Outcome o = ops.submit(spec("Slow::a"), ResourceOperation.START).get(5, TimeUnit.SECONDS);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals("TIMEOUT", o.code());
        assertEquals(ResourceState.FAILED, o.state());
        assertTrue("answered at the timeout, took " + took + " ms", took >= 300 && took < 2000);
        assertTrue("the agent thread was interrupted", interrupted.get(2, TimeUnit.SECONDS));
    }

    @Test
    public void aResourcesOperationsNeverOverlapEvenWhenAnAgentIgnoresItsTimeout() throws Exception {
        TestAgent a = bind("Stubborn", "200ms", r -> {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
            while (System.nanoTime() < end) {
                Thread.onSpinWait(); // ignores interruption on purpose
            }
            return AgentResult.success();
        });
        CompletableFuture<Outcome> first = ops.submit(spec("Stubborn::x"), ResourceOperation.START);
        CompletableFuture<Outcome> second = ops.submit(spec("Stubborn::x"), ResourceOperation.START);
        assertEquals("TIMEOUT", first.get(5, TimeUnit.SECONDS).code());
        assertEquals("TIMEOUT", second.get(10, TimeUnit.SECONDS).code());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (a.log.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the second run spins on after its timeout was reported
        }
        assertEquals("one at a time on one resource", 1, a.maxConcurrent);
        assertEquals(List.of("start Stubborn::x begin", "start Stubborn::x end", "start Stubborn::x begin",
                "start Stubborn::x end"), a.log);
    }

    @Test
    public void differentResourcesRunInParallel() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        TestAgent a = bind("Par", "5s", r -> {
            try {
                release.get(3, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return AgentResult.failed(ResultCode.ERR_GENERIC, "not released");
            }
            return AgentResult.success();
        });
        CompletableFuture<Outcome> x = ops.submit(spec("Par::x"), ResourceOperation.START);
        CompletableFuture<Outcome> y = ops.submit(spec("Par::y"), ResourceOperation.START);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (a.concurrent.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, a.concurrent.get());
        release.complete(null);
        assertTrue(x.get(5, TimeUnit.SECONDS).succeeded() && y.get(5, TimeUnit.SECONDS).succeeded());
    }

    @Test
    public void anOperationWaitsForItsAgentToComeBackAsDuringAnUpgrade() throws Exception {
        bind("Later", "5s", r -> AgentResult.success());
        registry.resources().remove(serviceIds - 1); // its bundle is being updated
        CompletableFuture<Outcome> pending = ops.submit(spec("Later::x"), ResourceOperation.STOP);
        Thread.sleep(300);
        assertFalse("waiting for the agent", pending.isDone());
        TestAgent a = bind("Later", "5s", r -> AgentResult.success());
        Outcome o = pending.get(5, TimeUnit.SECONDS);
        assertTrue(o.succeeded());
        assertEquals(ResourceState.STOPPED, o.state());
        assertEquals(List.of("stop Later::x"), a.log);
    }

    @Test
    public void aTypeThatLostItsAgentAndNeverGotItBackReportsTheMissingTypeAtTheDeadline() throws Exception {
        bind("Gone", "5s", r -> AgentResult.success());
        registry.resources().remove(serviceIds - 1);
        long t0 = System.nanoTime();
        Outcome o = ops.submit(spec("Gone::x"), ResourceOperation.STOP).get(5, TimeUnit.SECONDS);
        assertEquals(Outcome.TYPE_MISSING, o.code());
        assertTrue("waited for the agent", System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(1900));
    }

    @Test
    public void aTypeNeverSeenReportsTheMissingTypeAtOnce() throws Exception {
        states.put("Ghost::x", ResourceState.RUNNING);
        long t0 = System.nanoTime();
        Outcome o = ops.submit(spec("Ghost::x"), ResourceOperation.STOP).get(5, TimeUnit.SECONDS);
        assertTrue("no wait for a type that never had an agent", System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(1000));
        assertEquals(Outcome.TYPE_MISSING, o.code());
        assertEquals("state unchanged", ResourceState.RUNNING, o.state());
        assertTrue(o.message(), o.message().contains("no agent handles type Ghost"));
    }

    @Test
    public void anAgentThatThrowsFailsTheOperationNotTheNode() throws Exception {
        bind("Buggy", "5s", r -> {
            throw new IllegalStateException("plugin bug");
        });
        Outcome o = ops.submit(spec("Buggy::x"), ResourceOperation.START).get(5, TimeUnit.SECONDS);
        assertEquals("ERR_GENERIC", o.code());
        assertEquals(ResourceState.FAILED, o.state());
        assertTrue(o.message(), o.message().contains("plugin bug"));
    }

    @Test
    public void statusAndValidateReadTheAgentsAnswer() throws Exception {
        bind("Dummy", "5s", r -> AgentResult.success());
        states.put("Dummy::v", ResourceState.RUNNING);
        Outcome status = ops.submit(spec("Dummy::v"), ResourceOperation.STATUS).get(5, TimeUnit.SECONDS);
        assertTrue(status.succeeded());
        assertEquals(ResourceState.STOPPED, status.state());
        Outcome validate = ops.submit(spec("Dummy::v"), ResourceOperation.VALIDATE).get(5, TimeUnit.SECONDS);
        assertFalse(validate.succeeded());
        assertEquals("ERR_CONFIGURED", validate.code());
        assertEquals("validate changes no state", ResourceState.RUNNING, validate.state());
    }

    @Test
    public void anUpgradeWaitsForTheCallInFlightAndLaterCallsGoToTheNewAgent() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        TestAgent old = bind("Up", "5s", r -> {
            try {
                release.get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return AgentResult.failed(ResultCode.ERR_GENERIC, "not released");
            }
            return AgentResult.success();
        });
        long oldService = serviceIds - 1;
        CompletableFuture<Outcome> inFlight = ops.submit(spec("Up::x"), ResourceOperation.START);
        while (old.concurrent.get() == 0) {
            Thread.sleep(5);
        }
        // the type manager drains bundle 7 before updating it
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return registry.drain(7, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            } catch (InterruptedException e) {
                return false;
            }
        });
        Thread.sleep(200);
        assertFalse("drain waits for the call in flight", drained.isDone());
        CompletableFuture<Outcome> later = ops.submit(spec("Up::y"), ResourceOperation.START);
        release.complete(null);
        assertTrue(drained.get(5, TimeUnit.SECONDS));
        assertTrue("the call in flight finished on the old agent", inFlight.get(5, TimeUnit.SECONDS).succeeded());
        // the update: the old agent goes, the new one comes, the bundle is let go
        registry.resources().remove(oldService);
        TestAgent replacement = bind("Up", "5s", r -> AgentResult.success());
        registry.undrain(7);
        assertTrue(later.get(5, TimeUnit.SECONDS).succeeded());
        assertEquals("later call ran once, on the new agent", 1, replacement.requests.size());
        assertEquals("the old agent ran only the call in flight", 1, old.requests.size());
    }
}
