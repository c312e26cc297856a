package org.karabeat.samples.dummy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.karabeat.spi.AgentResult;
import org.karabeat.spi.ResourceAgent;
import org.karabeat.spi.ResourceRequest;
import org.karabeat.spi.ResultCode;
import org.osgi.service.component.annotations.Component;

/**
 * OCF's {@code Dummy} as a Karabeat resource agent: the resource is a state file. It does nothing else;
 * it is the template for agent authors and a resource for tests.
 * <ul>
 * <li>{@code start} creates the state file (holding {@code fake=<fake>}), {@code stop} removes it,
 * {@code status} and {@code monitor} answer SUCCESS when it exists, NOT_RUNNING when it does not.</li>
 * <li>Every operation first appends {@code <epoch-millis> <operation>} to {@code <state>.calls} (so a test can
 * count how often start ran), then sleeps {@code op_sleep} seconds, interruptibly (so a test can exercise
 * timeouts).</li>
 * <li>Start and stop are idempotent; stop fails only when the state file cannot be removed.</li>
 * </ul>
 * Parameters, codes and files: see {@link DummyConfig} and the README.
 */
@Component(service = ResourceAgent.class, property = ResourceAgent.TYPE + "=" + DummyAgent.TYPE)
public final class DummyAgent implements ResourceAgent {

    /** The resource type, as written in {@code haresources} ({@code Dummy::/run/x.state}). */
    public static final String TYPE = "Dummy";

    @Override
    public AgentResult start(ResourceRequest request) throws InterruptedException {
        DummyConfig c = begin(request, "start");
        AgentResult invalid = c.validate();
        if (invalid != null) {
            return invalid;
        }
        if (Files.isRegularFile(c.state())) {
            return AgentResult.of(ResultCode.SUCCESS, "already running");
        }
        try {
            if (c.defaultState()) {
                Files.createDirectories(c.state().getParent());
            }
            Files.writeString(c.state(), "fake=" + c.fake() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            return AgentResult.failed(ResultCode.ERR_GENERIC, "cannot create state file '" + c.state() + "': " + e);
        }
        // like an OCF start: return only once monitor would say it runs
        return Files.isRegularFile(c.state()) ? AgentResult.success()
                : AgentResult.failed(ResultCode.ERR_GENERIC, "state file '" + c.state() + "' vanished right after start");
    }

    @Override
    public AgentResult stop(ResourceRequest request) throws InterruptedException {
        DummyConfig c = begin(request, "stop");
        if (c.state() == null) {
            // with no usable state file the resource cannot have been started: nothing to stop
            return AgentResult.of(ResultCode.SUCCESS, "not running (" + c.problem().message() + ")");
        }
        try {
            Files.deleteIfExists(c.state());
        } catch (IOException e) {
            // a failed stop gets this node fenced: only when the file really cannot be removed
            return AgentResult.failed(ResultCode.ERR_GENERIC, "cannot remove state file '" + c.state() + "': " + e);
        }
        return AgentResult.success();
    }

    @Override
    public AgentResult status(ResourceRequest request) throws InterruptedException {
        return probe(begin(request, "status"));
    }

    @Override
    public AgentResult monitor(ResourceRequest request) throws InterruptedException {
        return probe(begin(request, "monitor"));
    }

    @Override
    public AgentResult validate(ResourceRequest request) throws InterruptedException {
        DummyConfig c = begin(request, "validate");
        AgentResult invalid = c.validate();
        return invalid == null ? AgentResult.success() : invalid;
    }

    @Override
    public String metaData(String type) {
        return DummyConfig.metaData(type);
    }

    /** Running, cleanly stopped, or failed: three answers, as OCF's monitor. */
    private static AgentResult probe(DummyConfig c) {
        if (c.state() == null) {
            return c.problem();
        }
        if (Files.isRegularFile(c.state())) {
            return AgentResult.success();
        }
        if (Files.exists(c.state())) {
            return AgentResult.failed(ResultCode.ERR_GENERIC, "state '" + c.state() + "' is not a regular file");
        }
        // also when the directory is missing: a probe on a node without it still says "not running"
        return AgentResult.notRunning();
    }

    /** Reads the parameters, records the call, sleeps {@code op_sleep}: what every operation does first. */
    private static DummyConfig begin(ResourceRequest request, String operation) throws InterruptedException {
        DummyConfig c = DummyConfig.of(request);
        record(c, operation);
        if (c.sleepMillis() > 0) {
            Thread.sleep(c.sleepMillis()); // interruptible: the node interrupts at the timeout
        }
        return c;
    }

    /** Appends {@code <epoch-millis> <operation>} to {@code <state>.calls}, when the directory exists. */
    private static void record(DummyConfig c, String operation) {
        if (c.state() == null) {
            return;
        }
        Path calls = c.state().resolveSibling(c.state().getFileName() + ".calls");
        try {
            if (c.defaultState()) {
                Files.createDirectories(calls.getParent());
            }
            if (Files.isDirectory(calls.getParent())) {
                Files.writeString(calls, System.currentTimeMillis() + " " + operation + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            // the call log is for tests; an operation never fails because of it
        }
    }
}
