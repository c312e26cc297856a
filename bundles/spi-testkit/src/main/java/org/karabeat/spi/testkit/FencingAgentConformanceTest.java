package org.karabeat.spi.testkit;

import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A JUnit 4 test a fencing agent author extends: it runs {@link #kit()} and fails listing every check that
 * failed or did not run. The kit powers the plug off and on: point it at a simulator or a lab device.
 * <pre>
 * public class FenceDummyConformanceTest extends FencingAgentConformanceTest {
 *     &#64;Override
 *     protected FencingAgentKit kit() {
 *         return FencingAgentKit.forAgent(new FenceDummyAgent(), "fence_dummy")
 *                 .withParameters(Map.of("power_file", workDirectory().resolve("power").toString(),
 *                         "plugs", "node1,node2"))
 *                 .withPlug("node2");
 *     }
 * }
 * </pre>
 */
public abstract class FencingAgentConformanceTest {

    /** A fresh directory per test, removed afterwards; see {@link #workDirectory()}. */
    @Rule
    public final TemporaryFolder kitFolder = new TemporaryFolder();

    /** The kit, configured for the agent under test. */
    protected abstract FencingAgentKit kit() throws Exception;

    /** A directory of this test's own, for simulator files and the like. */
    protected final Path workDirectory() {
        return kitFolder.getRoot().toPath();
    }

    /** Further assertions on a passed run (e.g. what the device recorded); nothing by default. */
    protected void afterKit(KitReport report) throws Exception {
    }

    @Test
    public final void agentPassesTheConformanceKit() throws Exception {
        KitReport report = kit().run();
        report.assertPassed();
        afterKit(report);
    }
}
