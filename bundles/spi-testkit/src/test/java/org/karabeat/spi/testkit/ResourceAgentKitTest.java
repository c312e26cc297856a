package org.karabeat.spi.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.karabeat.spi.testkit.KitAssertions.assertEveryCheckPassed;
import static org.karabeat.spi.testkit.KitAssertions.assertOnly;
import static org.karabeat.spi.testkit.KitAssertions.names;
import static org.karabeat.spi.testkit.ResourceCheck.INTERRUPT_HONOURED;
import static org.karabeat.spi.testkit.ResourceCheck.META_DATA_OCF_SHAPE;
import static org.karabeat.spi.testkit.ResourceCheck.META_DATA_PRESENT;
import static org.karabeat.spi.testkit.ResourceCheck.META_DATA_WELL_FORMED;
import static org.karabeat.spi.testkit.ResourceCheck.NO_THREAD_LEFT;
import static org.karabeat.spi.testkit.ResourceCheck.RUNNING_AFTER_START;
import static org.karabeat.spi.testkit.ResourceCheck.START_IDEMPOTENT;
import static org.karabeat.spi.testkit.ResourceCheck.START_SUCCEEDS;
import static org.karabeat.spi.testkit.ResourceCheck.STOPPED_AFTER_STOP;
import static org.karabeat.spi.testkit.ResourceCheck.STOPPED_BEFORE_START;
import static org.karabeat.spi.testkit.ResourceCheck.STOP_IDEMPOTENT;
import static org.karabeat.spi.testkit.ResourceCheck.STOP_SUCCEEDS;
import static org.karabeat.spi.testkit.ResourceCheck.VALIDATE_ACCEPTS_VALID;
import static org.karabeat.spi.testkit.ResourceCheck.VALIDATE_REJECTS_INVALID;
import static org.karabeat.spi.testkit.ResourceCheck.WITHIN_TIMEOUT;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.Rule;
import org.junit.Test;
import org.karabeat.spi.AgentResult;
import org.karabeat.spi.ResourceAgent;
import org.karabeat.spi.ResourceRequest;
import org.karabeat.spi.ResultCode;

/**
 * The kit against a correct agent (everything passes) and against broken agents, one per check: each
 * makes exactly the intended check fail (the checks that need it to pass are NOT_RUN), with a message that
 * names what the agent did.
 */
public class ResourceAgentKitTest {

    @Rule
    public final LeftBehind leftBehind = new LeftBehind();

