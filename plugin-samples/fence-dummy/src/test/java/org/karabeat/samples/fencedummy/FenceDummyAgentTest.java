package org.karabeat.samples.fencedummy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.karabeat.spi.FenceResult;
import org.karabeat.spi.FenceResult.Outcome;
import org.karabeat.spi.PowerState;
import org.karabeat.spi.testkit.KitFenceRequest;

/** What the kit does not check: the files, stuck plugs, parameter errors, power_wait. */
public class FenceDummyAgentTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final FenceDummyAgent agent = new FenceDummyAgent();
    private Path power;
    private KitFenceRequest node2;

    @Before
    public void setUp() {
        power = tmp.getRoot().toPath().resolve("power");
        node2 = KitFenceRequest.builder("fence_dummy").parameter("power_file", power.toString())
                .parameter("plugs", " node1, node2 ,").plug("node2").build();
    }

    @Test
    public void offWritesThePowerFileAndLogsTheAction() throws Exception {
        assertFalse(Files.exists(power));
        assertEquals(PowerState.ON, agent.status(node2).powerState());

        long before = System.currentTimeMillis();
        FenceResult off = agent.off(node2);
        assertTrue(off.toString(), off.confirmedOff());
        assertEquals("Success: Powered OFF", off.message());
        assertEquals(List.of("# fence_dummy plug states: <plug>=on|off|stuck-on|stuck-off", "node2=off"),
                Files.readAllLines(power));
        assertEquals("Success: Already OFF", agent.off(node2).message());
        assertEquals(FenceResult.verified(PowerState.OFF, "Status: OFF").toString(), agent.status(node2).toString());

        List<String> log = Files.readAllLines(tmp.getRoot().toPath().resolve("power.log"));
        assertEquals(2, log.size());
        for (String line : log) {
            String[] f = line.split(" ");
            assertEquals(line, 3, f.length);
            assertTrue(line, Long.parseLong(f[0]) >= before);
            assertEquals("off", f[1]);
            assertEquals("node2", f[2]);
        }
    }

    @Test
    public void theFileCanBeEditedByHandAndKeepsOtherPlugs() throws Exception {
        Files.writeString(power, "# lab switch\nnode1 = OFF\n\nnode2=on\n");
        assertEquals(PowerState.OFF, agent.status(node2.withPlug("node1")).powerState());
        agent.reboot(node2);
        assertEquals(List.of("# fence_dummy plug states: <plug>=on|off|stuck-on|stuck-off", "node1=off", "node2=on"),
                Files.readAllLines(power));
    }

    @Test
    public void aStuckPlugMakesOffFailUnverifiedLikeALyingBmc() throws Exception {
        Files.writeString(power, "node2=stuck-on\n");
        FenceResult off = agent.off(node2);
        assertEquals(Outcome.TIMEOUT, off.outcome());
        assertFalse(off.verified());
        assertEquals("Failed: Timed out waiting to power OFF (plug node2 still reads ON)", off.message());
        assertEquals(Outcome.TIMEOUT, agent.reboot(node2).outcome());
        assertEquals(PowerState.ON, agent.status(node2).powerState());

        Files.writeString(power, "node2=stuck-off\n");
        FenceResult reboot = agent.reboot(node2);
        assertTrue("the off is confirmed, so the node counts as fenced: " + reboot, reboot.confirmedOff());
        assertEquals("Success: Rebooted, but plug node2 did not power ON again", reboot.message());
        assertEquals(Outcome.TIMEOUT, agent.on(node2).outcome());
    }

    @Test
    public void aStateTheSwitchCannotMeanIsADeviceError() throws Exception {
        Files.writeString(power, "node2=maybe\n");
        FenceResult status = agent.status(node2);
        assertEquals(Outcome.FAILED, status.outcome());
        assertEquals(PowerState.UNKNOWN, status.powerState());
        assertTrue(status.message(), status.message().contains("gives plug node2 the state 'maybe'"));

        Files.writeString(power, "node2\n");
        assertTrue(agent.off(node2).message().contains("line 1: expected <plug>=<state>, found 'node2'"));
    }

    @Test
    public void anUnknownOrMissingPlugIsNoSuchPlugAndNothingIsLogged() throws Exception {
        FenceResult r = agent.off(node2.withPlug("node3"));
        assertEquals(Outcome.NO_SUCH_PLUG, r.outcome());
        assertEquals("Failed: plug 'node3' is not one of the switch's plugs (node1,node2)", r.message());
        assertEquals(Outcome.NO_SUCH_PLUG, agent.status(node2.withPlug("")).outcome());
        assertFalse(Files.exists(tmp.getRoot().toPath().resolve("power.log")));
        assertEquals(List.of("node1", "node2"), agent.list(node2.withPlug("")));
    }

    @Test
    public void parameterErrorsNameTheParameter() throws Exception {
        assertFailed("Failed: power_file is required: the file holding the plug states",
                KitFenceRequest.builder("fence_dummy").parameter("plugs", "n1").plug("n1").build());
        assertFailed("Failed: power_file 'power' must be an absolute path to a file",
                KitFenceRequest.builder("fence_dummy").parameter("power_file", "power").parameter("plugs", "n1").plug("n1")
                        .build());
        assertFailed("Failed: plugs is required: the comma-separated plugs of the switch, such as node1,node2",
                KitFenceRequest.builder("fence_dummy").parameter("power_file", power.toString()).plug("n1").build());
        assertFailed("Failed: power_wait 'soon' is not a number of seconds (such as 2 or 0.5)",
                KitFenceRequest.builder("fence_dummy").parameter("power_file", power.toString()).parameter("plugs", "n1")
                        .parameter("power_wait", "soon").plug("n1").build());
        assertFailed("Failed: power_wait '-1' must be between 0 and 3600 seconds",
                KitFenceRequest.builder("fence_dummy").parameter("power_file", power.toString()).parameter("plugs", "n1")
                        .parameter("power_wait", "-1").plug("n1").build());
    }

    private void assertFailed(String message, KitFenceRequest r) throws Exception {
        for (FenceResult result : List.of(agent.status(r), agent.off(r), agent.on(r), agent.reboot(r))) {
            assertEquals(Outcome.FAILED, result.outcome());
            assertEquals(message, result.message());
        }
    }

    @Test
    public void powerWaitIsSleptInterruptiblyBeforeReadingBack() throws Exception {
        KitFenceRequest slow = KitFenceRequest.builder("fence_dummy").parameter("power_file", power.toString())
                .parameter("plugs", "node2").parameter("power_wait", "0.3").plug("node2").build();
        long t0 = System.nanoTime();
        assertTrue(agent.off(slow).confirmedOff());
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 300);

        KitFenceRequest forever = KitFenceRequest.builder("fence_dummy").parameter("power_file", power.toString())
                .parameter("plugs", "node2").parameter("power_wait", "60").plug("node2").build();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                outcome.set(agent.on(forever));
            } catch (InterruptedException e) {
                outcome.set(e);
            }
        });
        t.start();
        Thread.sleep(200);
        t.interrupt();
        t.join(1000);
        assertFalse(t.isAlive());
        assertTrue(String.valueOf(outcome.get()), outcome.get() instanceof InterruptedException);
    }

    @Test
    public void metaDataDescribesTheParameters() {
        String xml = agent.metaData("fence_dummy");
        assertTrue(xml.contains("<resource-agent name=\"fence_dummy\""));
        assertTrue(xml.indexOf("name=\"power_file\"") < xml.indexOf("name=\"plugs\""));
        assertTrue(xml.indexOf("name=\"plugs\"") < xml.indexOf("name=\"power_wait\""));
    }
}
