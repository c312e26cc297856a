package org.karabeat.spi.testkit;

import static org.karabeat.spi.testkit.FencingCheck.LIST_CONTAINS_PLUG;
import static org.karabeat.spi.testkit.FencingCheck.META_DATA_FENCE_SHAPE;
import static org.karabeat.spi.testkit.FencingCheck.META_DATA_PRESENT;
import static org.karabeat.spi.testkit.FencingCheck.META_DATA_WELL_FORMED;
import static org.karabeat.spi.testkit.FencingCheck.NO_THREAD_LEFT;
import static org.karabeat.spi.testkit.FencingCheck.OFF_ALREADY_OFF;
import static org.karabeat.spi.testkit.FencingCheck.OFF_VERIFIED;
import static org.karabeat.spi.testkit.FencingCheck.ON_VERIFIED;
import static org.karabeat.spi.testkit.FencingCheck.REBOOT_VERIFIED;
import static org.karabeat.spi.testkit.FencingCheck.STATUS_REPORTS_PLUG;
import static org.karabeat.spi.testkit.FencingCheck.UNKNOWN_PLUG_NOT_SUCCESS;
import static org.karabeat.spi.testkit.FencingCheck.WITHIN_TIMEOUT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.karabeat.spi.FenceResult;
import org.karabeat.spi.FencingAgent;
import org.karabeat.spi.PowerState;
import org.w3c.dom.Document;

/**
 * Checks a {@link FencingAgent} against fence-agents' {@code fence_action} semantics, playing the node:
 * meta-data, status of the plug, off (verified, then status OFF), off again ("Already OFF"), on (verified,
 * status ON), reboot (verified, ends ON), list, and a plug the device does not know; every call on a thread
 * of its own with the request's timeout, checked for threads and child processes left behind. Each check is
 * reported by name ({@link FencingCheck}) in a {@link KitReport}.
 * <pre>
 * FencingAgentKit.forAgent(new FenceDummyAgent(), "fence_dummy")
 *         .withParameters(Map.of("power_file", dir + "/power", "plugs", "node1,node2"))
 *         .withPlug("node2")
 *         .run()
 *         .assertPassed();
 * </pre>
 * <strong>The kit really powers the plug off and on</strong>: run it against a simulator or a lab device,
 * never against a machine that matters. It also calls {@code status} and {@code off} on the
 * {@linkplain #withUnknownPlug unknown plug}. A kit is configured, then {@link #run()}; it is not thread-safe.
 */
public final class FencingAgentKit {

    /** The plug name the kit assumes no device knows, unless {@link #withUnknownPlug} says otherwise. */
    public static final String DEFAULT_UNKNOWN_PLUG = "karabeat-testkit-no-such-plug";

    private final FencingAgent agent;
    private final String type;
    private Map<String, String> parameters = new LinkedHashMap<>();
    private String plug;
    private String unknownPlug = DEFAULT_UNKNOWN_PLUG;
    private Duration timeout = KitFenceRequest.DEFAULT_TIMEOUT;
    private Duration threadGrace = ResourceAgentKit.DEFAULT_THREAD_GRACE;
    private Predicate<Thread> ignoredThreads = t -> false;
    private final Set<FencingCheck> skipped = EnumSet.noneOf(FencingCheck.class);