    static Map<String, String> params(String... nameValue) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put(nameValue[i], nameValue[i + 1]);
        }
        return m;
    }

    static ResourceAgentKit kit(ResourceAgent agent) {
        return ResourceAgentKit.forAgent(agent, GoodResourceAgent.TYPE)
                .withParameters(params("name", "web"))
                .withBadParameters(params("name", "Not Valid!"))
                .withSlowParameters(params("name", "slow", "sleep_ms", "10000"))
                .withInterruptAfter(Duration.ofMillis(200))
                .withThreadGrace(Duration.ofMillis(300));
    }

    // ---------------------------------------------------------------- the correct agent

    @Test
    public void aCorrectAgentPassesEveryCheck() {
        GoodResourceAgent agent = new GoodResourceAgent();
        KitReport report = kit(agent).run();

        assertEveryCheckPassed(report, ResourceCheck.values());
        assertTrue(report.result(INTERRUPT_HONOURED).message(),
                report.result(INTERRUPT_HONOURED).message().contains("threw InterruptedException"));
        assertTrue(agent.running.isEmpty());
    }

    @Test
    public void theReportListsEveryCheckInOrderWithItsName() {
        KitReport report = kit(new GoodResourceAgent()).run();
        assertEquals(List.of("meta-data.present", "meta-data.well-formed", "meta-data.ocf-shape",
                "validate.accepts-valid", "validate.rejects-invalid", "probe.stopped-before-start", "start.succeeds",
                "monitor.running-after-start", "start.idempotent", "stop.succeeds", "monitor.stopped-after-stop",
                "stop.idempotent", "timeout.interrupt-honoured", "operations.within-timeout",
                "operations.no-thread-left"), names(report));
        assertEquals(CheckStatus.PASSED, report.result("start.idempotent").status());
        assertTrue(report.toString(), report.toString().contains("PASSED   start.idempotent: "));
    }

    @Test(expected = IllegalArgumentException.class)
    public void anUnknownCheckNameIsAnError() {
        kit(new GoodResourceAgent()).skip(ResourceCheck.values()).run().result("start.idempotant");
    }

    // ---------------------------------------------------------------- meta-data

    @Test
    public void metaDataNull() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public String metaData(String type) {
                return null;
            }
        }).run();
        assertOnly(report, META_DATA_PRESENT, EnumSet.of(META_DATA_WELL_FORMED, META_DATA_OCF_SHAPE),
                "metaData(\"Good\") must return", "the agent returned null");
    }

    @Test
    public void metaDataThrowing() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public String metaData(String type) {
                throw new IllegalStateException("no meta-data for " + type);
            }
        }).run();
        assertOnly(report, META_DATA_PRESENT, EnumSet.of(META_DATA_WELL_FORMED, META_DATA_OCF_SHAPE),
                "the agent threw java.lang.IllegalStateException: no meta-data for Good");
    }

    @Test
    public void metaDataMalformed() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public String metaData(String type) {
                return "<resource-agent name=\"Good\">\n<parameters>\n</resource-agent>";
            }
        }).run();
        assertOnly(report, META_DATA_WELL_FORMED, EnumSet.of(META_DATA_OCF_SHAPE),
                "meta-data must be well-formed XML", "line 3");
    }

    @Test
    public void metaDataWithADoctypeIsRefusedAsTheNodeRefusesIt() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public String metaData(String type) {
                return META_DATA.replace("<?xml version=\"1.0\"?>\n",
                        "<?xml version=\"1.0\"?>\n<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n");
            }
        }).run();
        assertOnly(report, META_DATA_WELL_FORMED, EnumSet.of(META_DATA_OCF_SHAPE), "<!DOCTYPE", "leave the DOCTYPE out");
    }

    @Test
    public void metaDataWithoutAStopAction() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public String metaData(String type) {
                return META_DATA.replace("<action name=\"stop\" timeout=\"20s\"/>", "");
            }
        }).run();
        assertOnly(report, META_DATA_OCF_SHAPE, "OCF resource-agent shape", "action 'stop' is not listed");
    }

    @Test
    public void metaDataWithoutMonitorOrStatusOrTimeoutsOrParameterNames() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public String metaData(String type) {
                return META_DATA.replace("<action name=\"monitor\" timeout=\"20s\" interval=\"10s\"/>", "")
                        .replace("<action name=\"status\" timeout=\"20s\"/>", "")
                        .replace("<action name=\"start\" timeout=\"20s\"/>", "<action name=\"start\"/>")
                        .replace("<parameter name=\"sleep_ms\">", "<parameter>");
            }
        }).run();
        assertOnly(report, META_DATA_OCF_SHAPE, "<parameter> number 2 has no name attribute",
                "action 'start' has no timeout", "neither action 'monitor' nor 'status' is listed");
    }

    @Test
    public void metaDataWithATimeoutTheNodeDoesNotUnderstand() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public String metaData(String type) {
                return META_DATA.replace("<action name=\"stop\" timeout=\"20s\"/>", "<action name=\"stop\" timeout=\"2min\"/>");
            }
        }).run();
        assertOnly(report, META_DATA_OCF_SHAPE, "action 'stop' has timeout '2min', which the node does not understand");
    }

    @Test
    public void metaDataWithAnotherRootOrNoParameters() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public String metaData(String type) {
                return "<agent name=\"Good\"/>";
            }
        }).run();
        assertOnly(report, META_DATA_OCF_SHAPE, "the root element is <agent>, expected <resource-agent>");

        report = kit(new GoodResourceAgent() {
            @Override
            public String metaData(String type) {
                return META_DATA.replaceAll("(?s)<parameters>.*</parameters>", "");
            }
        }).run();
        assertOnly(report, META_DATA_OCF_SHAPE, "there is no <parameters> element");
    }

    // ---------------------------------------------------------------- validate

    @Test
    public void validateRejectingTheValidParameters() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult validate(ResourceRequest request) {
                return AgentResult.failed(ResultCode.ERR_INSTALLED, "httpd not found");
            }
        }).run();
        assertOnly(report, VALIDATE_ACCEPTS_VALID, "validate must accept the valid parameters {name=web}",
                "the agent returned ERR_INSTALLED: httpd not found");
    }

    @Test
    public void validateAcceptingGarbage() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult validate(ResourceRequest request) {
                return AgentResult.success();
            }
        }).run();
        assertOnly(report, VALIDATE_REJECTS_INVALID, "validate must reject the invalid parameters {name=Not Valid!}",
                "the agent returned SUCCESS");
    }

    @Test
    public void validateRejectingGarbageWithASoftErrorIsNotEnough() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult validate(ResourceRequest request) throws InterruptedException {
                AgentResult r = super.validate(request);
                return r.isSuccess() ? r : AgentResult.failed(ResultCode.ERR_GENERIC, "bad name");
            }
        }).run();
        assertOnly(report, VALIDATE_REJECTS_INVALID, "with ERR_CONFIGURED, ERR_ARGS, ERR_INSTALLED or ERR_PERM",
                "the agent returned ERR_GENERIC: bad name");
    }

    @Test
    public void validateRejectionsWithTheHardAndFatalCodesPass() {
        for (ResultCode code : List.of(ResultCode.ERR_ARGS, ResultCode.ERR_INSTALLED, ResultCode.ERR_PERM)) {
            KitReport report = kit(new GoodResourceAgent() {
                @Override
                public AgentResult validate(ResourceRequest request) throws InterruptedException {
                    AgentResult r = super.validate(request);
                    return r.isSuccess() ? r : AgentResult.failed(code, "no");
                }
            }).run();
            report.assertPassed();
            assertTrue(report.result(VALIDATE_REJECTS_INVALID).message().contains(code.name()));
        }
    }

    @Test
    public void withoutBadParametersTheRejectionCheckDoesNotRunAndThatIsAFailure() {
        KitReport report = kit(new GoodResourceAgent()).withBadParameters(params()).run();
        // an empty map is a configuration too: the correct agent rejects it (no name)
        report.assertPassed();

        ResourceAgentKit noBad = ResourceAgentKit.forAgent(new GoodResourceAgent(), GoodResourceAgent.TYPE)
                .withParameters(params("name", "web"))
                .withSlowParameters(params("name", "slow", "sleep_ms", "10000"))
                .withInterruptAfter(Duration.ofMillis(200));
        report = noBad.run();
        CheckResult r = report.result(VALIDATE_REJECTS_INVALID);
        assertEquals(CheckStatus.NOT_RUN, r.status());
        assertFalse(r.skipped());
        assertTrue(r.message(), r.message().contains("withBadParameters"));
        assertFalse(report.passed());
        try {
            report.assertPassed();
            fail("NOT_RUN must fail assertPassed");
        } catch (AssertionError e) {
            assertTrue(e.getMessage(), e.getMessage().contains("0 checks failed, 1 did not run"));
            assertTrue(e.getMessage(), e.getMessage().contains("NOT_RUN  validate.rejects-invalid: no invalid parameters"));
        }

        report = noBad.skip(VALIDATE_REJECTS_INVALID).run();
        report.assertPassed();
        assertTrue(report.result(VALIDATE_REJECTS_INVALID).skipped());
        assertTrue(report.toString(), report.toString().contains("SKIPPED  validate.rejects-invalid: skipped by the test"));
    }

    // ---------------------------------------------------------------- probe, start, stop

    @Test
    public void probeOfANeverStartedResourceReportingAFailure() {
        KitReport report = kit(new GoodResourceAgent() {
            final Set<String> known = ConcurrentHashMap.newKeySet();

            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                known.add(request.resourceId());
                return super.start(request);
            }

            @Override
            public AgentResult status(ResourceRequest request) throws InterruptedException {
                if (!known.contains(request.resourceId())) {
                    return AgentResult.failed(ResultCode.ERR_GENERIC, "no pid file");
                }
                return super.status(request);
            }
        }).run();
        assertOnly(report, STOPPED_BEFORE_START,
                "status of a resource that was never started must return NOT_RUNNING; the agent returned ERR_GENERIC: no pid file",
                "monitor of a resource that was never started");
    }

    @Test
    public void startFailing() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                sleep(request);
                return AgentResult.failed(ResultCode.ERR_GENERIC, "cannot bind port 80");
            }
        }).run();
        assertOnly(report, START_SUCCEEDS, EnumSet.of(RUNNING_AFTER_START, START_IDEMPOTENT),
                "start of a stopped resource with the valid parameters {name=web} must succeed",
                "the agent returned ERR_GENERIC: cannot bind port 80");
        assertEquals("start did not succeed (see start.succeeds)", report.result(RUNNING_AFTER_START).message());
    }

    @Test
    public void startReturningNullOrTimeout() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                sleep(request);
                return null;
            }
        }).run();
        assertOnly(report, START_SUCCEEDS, EnumSet.of(RUNNING_AFTER_START, START_IDEMPOTENT), "the agent returned null");

        report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                sleep(request);
                return AgentResult.failed(ResultCode.TIMEOUT, "too slow");
            }
        }).run();
        assertOnly(report, START_SUCCEEDS, EnumSet.of(RUNNING_AFTER_START, START_IDEMPOTENT),
                "returned TIMEOUT: too slow (TIMEOUT is the node's verdict, an agent never returns it)");
    }

    @Test
    public void startReturningBeforeTheResourceIsUp() {
        KitReport report = kit(new GoodResourceAgent() {
            final Map<String, Integer> warmingUp = new ConcurrentHashMap<>();

            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                if (!running.contains(request.resourceId())) {
                    warmingUp.put(request.resourceId(), 2);
                }
                return super.start(request);
            }

            @Override
            public AgentResult status(ResourceRequest request) throws InterruptedException {
                Integer left = warmingUp.remove(request.resourceId());
                if (left == null) {
                    return super.status(request);
                }
                if (left > 1) {
                    warmingUp.put(request.resourceId(), left - 1);
                }
                return AgentResult.notRunning(); // the two probes right after start
            }
        }).run();
        assertOnly(report, RUNNING_AFTER_START,
                "status right after a successful start must report the resource running (SUCCESS); the agent returned NOT_RUNNING",
                "monitor right after");
    }

    @Test
    public void statusThrowing() {
        KitReport report = kit(new GoodResourceAgent() {
            boolean thrown;

            @Override
            public AgentResult status(ResourceRequest request) throws InterruptedException {
                if (running.contains(request.resourceId()) && !thrown) {
                    thrown = true;
                    throw new IllegalStateException("boom");
                }
                return super.status(request);
            }
        }).run();
        assertOnly(report, RUNNING_AFTER_START, "status right after", "the agent threw java.lang.IllegalStateException: boom");
    }

    @Test
    public void startOfARunningResourceFailing() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                if (running.contains(request.resourceId())) {
                    return AgentResult.failed(ResultCode.ERR_GENERIC, "already running");
                }
                return super.start(request);
            }
        }).run();
        assertOnly(report, START_IDEMPOTENT,
                "start of a running resource must succeed (idempotent); the agent returned ERR_GENERIC: already running");
    }

    @Test
    public void startOfARunningResourceStoppingIt() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                if (running.remove(request.resourceId())) {
                    return AgentResult.success(); // "restart" gone wrong: leaves it stopped
                }
                return super.start(request);
            }
        }).run();
        assertOnly(report, START_IDEMPOTENT,
                "status after a second start must still report the resource running (SUCCESS); the agent returned NOT_RUNNING");
    }

    @Test
    public void stopFailing() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult stop(ResourceRequest request) throws InterruptedException {
                if (running.contains(request.resourceId())) {
                    return AgentResult.failed(ResultCode.ERR_GENERIC, "device busy");
                }
                return super.stop(request);
            }
        }).run();
        assertOnly(report, STOP_SUCCEEDS, EnumSet.of(STOPPED_AFTER_STOP, STOP_IDEMPOTENT),
                "stop of a running resource must succeed (a failed stop gets the node fenced); the agent returned ERR_GENERIC: device busy");
    }

    @Test
    public void statusLyingAfterStop() {
        KitReport report = kit(new GoodResourceAgent() {
            final Set<String> everStarted = ConcurrentHashMap.newKeySet();

            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                AgentResult r = super.start(request);
                everStarted.add(request.resourceId());
                return r;
            }

            @Override
            public AgentResult status(ResourceRequest request) throws InterruptedException {
                return everStarted.contains(request.resourceId()) ? AgentResult.success() : super.status(request);
            }
        }).run();
        assertOnly(report, STOPPED_AFTER_STOP,
                "status after a successful stop must return NOT_RUNNING; the agent returned SUCCESS",
                "monitor after a successful stop");
    }

    @Test
    public void stopOfAStoppedResourceFailing() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult stop(ResourceRequest request) throws InterruptedException {
                if (!running.contains(request.resourceId())) {
                    return AgentResult.failed(ResultCode.ERR_GENERIC, "not running");
                }
                return super.stop(request);
            }
        }).run();
        assertOnly(report, STOP_IDEMPOTENT,
                "stop of a stopped resource must succeed (\"Stopping a stopped resource is required to succeed\");"
                        + " the agent returned ERR_GENERIC: not running");
        // the clean-up after the interrupted start says what happened, without failing that check
        assertTrue(report.result(INTERRUPT_HONOURED).message(),
                report.result(INTERRUPT_HONOURED).message().endsWith("cleanup: stop returned ERR_GENERIC: not running"));
    }

    @Test
    public void stopOfAStoppedResourceReturningNotRunning() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult stop(ResourceRequest request) throws InterruptedException {
                return running.remove(request.resourceId()) ? AgentResult.success() : AgentResult.notRunning();
            }
        }).run();
        assertOnly(report, STOP_IDEMPOTENT, "the agent returned NOT_RUNNING");
    }

    // ---------------------------------------------------------------- timeouts and interruption

    @Test
    public void startIgnoringInterruption() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                long ms = Long.parseLong(request.parameters().getOrDefault("sleep_ms", "0"));
                sleepIgnoringInterrupts(ms);
                running.add(request.resourceId());
                return AgentResult.success();
            }
        }).withSlowParameters(params("name", "slow", "sleep_ms", "1500")).run();
        CheckResult r = assertOnly(report, INTERRUPT_HONOURED,
                "an operation interrupted at its timeout must return or throw InterruptedException within 1 s",
                "start with the slow parameters {name=slow, sleep_ms=1500} was interrupted at its 200 ms timeout and had"
                        + " not returned 1 s later",
                "(it returned SUCCESS ", "after the interrupt)", "cleanup: stop returned SUCCESS");
        assertFalse(r.message(), r.message().contains("still running"));
    }

    @Test
    public void slowParametersThatAreNotSlowCannotTestInterruption() {
        KitReport report = kit(new GoodResourceAgent()).withSlowParameters(params("name", "slow", "sleep_ms", "0")).run();
        CheckResult r = report.result(INTERRUPT_HONOURED);
        assertEquals(CheckStatus.NOT_RUN, r.status());
        assertTrue(r.message(), r.message().contains("start with the slow parameters {name=slow, sleep_ms=0} returned SUCCESS after"));
        assertTrue(r.message(), r.message().contains("before the 200 ms deadline, so interruption was not tested"));
        assertFalse(report.passed());
        assertEquals(List.of(r), report.problems());
    }

    @Test
    public void withoutSlowParametersInterruptionIsNotRunUnlessSkipped() {
        ResourceAgentKit kit = ResourceAgentKit.forAgent(new GoodResourceAgent(), GoodResourceAgent.TYPE)
                .withParameters(params("name", "web")).withBadParameters(params("name", "X"));
        KitReport report = kit.run();
        assertEquals(CheckStatus.NOT_RUN, report.result(INTERRUPT_HONOURED).status());
        assertTrue(report.result(INTERRUPT_HONOURED).message().contains("skip(ResourceCheck.INTERRUPT_HONOURED)"));
        assertFalse(report.passed());

        GoodResourceAgent agent = new GoodResourceAgent();
        report = ResourceAgentKit.forAgent(agent, GoodResourceAgent.TYPE).withParameters(params("name", "web"))
                .withBadParameters(params("name", "X")).skip(INTERRUPT_HONOURED).run();
        report.assertPassed();
        assertTrue(report.result(INTERRUPT_HONOURED).skipped());
    }

    @Test
    public void anOperationSlowerThanItsTimeout() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult validate(ResourceRequest request) throws InterruptedException {
                sleepIgnoringInterrupts(500);
                return super.validate(request);
            }
        }).withTimeout(Duration.ofMillis(300)).run();
        assertOnly(report, WITHIN_TIMEOUT, "every operation must return within the request's timeout",
                "validate took ", "more than its 300 ms timeout", "validate of the invalid parameters took ");
    }

    @Test
    public void anOperationThatDoesNotReturnAfterTheInterrupt() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult stop(ResourceRequest request) throws InterruptedException {
                if (!running.contains(request.resourceId())) {
                    sleepIgnoringInterrupts(1800);
                }
                return super.stop(request);
            }
        }).withTimeout(Duration.ofMillis(300)).skip(INTERRUPT_HONOURED).run();
        assertEquals(report.toString(), CheckStatus.FAILED, report.result(STOP_IDEMPOTENT).status());
        assertTrue(report.result(STOP_IDEMPOTENT).message(), report.result(STOP_IDEMPOTENT).message().contains(
                "the agent did not return: interrupted at its 300 ms timeout, it was still running 1 s later"));
        assertTrue(report.result(WITHIN_TIMEOUT).message(), report.result(WITHIN_TIMEOUT).message().contains(
                "stop again did not return within its 300 ms timeout and was still running 1 s after the interrupt"));
        assertTrue(report.result(NO_THREAD_LEFT).message(),
                report.result(NO_THREAD_LEFT).message().contains("1 that did not return could not be checked"));
        assertEquals(2, report.problems().size());
    }

    // ---------------------------------------------------------------- threads and processes left behind

    @Test
    public void startLeavingAThreadBehind() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                AgentResult r = super.start(request);
                leftBehind.waitingThread("leaky-watcher-" + request.resourceId().length()).start();
                return r;
            }
        }).run();
        assertOnly(report, NO_THREAD_LEFT, "an operation must not leave threads or processes behind",
                "start left thread 'leaky-watcher-", "(daemon, WAITING) running 300 ms after it returned", "start again left thread 'leaky-watcher-");
    }

    @Test
    public void aThreadThatEndsWithinTheGraceIsNotLeft() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                Thread t = new Thread(() -> GoodResourceAgent.sleepIgnoringInterrupts(50), "short-lived");
                t.start();
                return super.start(request);
            }
        }).run();
        report.assertPassed();
    }

    @Test
    public void threadsTheTestDeclaresNotTheAgentsAreIgnored() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult stop(ResourceRequest request) throws InterruptedException {
                Thread t = leftBehind.waitingThread("shared-library-pool");
                t.setDaemon(true);
                t.start();
                return super.stop(request);
            }
        }).ignoringThreads(t -> t.getName().equals("shared-library-pool")).run();
        report.assertPassed();
    }

    @Test
    public void startLeavingAProcessBehind() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                if (!running.contains(request.resourceId()) && !request.parameters().containsKey("sleep_ms")) {
                    try {
                        leftBehind.process("sleep", "30");
                    } catch (IOException e) {
                        return AgentResult.failed(ResultCode.ERR_INSTALLED, e.toString());
                    }
                }
                return super.start(request);
            }
        }).run();
        assertOnly(report, NO_THREAD_LEFT, "start left process ", "sleep 30");
    }

    // ---------------------------------------------------------------- the kit itself

    @Test
    public void requestsCarryWhatTheNodeWouldPass() {
        List<ResourceRequest> seen = Collections.synchronizedList(new ArrayList<>());
        GoodResourceAgent agent = new GoodResourceAgent() {
            @Override
            public AgentResult status(ResourceRequest request) throws InterruptedException {
                seen.add(request);
                return super.status(request);
            }

            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                seen.add(request);
                return super.start(request);
            }
        };
        kit(agent).withLocalNode("hb2").withTimeout(Duration.ofSeconds(7)).withEnvironment(Map.of("HA_DIR", "/etc/ha.d"))
                .run().assertPassed();

        ResourceRequest first = seen.get(0);
        assertEquals("Good", first.type());
        assertEquals(List.of("name=web"), first.arguments());
        assertEquals(Map.of("name", "web"), first.parameters());
        assertEquals("Good::name=web", first.resourceId());
        assertEquals("hb2", first.localNode());
        assertEquals(Duration.ofSeconds(7), first.timeout());
        assertEquals("hb2", first.environment().get("HA_CURHOST"));
        assertEquals("Good::name=web", first.environment().get("OCF_RESOURCE_INSTANCE"));
        assertEquals("web", first.environment().get("OCF_RESKEY_name"));
        assertEquals("7000", first.environment().get("OCF_RESKEY_CRM_meta_timeout"));
        assertEquals("/etc/ha.d", first.environment().get("HA_DIR"));

        ResourceRequest slow = seen.stream().filter(r -> r.parameters().containsKey("sleep_ms")).findFirst().get();
        assertEquals("Good::name=slow::sleep_ms=10000", slow.resourceId());
        assertEquals(List.of("name=slow", "sleep_ms=10000"), slow.arguments());
        assertEquals("the slow start gets the short deadline as its timeout", Duration.ofMillis(200), slow.timeout());
    }

    @Test
    public void theScriptIsOcfTestersOrderAndSkippedChecksMakeNoCalls() {
        GoodResourceAgent agent = new GoodResourceAgent();
        kit(agent).run().assertPassed();
        assertEquals(List.of("validate Good::name=web", "validate Good::name=Not Valid!", "status Good::name=web",
                "status Good::name=web", "start Good::name=web", "status Good::name=web", "status Good::name=web",
                "start Good::name=web", "status Good::name=web", "status Good::name=web", "stop Good::name=web",
                "status Good::name=web", "status Good::name=web", "stop Good::name=web",
                "start Good::name=slow::sleep_ms=10000", "stop Good::name=slow::sleep_ms=10000"), agent.calls);

        agent = new GoodResourceAgent();
        kit(agent).skip(VALIDATE_ACCEPTS_VALID, VALIDATE_REJECTS_INVALID, STOPPED_BEFORE_START, RUNNING_AFTER_START,
                START_IDEMPOTENT, STOPPED_AFTER_STOP, STOP_IDEMPOTENT, INTERRUPT_HONOURED).run().assertPassed();
        assertEquals(List.of("start Good::name=web", "stop Good::name=web"), agent.calls);
    }

    @Test
    public void assertPassedListsEveryProblem() {
        KitReport report = kit(new GoodResourceAgent() {
            @Override
            public AgentResult start(ResourceRequest request) throws InterruptedException {
                return running.contains(request.resourceId()) ? AgentResult.failed(ResultCode.ERR_GENERIC, "already running")
                        : super.start(request);
            }

            @Override
            public AgentResult stop(ResourceRequest request) throws InterruptedException {
                return running.remove(request.resourceId()) ? AgentResult.success()
                        : AgentResult.failed(ResultCode.ERR_GENERIC, "not running");
            }
        }).run();
        try {
            report.assertPassed();
            fail("two checks failed");
        } catch (AssertionError e) {
            String m = e.getMessage();
            assertTrue(m, m.startsWith("resource agent Good (org.karabeat.spi.testkit.ResourceAgentKitTest$"));
            assertTrue(m, m.contains("does not pass the conformance kit: 2 checks failed (of 15)"));
            assertTrue(m, m.contains("FAILED   start.idempotent: start of a running resource must succeed"));
            assertTrue(m, m.contains("FAILED   stop.idempotent: stop of a stopped resource must succeed"));
        }
        assertEquals(2, report.problems().size());
    }
}
