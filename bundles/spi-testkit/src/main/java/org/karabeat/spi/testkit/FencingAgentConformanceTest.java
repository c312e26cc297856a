package org.karabeat.spi.testkit;

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
public abstract class FencingAgentConformanceTest extends AgentConformanceTest<FencingAgentKit> {

    public FencingAgentConformanceTest() {
        super(FencingAgentKit::run);
    }
}