    private FencingAgentKit(FencingAgent agent, String type) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.type = KitResourceRequest.requireText(type, "type");
    }

    /** A kit for {@code agent}, testing devices of fencing type {@code type}. */
    public static FencingAgentKit forAgent(FencingAgent agent, String type) {
        return new FencingAgentKit(agent, type);
    }

    /** The device parameters (address, credentials, ...), named as in the agent's meta-data. */
    public FencingAgentKit withParameters(Map<String, String> values) {
        this.parameters = new LinkedHashMap<>(Objects.requireNonNull(values, "parameters"));
        return this;
    }

    /** The plug (node, domain, outlet) the kit powers off and on. Required. */
    public FencingAgentKit withPlug(String value) {
        this.plug = KitResourceRequest.requireText(value, "plug");
        return this;
    }

    /** A plug the device does not know ({@value #DEFAULT_UNKNOWN_PLUG} by default). */
    public FencingAgentKit withUnknownPlug(String value) {
        this.unknownPlug = KitResourceRequest.requireText(value, "unknown plug");
        return this;
    }

    /** The timeout of every call (20 s by default). */
    public FencingAgentKit withTimeout(Duration value) {
        this.timeout = KitResourceRequest.requirePositive(value, "timeout");
        return this;
    }

    /** How long threads and processes a call started get to end after it returned (1 s by default). */
    public FencingAgentKit withThreadGrace(Duration value) {
        this.threadGrace = KitResourceRequest.requirePositive(value, "thread grace");
        return this;
    }

    /** Threads that are not the agent's to stop; see {@link ResourceAgentKit#ignoringThreads}. */
    public FencingAgentKit ignoringThreads(Predicate<Thread> predicate) {
        this.ignoredThreads = this.ignoredThreads.or(Objects.requireNonNull(predicate, "predicate"));
        return this;
    }

    /**
     * Leaves checks out: they are reported NOT_RUN "skipped by the test", are not failures, and the kit
     * makes no call for them.
     */
    public FencingAgentKit skip(FencingCheck... checks) {
        skipped.addAll(Arrays.asList(checks));
        return this;
    }

    /**
     * Runs every check that is not skipped.
     *
     * @throws IllegalStateException when no plug was given
     */
    public KitReport run() {
        if (plug == null) {
            throw new IllegalStateException("no plug to fence: call withPlug(...) with a plug of a test device");
        }
        if (plug.equals(unknownPlug)) {
            throw new IllegalStateException("the plug and the unknown plug are both '" + plug + "'");
        }
        return new Run().execute();
    }

    /** One run: the node's side of the conversation. */
    private final class Run {

        private final OperationRunner runner = new OperationRunner(threadGrace, ignoredThreads);
        private final Results<FencingCheck> results = new Results<>(FencingCheck.class, skipped);
        private final KitFenceRequest request = KitFenceRequest.builder(type).parameters(parameters).plug(plug)
                .timeout(timeout).build();

        KitReport execute() {
            metaData();
            if (results.wants(STATUS_REPORTS_PLUG)) {
                Op<FenceResult> op = call("status", request);
                if (success(op) && (op.value().powerState() == PowerState.ON || op.value().powerState() == PowerState.OFF)) {
                    results.pass(STATUS_REPORTS_PLUG, "status of " + plug + " returned " + op.value());
                } else {
                    results.fail(STATUS_REPORTS_PLUG, "status of plug " + plug + " must return SUCCESS with ON or OFF;"
                            + " the agent " + op.outcome());
                }
            }
            boolean off = powerAndCheck(OFF_VERIFIED, "off", PowerState.OFF);
            if (results.wants(OFF_ALREADY_OFF)) {
                if (!off) {
                    results.notRun(OFF_ALREADY_OFF, "status did not say the plug is off (see off.verified)");
                } else {
                    Op<FenceResult> again = call("off again", request);
                    if (verified(again, PowerState.OFF)) {
                        results.pass(OFF_ALREADY_OFF, "off of a plug that is off returned " + again.value());
                    } else {
                        results.fail(OFF_ALREADY_OFF, "off of a plug that is already off must succeed, verified OFF"
                                + " (\"Success: Already OFF\"); the agent " + again.outcome());
                    }
                }
            }
            powerAndCheck(ON_VERIFIED, "on", PowerState.ON);
            if (results.wants(REBOOT_VERIFIED)) {
                Op<FenceResult> op = call("reboot", request);
                List<String> problems = new ArrayList<>();
                if (!success(op) || !op.value().verified()) {
                    problems.add("reboot must succeed verified (the off confirmed by the device); the agent "
                            + op.outcome());
                }
                problems.addAll(statusAfter("reboot", PowerState.ON));
                results.judge(REBOOT_VERIFIED, problems, "reboot returned " + op.value() + " and status says ON");
            }
            if (results.wants(LIST_CONTAINS_PLUG)) {
                Op<List<String>> op = runner.run("list", timeout, true, () -> agent.list(request.withPlug("")));
                if (op.returned() && op.value() != null && op.value().contains(plug)) {
                    results.pass(LIST_CONTAINS_PLUG, "list returned " + op.value());
                } else {
                    results.fail(LIST_CONTAINS_PLUG, "list must return the plugs the device knows, " + plug
                            + " among them; the agent " + op.outcome());
                }
            }
            if (results.wants(UNKNOWN_PLUG_NOT_SUCCESS)) {
                KitFenceRequest unknown = request.withPlug(unknownPlug);
                List<String> problems = new ArrayList<>();
                List<String> answers = new ArrayList<>();
                for (String action : List.of("status", "off")) {
                    Op<FenceResult> op = call(action + " of an unknown plug", action, unknown);
                    answers.add(action + " " + op.outcome());
                    if (success(op)) {
                        problems.add(action + " of plug " + unknownPlug + ", which the device does not know, must not"
                                + " succeed (a typo must not read as \"fenced\"; NO_SUCH_PLUG says it); the agent "
                                + op.outcome());
                    }
                }
                results.judge(UNKNOWN_PLUG_NOT_SUCCESS, problems, "for plug " + unknownPlug + ": " + String.join(", ", answers));
            }
            if (runner.timeoutProblems().isEmpty()) {
                results.pass(WITHIN_TIMEOUT, runner.timeoutSummary());
            } else {
                results.fail(WITHIN_TIMEOUT, String.join("; ", runner.timeoutProblems()));
            }
            results.judge(NO_THREAD_LEFT, runner.leftBehindProblems(), runner.leftBehindSummary());
            return results.report("fencing agent " + type + " (" + agent.getClass().getName() + ")");
        }

        private void metaData() {
            if (!results.wants(META_DATA_PRESENT) && !results.wants(META_DATA_WELL_FORMED)
                    && !results.wants(META_DATA_FENCE_SHAPE)) {
                return;
            }
            Op<String> op = runner.run("meta-data", timeout, true, () -> agent.metaData(type));
            String xml = op.returned() ? op.value() : null;
            if (xml == null || xml.trim().isEmpty()) {
                results.fail(META_DATA_PRESENT, "metaData(\"" + type + "\") must return the agent's meta-data XML;"
                        + " the agent " + (xml == null ? op.outcome() : "returned an empty string"));
                results.notRun(META_DATA_WELL_FORMED, "there is no meta-data to parse (see meta-data.present)");
                results.notRun(META_DATA_FENCE_SHAPE, "there is no meta-data to parse (see meta-data.present)");
                return;
            }
            results.pass(META_DATA_PRESENT, "metaData(\"" + type + "\") returned " + xml.length() + " characters");
            String[] problem = new String[1];
            Document doc = MetaDataXml.parse(xml, problem);
            if (doc == null) {
                results.fail(META_DATA_WELL_FORMED, "meta-data must be well-formed XML; " + problem[0]);
                results.notRun(META_DATA_FENCE_SHAPE, "the meta-data could not be parsed (see meta-data.well-formed)");
                return;
            }
            results.pass(META_DATA_WELL_FORMED, "well-formed XML, root element <" + doc.getDocumentElement().getTagName()
                    + ">");
            List<String> problems = MetaDataXml.shapeProblems(doc, List.of("on", "off", "reboot", "status"), false);
            if (problems.isEmpty()) {
                results.pass(META_DATA_FENCE_SHAPE, "<resource-agent name=\""
                        + doc.getDocumentElement().getAttribute("name") + "\"> with parameters and actions");
            } else {
                results.fail(META_DATA_FENCE_SHAPE,
                        "meta-data must have the fence-agents resource-agent shape; " + String.join("; ", problems));
            }
        }

        /**
         * Off or on, verified, then a status that must agree. True when that status said {@code want} (for
         * off: the plug is known to be off, whatever the action returned); false when the check is skipped.
         */
        private boolean powerAndCheck(FencingCheck check, String action, PowerState want) {
            if (!results.wants(check)) {
                return false;
            }
            Op<FenceResult> op = call(action, request);
            List<String> problems = new ArrayList<>();
            if (!verified(op, want)) {
                problems.add(action + " must succeed with the device confirming " + want + " (SUCCESS, verified, " + want
                        + "); the agent " + op.outcome());
            }
            List<String> status = statusAfter(action, want);
            problems.addAll(status);
            results.judge(check, problems, action + " returned " + op.value() + " and status says " + want);
            return status.isEmpty();
        }

        /** Status after {@code action}; empty when it said {@code want}, else what it said. */
        private List<String> statusAfter(String action, PowerState want) {
            Op<FenceResult> status = call("status after " + action, "status", request);
            if (success(status) && status.value().powerState() == want) {
                return List.of();
            }
            return List.of("status after " + action + " must say " + want + "; the agent " + status.outcome());
        }

        private Op<FenceResult> call(String action, KitFenceRequest r) {
            return call(action, action.split(" ")[0], r);
        }

        private Op<FenceResult> call(String label, String action, KitFenceRequest r) {
            return runner.run(label, r.timeout(), true, () -> {
                switch (action) {
                    case "status":
                        return agent.status(r);
                    case "off":
                        return agent.off(r);
                    case "on":
                        return agent.on(r);
                    case "reboot":
                        return agent.reboot(r);
                    default:
                        throw new IllegalArgumentException(action);
                }
            });
        }
    }

    private static boolean success(Op<FenceResult> op) {
        return op.returned() && op.value() != null && op.value().outcome() == FenceResult.Outcome.SUCCESS;
    }

    private static boolean verified(Op<FenceResult> op, PowerState state) {
        return success(op) && op.value().verified() && op.value().powerState() == state;
    }
}
