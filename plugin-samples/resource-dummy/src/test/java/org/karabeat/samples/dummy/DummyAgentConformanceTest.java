package org.karabeat.samples.dummy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.karabeat.spi.testkit.KitReport;
import org.karabeat.spi.testkit.ResourceAgentConformanceTest;
import org.karabeat.spi.testkit.ResourceAgentKit;

/** The Dummy agent passes every check of the Karabeat conformance kit, none skipped. */
public class DummyAgentConformanceTest extends ResourceAgentConformanceTest {

    private Path state;

    @Override
    protected ResourceAgentKit kit() {
        state = workDirectory().resolve("r1.state");
        return ResourceAgentKit.forAgent(new DummyAgent(), DummyAgent.TYPE)
                .withParameters(params("state", state.toString(), "fake", "kept"))
                .withBadParameters(params("state", state.toString(), "op_sleep", "soon"))
                // every operation sleeps 1 s: start is interrupted at 300 ms, the clean-up stop takes 1 s
                .withSlowParameters(params("state", workDirectory().resolve("slow.state").toString(), "op_sleep", "1"))
                .withInterruptAfter(Duration.ofMillis(300));
    }

    @Override
    protected void afterKit(KitReport report) throws Exception {
        assertFalse("stopped at the end", Files.exists(state));
        // validate, status, monitor, start, status, monitor, start, status, monitor, stop, status, monitor, stop
        List<String> operations = Files.readAllLines(state.resolveSibling("r1.state.calls")).stream()
                .map(line -> line.split(" ")[1]).toList();
        assertEquals(List.of("validate", "validate", "status", "monitor", "start", "status", "monitor", "start", "status",
                "monitor", "stop", "status", "monitor", "stop"), operations);
        assertEquals(List.of("start", "stop"), Files.readAllLines(workDirectory().resolve("slow.state.calls")).stream()
                .map(line -> line.split(" ")[1]).toList());
    }

    static Map<String, String> params(String... nameValue) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put(nameValue[i], nameValue[i + 1]);
        }
        return m;
    }
}
