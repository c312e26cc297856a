package org.karabeat.spi.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;

import org.junit.Test;
import org.junit.runner.JUnitCore;
import org.junit.runner.Result;
import org.karabeat.spi.AgentResult;
import org.karabeat.spi.FenceRequest;
import org.karabeat.spi.FenceResult;
import org.karabeat.spi.ResourceRequest;
import org.karabeat.spi.ResultCode;

/** The JUnit base classes an author extends: they pass a good agent and fail a broken one, saying why. */
public class ConformanceTestBaseClassesTest {

    /** What an author writes for a good agent. */
    public static class GoodResourceConformance extends ResourceAgentConformanceTest {
        static boolean sawDirectory;

        @Override
        protected ResourceAgentKit kit() {
            sawDirectory = Files.isDirectory(workDirectory());
            return ResourceAgentKitTest.kit(new GoodResourceAgent());
        }
    }

    /** ... and for one whose start is not idempotent. */
    public static class BrokenResourceConformance extends ResourceAgentConformanceTest {
        @Override
        protected ResourceAgentKit kit() {
            return ResourceAgentKitTest.kit(new GoodResourceAgent() {
                @Override
                public AgentResult start(ResourceRequest request) throws InterruptedException {
                    return running.contains(request.resourceId())
                            ? AgentResult.failed(ResultCode.ERR_GENERIC, "already running") : super.start(request);
                }
            });
        }
    }

    public static class GoodFencingConformance extends FencingAgentConformanceTest {
        static int afterKitCalls;

        @Override
        protected FencingAgentKit kit() {
            return FencingAgentKitTest.kit(new GoodFencingAgent());
        }

        @Override
        protected void afterKit(KitReport report) {
            afterKitCalls++;
        }
    }

    public static class BrokenFencingConformance extends FencingAgentConformanceTest {
        @Override
        protected FencingAgentKit kit() {
            return FencingAgentKitTest.kit(new GoodFencingAgent() {
                @Override
                public FenceResult off(FenceRequest request) throws InterruptedException {
                    super.off(request);
                    return FenceResult.unverified(org.karabeat.spi.PowerState.OFF, "sent");
                }
            });
        }
    }

    /** Runs the conformance test {@code test}, which must pass; its result. */
    private static Result passing(Class<?> test) {
        Result result = JUnitCore.runClasses(test);
        assertTrue(String.valueOf(result.getFailures()), result.wasSuccessful());
        return result;
    }

    /** Runs the conformance test {@code test}, which must fail once; the failure's message. */
    private static String failure(Class<?> test) {
        Result result = JUnitCore.runClasses(test);
        assertEquals(1, result.getFailureCount());
        return result.getFailures().get(0).getMessage();
    }

    @Test
    public void aGoodResourceAgentPasses() {
        assertEquals(1, passing(GoodResourceConformance.class).getRunCount());
        assertTrue(GoodResourceConformance.sawDirectory);
    }

    @Test
    public void aBrokenResourceAgentFailsNamingTheCheck() {
        String message = failure(BrokenResourceConformance.class);
        assertTrue(message, message.contains("1 check failed (of 15)"));
        assertTrue(message, message.contains("start.idempotent: start of a running resource must succeed (idempotent);"
                + " the agent returned ERR_GENERIC: already running"));
    }

    @Test
    public void aGoodFencingAgentPassesAndTheHookRuns() {
        passing(GoodFencingConformance.class);
        assertEquals(1, GoodFencingConformance.afterKitCalls);
    }

    @Test
    public void aBrokenFencingAgentFailsNamingTheCheck() {
        String message = failure(BrokenFencingConformance.class);
        assertTrue(message, message.contains("off.verified: off must succeed with the device confirming OFF"));
        assertTrue(message, message.contains("SUCCESS OFF (not verified): sent"));
    }
}
