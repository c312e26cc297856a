package org.karabeat.spi.testkit;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What {@link ResourceAgentConformanceTest} and {@link FencingAgentConformanceTest} have in common: a JUnit 4
 * test that runs {@link #kit()} and fails listing every check that failed or did not run. An agent author
 * extends one of those two.
 *
 * @param <K> the kit the test runs
 */
public abstract class AgentConformanceTest<K> {

    /** A fresh directory per test, removed afterwards; see {@link #workDirectory()}. */
    @Rule
    public final TemporaryFolder kitFolder = new TemporaryFolder();

    private final Function<K, KitReport> run;

    AgentConformanceTest(Function<K, KitReport> run) {
        this.run = Objects.requireNonNull(run, "run");
    }

    /** The kit, configured for the agent under test. */
    protected abstract K kit() throws Exception;

    /** A directory of this test's own, for state files, simulator files and the like. */
    protected final Path workDirectory() {
        return kitFolder.getRoot().toPath();
    }

    /**
     * Further assertions on a passed run (e.g. what the agent left on the system, what the device recorded);
     * nothing by default.
     */
    protected void afterKit(KitReport report) throws Exception {
    }

    @Test
    public final void agentPassesTheConformanceKit() throws Exception {
        KitReport report = run.apply(kit());
        report.assertPassed();
        afterKit(report);
    }
}
