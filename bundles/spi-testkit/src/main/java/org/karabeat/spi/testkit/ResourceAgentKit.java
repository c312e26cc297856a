package org.karabeat.spi.testkit;

import static org.karabeat.spi.testkit.ResourceCheck.INTERRUPT_HONOURED;
import static org.karabeat.spi.testkit.ResourceCheck.META_DATA_OCF_SHAPE;
import static org.karabeat.spi.testkit.ResourceCheck.META_DATA_PRESENT;
import static org.karabeat.spi.testkit.ResourceCheck.META_DATA_WELL_FORMED;
import static org.karabeat.spi.testkit.ResourceCheck.NO_THREAD_LEFT;
import static org.karabeat.spi.testkit.ResourceCheck.RUNNING_AFTER_START;
import static org.karabeat.spi.testkit.ResourceCheck.START_IDEMPOTENT;
import static org.karabeat.spi.testkit.ResourceCheck.START_SUCCEEDS;
import static org.karabeat.spi.testkit.ResourceCheck.STOPPED_AFTER_STOP;
import static org.karabeat.spi.testkit.ResourceCheck.STOPPED_BEFORE_START;
import static org.karabeat.spi.testkit.ResourceCheck.STOP_IDEMPOTENT;
import static org.karabeat.spi.testkit.ResourceCheck.STOP_SUCCEEDS;
import static org.karabeat.spi.testkit.ResourceCheck.VALIDATE_ACCEPTS_VALID;
import static org.karabeat.spi.testkit.ResourceCheck.VALIDATE_REJECTS_INVALID;
import static org.karabeat.spi.testkit.ResourceCheck.WITHIN_TIMEOUT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.karabeat.spi.AgentResult;
import org.karabeat.spi.ResourceAgent;
import org.karabeat.spi.ResultCode;

/**
 * Runs {@code ocf-tester}'s script against a {@link ResourceAgent}, playing the node: meta-data, validate
 * (valid and invalid parameters), probe before start, start, start again, stop, stop again, then start with
 * slow parameters interrupted at a short deadline; every call on a thread of its own with the request's
 * timeout, checked for threads and child processes left behind. Each check is reported by name ({@link
 * ResourceCheck}) in a {@link KitReport}.
 * <pre>
 * ResourceAgentKit.forAgent(new DummyAgent(), "Dummy")
 *         .withParameters(Map.of("state", dir + "/r.state"))           // a valid configuration
 *         .withBadParameters(Map.of("op_sleep", "soon"))               // validate must reject it
 *         .withSlowParameters(Map.of("state", dir + "/s.state", "op_sleep", "5"))  // start slower than 500 ms
 *         .run()
 *         .assertPassed();
 * </pre>
 * The kit really starts and stops the resource: give it parameters that are safe to use on the machine
 * running the test. A kit is configured, then {@link #run()} (each run is independent); it is not
 * thread-safe.
 */
public final class ResourceAgentKit extends AgentKit<ResourceAgentKit, ResourceCheck> {

    /** How long after its start the slow start is interrupted, unless {@link #withInterruptAfter} says otherwise. */
    public static final Duration DEFAULT_INTERRUPT_AFTER = Duration.ofMillis(500);
    /** How long threads a call started get to end after it returned, unless {@link #withThreadGrace} says otherwise. */
    public static final Duration DEFAULT_THREAD_GRACE = Duration.ofSeconds(1);

    private static final Set<ResultCode> REJECTIONS = EnumSet.of(ResultCode.ERR_CONFIGURED, ResultCode.ERR_ARGS,
            ResultCode.ERR_INSTALLED, ResultCode.ERR_PERM);

    private static final Profile<ResourceCheck> PROFILE = new Profile<>("resource agent", ResourceCheck.class,
            MetaDataXml.Family.OCF, META_DATA_PRESENT, META_DATA_WELL_FORMED, META_DATA_OCF_SHAPE, WITHIN_TIMEOUT,
            NO_THREAD_LEFT);

    private final ResourceAgent agent;
    private Map<String, String> badParameters;
    private Map<String, String> slowParameters;
    private Duration interruptAfter = DEFAULT_INTERRUPT_AFTER;
    private String localNode = KitResourceRequest.DEFAULT_LOCAL_NODE;
    private String resourceId;
    private final Map<String, String> environment = new LinkedHashMap<>();

