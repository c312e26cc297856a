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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.karabeat.spi.FenceResult;
import org.karabeat.spi.FencingAgent;
import org.karabeat.spi.PowerState;

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
public final class FencingAgentKit extends AgentKit<FencingAgentKit, FencingCheck> {

    /** The plug name the kit assumes no device knows, unless {@link #withUnknownPlug} says otherwise. */
    public static final String DEFAULT_UNKNOWN_PLUG = "karabeat-testkit-no-such-plug";

    private static final Profile<FencingCheck> PROFILE = new Profile<>("fencing agent", FencingCheck.class,
            MetaDataXml.Family.FENCE_AGENTS, META_DATA_PRESENT, META_DATA_WELL_FORMED, META_DATA_FENCE_SHAPE,
            WITHIN_TIMEOUT, NO_THREAD_LEFT);

    private final FencingAgent agent;
    private String plug;
    private String unknownPlug = DEFAULT_UNKNOWN_PLUG;

    private FencingAgentKit(FencingAgent agent, String type) {
        super(PROFILE, agent, type, KitFenceRequest.DEFAULT_TIMEOUT);
        this.agent = agent;
    }

    /** A kit for {@code agent}, testing devices of fencing type {@code type}. */
    public static FencingAgentKit forAgent(FencingAgent agent, String type) {
        return new FencingAgentKit(agent, type);
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

    @Override
    String agentMetaData() {
        return agent.metaData(type);
    }

    /** One run: fence_action's semantics. */
    private final class Run extends KitRun<KitFenceRequest, FenceResult> {

        private final KitFenceRequest request = KitFenceRequest.builder(type).parameters(parameters).plug(plug)
                .timeout(timeout).build();

        Run() {
            super(Map.of("status", agent::status, "off", agent::off, "on", agent::on, "reboot", agent::reboot),
                    KitFenceRequest::timeout);
        }

        @Override
        void agentChecks() {
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
    }

    private static boolean success(Op<FenceResult> op) {
        return op.returned() && op.value() != null && op.value().outcome() == FenceResult.Outcome.SUCCESS;
    }

    private static boolean verified(Op<FenceResult> op, PowerState state) {
        return success(op) && op.value().verified() && op.value().powerState() == state;
    }
}
