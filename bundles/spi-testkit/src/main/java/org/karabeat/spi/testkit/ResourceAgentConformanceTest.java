package org.karabeat.spi.testkit;

import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A JUnit 4 test an agent author extends: it runs {@link #kit()} and fails listing every check that failed
 * or did not run.
 * <pre>
 * public class DummyAgentConformanceTest extends ResourceAgentConformanceTest {
 *     &#64;Override
 *     protected ResourceAgentKit kit() {
 *         String state = workDirectory().resolve("r.state").toString();
 *         return ResourceAgentKit.forAgent(new DummyAgent(), "Dummy")
 *                 .withParameters(Map.of("state", state))
 *                 .withBadParameters(Map.of("state", state, "op_sleep", "soon"))
 *                 .withSlowParameters(Map.of("state", state + ".slow", "op_sleep", "5"));
 *     }
 * }
 * </pre>
 */
public abstract class ResourceAgentConformanceTest {

    /** A fresh directory per test, removed afterwards; see {@link #workDirectory()}. */
    @Rule
    public final TemporaryFolder kitFolder = new TemporaryFolder();

    /** The kit, configured for the agent under test. */
    protected abstract ResourceAgentKit kit() throws Exception;

    /** A directory of this test's own, for state files and the like. */
    protected final Path workDirectory() {
        return kitFolder.getRoot().toPath();
    }

    /** Further assertions on a passed run (e.g. what the agent left on the system); nothing by default. */
    protected void afterKit(KitReport report) throws Exception {
    }

    @Test
    public final void agentPassesTheConformanceKit() throws Exception {
        KitReport report = kit().run();
        report.assertPassed();
        afterKit(report);
    }
}