    private ResourceAgentKit(ResourceAgent agent, String type) {
        super(PROFILE, agent, type, KitResourceRequest.DEFAULT_TIMEOUT);
        this.agent = agent;
    }

    /** A kit for {@code agent}, testing resources of {@code type} (as written in {@code haresources}). */
    public static ResourceAgentKit forAgent(ResourceAgent agent, String type) {
        return new ResourceAgentKit(agent, type);
    }

    /** An invalid configuration validate must reject; without it {@code validate.rejects-invalid} does not run. */
    public ResourceAgentKit withBadParameters(Map<String, String> values) {
        this.badParameters = copy(values, "bad parameters");
        return this;
    }

    /**
     * A configuration (of a resource of its own) with which start takes longer than {@link
     * #withInterruptAfter the short deadline}; without it {@code timeout.interrupt-honoured} does not run.
     * After the interrupted start the kit stops that resource, with these parameters and the normal timeout.
     */
    public ResourceAgentKit withSlowParameters(Map<String, String> values) {
        this.slowParameters = copy(values, "slow parameters");
        return this;
    }

    /** The short deadline (and request timeout) of the slow start (500 ms by default). */
    public ResourceAgentKit withInterruptAfter(Duration value) {
        this.interruptAfter = KitResourceRequest.requirePositive(value, "interrupt deadline");
        return this;
    }

    /** The node name in requests ({@code node1} by default). */
    public ResourceAgentKit withLocalNode(String value) {
        this.localNode = KitResourceRequest.requireText(value, "localNode");
        return this;
    }

    /**
     * The resource id of the valid configuration; by default the {@code haresources} spec
     * {@code Type::name=value::...}, as for the bad and slow configurations.
     */
    public ResourceAgentKit withResourceId(String value) {
        this.resourceId = KitResourceRequest.requireText(value, "resourceId");
        return this;
    }

    /** Adds to the environment of every request (see {@link KitResourceRequest}). */
    public ResourceAgentKit withEnvironment(Map<String, String> values) {
        environment.putAll(Objects.requireNonNull(values, "environment"));
        return this;
    }

    /** Runs every check that is not skipped. */
    public KitReport run() {
        return new Run().execute();
    }

    @Override
    String agentMetaData() {
        return agent.metaData(type);
    }

    /** One run: ocf-tester's script. */
    private final class Run extends KitRun<KitResourceRequest, AgentResult> {

        private final KitResourceRequest valid = request(parameters, resourceId, timeout);

        Run() {
            super(Map.of("start", agent::start, "stop", agent::stop, "status", agent::status, "monitor", agent::monitor,
                    "validate", agent::validate), KitResourceRequest::timeout);
        }

        @Override
        void agentChecks() {
            validate();
            lifecycle();
            interruption();
        }

        private KitResourceRequest request(Map<String, String> values, String id, Duration t) {
            KitResourceRequest.Builder b = KitResourceRequest.builder(type).parameters(values).localNode(localNode)
                    .timeout(t).environment(environment);
            if (id != null) {
                b.resourceId(id);
            }
            return b.build();
        }

        private void validate() {
            if (results.wants(VALIDATE_ACCEPTS_VALID)) {
                Op<AgentResult> op = call("validate", valid);
                if (is(op, ResultCode.SUCCESS)) {
                    results.pass(VALIDATE_ACCEPTS_VALID, "validate of " + Durations.parameters(parameters) + " returned SUCCESS");
                } else {
                    results.fail(VALIDATE_ACCEPTS_VALID, "validate must accept the valid parameters " + Durations.parameters(parameters)
                            + " with SUCCESS; the agent " + op.outcome() + hint(op));
                }
            }
            if (results.wants(VALIDATE_REJECTS_INVALID)) {
                if (badParameters == null) {
                    results.notRun(VALIDATE_REJECTS_INVALID, "no invalid parameters given: call withBadParameters(...)"
                            + " with a configuration validate must reject, or skip(ResourceCheck.VALIDATE_REJECTS_INVALID)");
                    return;
                }
                Op<AgentResult> op = call("validate of the invalid parameters", request(badParameters, null, timeout));
                if (op.returned() && op.value() != null && REJECTIONS.contains(op.value().code())) {
                    results.pass(VALIDATE_REJECTS_INVALID, "validate of " + Durations.parameters(badParameters) + " returned " + op.value());
                } else {
                    results.fail(VALIDATE_REJECTS_INVALID, "validate must reject the invalid parameters " + Durations.parameters(badParameters)
                            + " with ERR_CONFIGURED, ERR_ARGS, ERR_INSTALLED or ERR_PERM; the agent " + op.outcome()
                            + hint(op));
                }
            }
        }

