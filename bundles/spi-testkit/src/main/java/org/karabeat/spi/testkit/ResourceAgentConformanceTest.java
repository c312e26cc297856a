package org.karabeat.spi.testkit;

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
public abstract class ResourceAgentConformanceTest extends AgentConformanceTest<ResourceAgentKit> {

    public ResourceAgentConformanceTest() {
        super(ResourceAgentKit::run);
    }
}
