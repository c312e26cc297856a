package org.karabeat.samples.fencedummy;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.karabeat.spi.testkit.FencingAgentConformanceTest;
import org.karabeat.spi.testkit.FencingAgentKit;
import org.karabeat.spi.testkit.KitReport;

/** fence_dummy passes every check of the Karabeat conformance kit, none skipped. */
public class FenceDummyConformanceTest extends FencingAgentConformanceTest {

    private Path power;

    @Override
    protected FencingAgentKit kit() {
        power = workDirectory().resolve("power");
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("power_file", power.toString());
        parameters.put("plugs", "node1,node2");
        parameters.put("power_wait", "0.05");
        return FencingAgentKit.forAgent(new FenceDummyAgent(), FenceDummyAgent.TYPE)
                .withParameters(parameters)
                .withPlug("node2");
    }

    @Override
    protected void afterKit(KitReport report) throws Exception {
        // off, off (already off), on, reboot; the unknown plug is refused before anything is logged
        List<String> log = Files.readAllLines(power.resolveSibling("power.log")).stream()
                .map(line -> line.substring(line.indexOf(' ') + 1)).toList();
        assertEquals(List.of("off node2", "off node2", "on node2", "reboot node2"), log);
        assertEquals(List.of("# fence_dummy plug states: <plug>=on|off|stuck-on|stuck-off", "node2=on"),
                Files.readAllLines(power));
    }
}