        private void lifecycle() {
            if (results.wants(STOPPED_BEFORE_START)) {
                List<String> problems = new ArrayList<>();
                for (String probe : List.of("status", "monitor")) {
                    Op<AgentResult> op = call(probe + " before start", probe, valid);
                    if (!is(op, ResultCode.NOT_RUNNING)) {
                        problems.add(probe + " of a resource that was never started must return NOT_RUNNING; the agent "
                                + op.outcome() + (is(op, ResultCode.SUCCESS)
                                        ? " (if an earlier run left it running, clean up first or give a fresh location)"
                                        : hint(op)));
                    }
                }
                results.judge(STOPPED_BEFORE_START, problems, "status and monitor returned NOT_RUNNING");
            }

            Op<AgentResult> start = call("start", valid);
            boolean started = is(start, ResultCode.SUCCESS);
            if (started) {
                results.pass(START_SUCCEEDS, "start returned SUCCESS in " + Durations.formatNanos(start.elapsedNanos()));
            } else {
                results.fail(START_SUCCEEDS, "start of a stopped resource with the valid parameters " + Durations.parameters(parameters)
                        + " must succeed; the agent " + start.outcome() + hint(start));
            }

            if (results.wants(RUNNING_AFTER_START)) {
                if (!started) {
                    results.notRun(RUNNING_AFTER_START, "start did not succeed (see start.succeeds)");
                } else {
                    results.judge(RUNNING_AFTER_START, probes("after start", ResultCode.SUCCESS,
                            " right after a successful start must report the resource running (SUCCESS)"),
                            "status and monitor returned SUCCESS");
                }
            }

            if (results.wants(START_IDEMPOTENT)) {
                if (!started) {
                    results.notRun(START_IDEMPOTENT, "start did not succeed (see start.succeeds)");
                } else {
                    List<String> problems = new ArrayList<>();
                    Op<AgentResult> again = call("start again", "start", valid);
                    if (!is(again, ResultCode.SUCCESS)) {
                        problems.add("start of a running resource must succeed (idempotent); the agent " + again.outcome()
                                + hint(again));
                    }
                    problems.addAll(probes("after the second start", ResultCode.SUCCESS,
                            " after a second start must still report the resource running (SUCCESS)"));
                    results.judge(START_IDEMPOTENT, problems,
                            "start of a running resource returned SUCCESS and it still runs");
                }
            }

            Op<AgentResult> stop = call("stop", valid);
            boolean stopped = is(stop, ResultCode.SUCCESS);
            if (stopped) {
                results.pass(STOP_SUCCEEDS, "stop returned SUCCESS in " + Durations.formatNanos(stop.elapsedNanos()));
            } else {
                results.fail(STOP_SUCCEEDS, (started ? "stop of a running resource must succeed"
                        : "stop must succeed whether or not start did") + " (a failed stop gets the node fenced); the agent "
                        + stop.outcome() + hint(stop));
            }

            if (results.wants(STOPPED_AFTER_STOP)) {
                if (!stopped) {
                    results.notRun(STOPPED_AFTER_STOP, "stop did not succeed (see stop.succeeds)");
                } else {
                    results.judge(STOPPED_AFTER_STOP, probes("after stop", ResultCode.NOT_RUNNING,
                            " after a successful stop must return NOT_RUNNING"), "status and monitor returned NOT_RUNNING");
                }
            }

            if (results.wants(STOP_IDEMPOTENT)) {
                if (!stopped) {
                    results.notRun(STOP_IDEMPOTENT, "stop did not succeed, so the resource may still run (see stop.succeeds)");
                } else {
                    Op<AgentResult> again = call("stop again", "stop", valid);
                    if (is(again, ResultCode.SUCCESS)) {
                        results.pass(STOP_IDEMPOTENT, "stop of a stopped resource returned SUCCESS");
                    } else {
                        results.fail(STOP_IDEMPOTENT, "stop of a stopped resource must succeed (\"Stopping a stopped"
                                + " resource is required to succeed\"); the agent " + again.outcome() + hint(again));
                    }
                }
            }
        }

