package org.karabeat.samples.dummy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.karabeat.spi.AgentResult;
import org.karabeat.spi.ResultCode;
import org.karabeat.spi.testkit.KitResourceRequest;

/** What the kit does not check: the files, the default state path, the codes of validate. */
public class DummyAgentTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final DummyAgent agent = new DummyAgent();

    private KitResourceRequest request(String... nameValue) {
        KitResourceRequest.Builder b = KitResourceRequest.builder("Dummy");
        for (int i = 0; i < nameValue.length; i += 2) {
            b.parameter(nameValue[i], nameValue[i + 1]);
        }
        return b.build();
    }

    @Test
    public void startWritesTheStateFileWithFakeAndStopRemovesIt() throws Exception {
        Path state = tmp.getRoot().toPath().resolve("web.state");
        KitResourceRequest r = request("state", state.toString(), "fake", "abc");

        assertEquals(ResultCode.SUCCESS, agent.start(r).code());
        assertEquals("fake=abc\n", Files.readString(state));
        assertEquals(AgentResult.of(ResultCode.SUCCESS, "already running"), agent.start(r));
        assertTrue(agent.monitor(r).isRunning());
        assertEquals(AgentResult.success(), agent.stop(r));
        assertFalse(Files.exists(state));
        assertEquals(AgentResult.notRunning(), agent.status(r));
    }

    @Test
    public void everyOperationAppendsOneLineToTheCallsFile() throws Exception {
        Path state = tmp.getRoot().toPath().resolve("x.state");
        KitResourceRequest r = request("state", state.toString());
        long before = System.currentTimeMillis();
        agent.validate(r);
        agent.start(r);
        agent.start(r);
        agent.monitor(r);
        agent.status(r);
        agent.stop(r);
        long after = System.currentTimeMillis();

        List<String> lines = Files.readAllLines(tmp.getRoot().toPath().resolve("x.state.calls"));
        assertEquals(6, lines.size());
        List<String> ops = lines.stream().map(l -> l.split(" ")[1]).toList();
        assertEquals(List.of("validate", "start", "start", "monitor", "status", "stop"), ops);
        for (String line : lines) {
            assertTrue(line, line.matches("\\d+ [a-z]+"));
            long t = Long.parseLong(line.split(" ")[0]);
            assertTrue(line, t >= before && t <= after);
        }
    }

    @Test
    public void withoutStateTheFileIsNamedAfterTheResourceInTheTemporaryDirectory() throws Exception {
        KitResourceRequest r = KitResourceRequest.builder("Dummy").arguments(List.of())
                .resourceId("Dummy::fake=a b/c::" + System.nanoTime()).build();
        Path expected = Path.of(System.getProperty("java.io.tmpdir"), "karabeat-dummy",
                r.resourceId().replace(':', '_').replace(' ', '_').replace('/', '_').replace('=', '_') + ".state");
        try {
            assertEquals(AgentResult.success(), agent.validate(r));
            assertEquals(AgentResult.success(), agent.start(r));
            assertTrue(expected.toString(), Files.isRegularFile(expected));
            assertEquals(AgentResult.success(), agent.stop(r));
            assertFalse(Files.exists(expected));
        } finally {
            Files.deleteIfExists(expected);
            Files.deleteIfExists(expected.resolveSibling(expected.getFileName() + ".calls"));
        }
    }

    @Test
    public void aVeryLongResourceIdStillMakesAUsableFileName() {
        String id = "Dummy::" + "x".repeat(500);
        String name = DummyConfig.fileName(id);
        assertEquals(200, name.length());
        assertTrue(name.startsWith("Dummy__xxx"));
        assertFalse(name.equals(DummyConfig.fileName(id + "y")));
        assertEquals("resource", DummyConfig.fileName(""));
    }

    @Test
    public void validateNamesWhatIsWrongWithTheOcfCode() throws Exception {
        Path dir = tmp.getRoot().toPath();
        Path file = Files.createFile(dir.resolve("plain-file"));
        assertCode(ResultCode.ERR_CONFIGURED, "op_sleep 'soon' is not a number of seconds (such as 2 or 0.5)",
                request("state", dir.resolve("a.state").toString(), "op_sleep", "soon"));
        assertCode(ResultCode.ERR_CONFIGURED, "op_sleep '-1' must be between 0 and 86400 seconds",
                request("state", dir.resolve("a.state").toString(), "op_sleep", "-1"));
        assertCode(ResultCode.ERR_CONFIGURED, "state 'relative.state' must be an absolute path",
                request("state", "relative.state"));
        assertCode(ResultCode.ERR_CONFIGURED, "unknown parameter 'op_slep' (Dummy has state, fake, op_sleep)",
                request("state", dir.resolve("a.state").toString(), "op_slep", "2"));
        assertCode(ResultCode.ERR_ARGS, "state directory '" + dir.resolve("missing") + "' does not exist",
                request("state", dir.resolve("missing/a.state").toString()));
        assertCode(ResultCode.ERR_ARGS, "state directory '" + file + "' is not a directory",
                request("state", file.resolve("a.state").toString()));
        assertCode(ResultCode.ERR_ARGS, "state '" + dir + "' is a directory", request("state", dir.toString()));
        assertEquals(AgentResult.success(), agent.validate(request("state", dir.resolve("a.state").toString(),
                "op_sleep", "0.25", "fake", "anything")));
    }

    private void assertCode(ResultCode code, String message, KitResourceRequest r) throws Exception {
        assertEquals(AgentResult.failed(code, message), agent.validate(r));
        assertEquals("start validates first", AgentResult.failed(code, message), agent.start(r));
    }

    @Test
    public void aProbeWhereTheDirectoryIsMissingSaysNotRunningAndStopSucceeds() throws Exception {
        KitResourceRequest r = request("state", tmp.getRoot().toPath().resolve("gone/x.state").toString());
        assertEquals(AgentResult.notRunning(), agent.monitor(r));
        assertEquals(AgentResult.success(), agent.stop(r));
        KitResourceRequest bad = request("state", "relative");
        assertEquals(ResultCode.SUCCESS, agent.stop(bad).code());
        assertEquals(ResultCode.ERR_CONFIGURED, agent.status(bad).code());
    }

    @Test
    public void aStateThatIsADirectoryIsAFailedResource() throws Exception {
        Path dir = Files.createDirectory(tmp.getRoot().toPath().resolve("d.state"));
        assertEquals(ResultCode.ERR_GENERIC, agent.status(request("state", dir.toString())).code());
    }

    @Test
    public void opSleepIsSleptInterruptiblyAtTheStartOfEveryOperation() throws Exception {
        Path state = tmp.getRoot().toPath().resolve("slow.state");
        KitResourceRequest r = request("state", state.toString(), "op_sleep", "0.2");
        long t0 = System.nanoTime();
        agent.status(r);
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 200);

        KitResourceRequest forever = request("state", state.toString(), "op_sleep", "60");
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                outcome.set(agent.start(forever));
            } catch (InterruptedException e) {
                outcome.set(e);
            }
        });
        t.start();
        Thread.sleep(100);
        t.interrupt();
        t.join(1000);
        assertFalse(t.isAlive());
        assertTrue(String.valueOf(outcome.get()), outcome.get() instanceof InterruptedException);
        assertFalse("interrupted before it acted", Files.exists(state));
        assertEquals(2, Files.readAllLines(state.resolveSibling("slow.state.calls")).size());
    }

    @Test
    public void metaDataListsTheParametersInArgumentOrder() {
        String xml = agent.metaData("Dummy");
        int state = xml.indexOf("<parameter name=\"state\"");
        int fake = xml.indexOf("<parameter name=\"fake\"");
        int sleep = xml.indexOf("<parameter name=\"op_sleep\"");
        assertTrue(xml, state > 0 && fake > state && sleep > fake);
        assertTrue(xml, xml.contains("<resource-agent name=\"Dummy\""));
        if (xml.contains("DOCTYPE")) {
            fail("the node reads meta-data with DTDs off");
        }
    }
}