        /** Status and monitor, each expected to return {@code expected}; the problems found. */
        private List<String> probes(String when, ResultCode expected, String must) {
            List<String> problems = new ArrayList<>();
            for (String probe : List.of("status", "monitor")) {
                Op<AgentResult> op = call(probe + " " + when, probe, valid);
                if (!is(op, expected)) {
                    problems.add(probe + must + "; the agent " + op.outcome() + hint(op));
                }
            }
            return problems;
        }

        private void interruption() {
            if (!results.wants(INTERRUPT_HONOURED)) {
                return;
            }
            if (slowParameters == null) {
                results.notRun(INTERRUPT_HONOURED, "no slow parameters given: call withSlowParameters(...) with a"
                        + " configuration that makes start take longer than " + Durations.format(interruptAfter)
                        + ", or skip(ResourceCheck.INTERRUPT_HONOURED)");
                return;
            }
            KitResourceRequest slow = request(slowParameters, null, interruptAfter);
            Op<AgentResult> op = runner.run("start with the slow parameters", interruptAfter, false,
                    () -> agent.start(slow));
            String what = "start with the slow parameters " + Durations.parameters(slowParameters);
            String message;
            if (!op.interrupted) {
                results.notRun(INTERRUPT_HONOURED, what + " " + op.outcome() + " after "
                        + Durations.formatNanos(op.elapsedNanos()) + ", before the " + Durations.format(interruptAfter)
                        + " deadline, so interruption was not tested: give slower parameters (withSlowParameters) or a"
                        + " shorter deadline (withInterruptAfter)" + cleanup(slow));
                return;
            }
            if (op.finished()) {
                message = what + " was interrupted at its " + Durations.format(interruptAfter) + " timeout and "
                        + op.outcome().replaceFirst(" \\(interrupted at its timeout\\)", "") + " "
                        + Durations.formatNanos(op.afterInterruptNanos()) + " later";
                results.pass(INTERRUPT_HONOURED, message + cleanup(slow));
                return;
            }
            message = "an operation interrupted at its timeout must return or throw InterruptedException within "
                    + Durations.format(OperationRunner.INTERRUPT_GRACE) + ", as the node interrupts it there; " + what
                    + " was interrupted at its " + Durations.format(interruptAfter) + " timeout and had not returned "
                    + Durations.format(OperationRunner.INTERRUPT_GRACE) + " later";
            if (runner.awaitEnd(op, timeout)) {
                message += " (it " + op.outcome() + " " + Durations.formatNanos(op.afterInterruptNanos())
                        + " after the interrupt)";
            } else {
                message += " (it was still running " + Durations.format(timeout.plus(OperationRunner.INTERRUPT_GRACE))
                        + " after the interrupt)";
            }
            results.fail(INTERRUPT_HONOURED, message + cleanup(slow));
        }

        /** Stops the slow resource, as the node does after a timed-out start; says how that went. */
        private String cleanup(KitResourceRequest slow) {
            Op<AgentResult> stop = call("stop after the interrupted start", "stop", slow.withTimeout(timeout));
            return "; cleanup: stop " + stop.outcome();
        }
    }

    private static boolean is(Op<AgentResult> op, ResultCode code) {
        return op.returned() && op.value() != null && op.value().code() == code;
    }

    /** A hint for a result the node reads differently from what the agent probably meant. */
    private static String hint(Op<AgentResult> op) {
        if (op.returned() && op.value() != null && op.value().code() == ResultCode.TIMEOUT) {
            return " (TIMEOUT is the node's verdict, an agent never returns it)";
        }
        return "";
    }
}
