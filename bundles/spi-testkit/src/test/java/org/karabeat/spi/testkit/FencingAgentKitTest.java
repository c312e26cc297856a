package org.karabeat.spi.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
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
import static org.karabeat.spi.testkit.KitAssertions.assertEveryCheckPassed;
import static org.karabeat.spi.testkit.KitAssertions.assertOnly;
import static org.karabeat.spi.testkit.KitAssertions.names;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.karabeat.spi.FenceRequest;
import org.karabeat.spi.FenceResult;
import org.karabeat.spi.FencingAgent;
import org.karabeat.spi.PowerState;

/**
 * The fencing kit against a correct agent (everything passes) and against broken agents, one per check:
 * each makes exactly the intended check fail, with a message that names what the agent did.
 */
public class FencingAgentKitTest {

    @Rule
    public final LeftBehind leftBehind = new LeftBehind();

    static FencingAgentKit kit(FencingAgent agent) {
        return FencingAgentKit.forAgent(agent, GoodFencingAgent.TYPE)
                .withParameters(Map.of("ip", "192.0.2.1"))
                .withPlug("node2")
                .withThreadGrace(Duration.ofMillis(300));
    }

    @Test
    public void aCorrectAgentPassesEveryCheck() {
        GoodFencingAgent agent = new GoodFencingAgent();
        assertEveryCheckPassed(kit(agent).run(), FencingCheck.values());
        assertEquals(List.of("status node2", "off node2", "status node2", "off node2", "on node2", "status node2",
                "reboot node2", "status node2", "list ", "status karabeat-testkit-no-such-plug",
                "off karabeat-testkit-no-such-plug"), agent.calls);
        assertEquals(PowerState.ON, agent.power.get("node2"));
        assertEquals(PowerState.ON, agent.power.get("node1"));
    }

    @Test
    public void theReportNamesEveryCheckInOrder() {
        assertEquals(List.of("meta-data.present", "meta-data.well-formed", "meta-data.fence-shape",
                "status.reports-plug", "off.verified", "off.already-off", "on.verified", "reboot.verified",
                "list.contains-plug", "unknown-plug.not-success", "operations.within-timeout",
                "operations.no-thread-left"), names(kit(new GoodFencingAgent()).run()));
    }

    @Test
    public void aPlugIsRequired() {
        try {
            FencingAgentKit.forAgent(new GoodFencingAgent(), "fence_good").run();
            fail("no plug");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("withPlug"));
        }
    }

    @Test
    public void metaDataMissing() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public String metaData(String type) {
                return "  ";
            }
        }).run();
        assertOnly(report, META_DATA_PRESENT, EnumSet.of(META_DATA_WELL_FORMED, META_DATA_FENCE_SHAPE),
                "the agent returned an empty string");
    }

    @Test
    public void metaDataMalformed() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public String metaData(String type) {
                return META_DATA.replace("</parameters>", "</parameter>");
            }
        }).run();
        assertOnly(report, META_DATA_WELL_FORMED, EnumSet.of(META_DATA_FENCE_SHAPE), "meta-data must be well-formed XML",
                "the parser stopped at line 6");
    }

    @Test
    public void metaDataWithoutReboot() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public String metaData(String type) {
                return META_DATA.replace("<action name=\"reboot\"/>", "");
            }
        }).run();
        assertOnly(report, META_DATA_FENCE_SHAPE, "fence-agents resource-agent shape", "action 'reboot' is not listed");
    }

    @Test
    public void statusAnsweringFromACacheThatKnowsNothingYet() {
        KitReport report = kit(new GoodFencingAgent() {
            boolean acted;

            @Override
            public FenceResult status(FenceRequest request) throws InterruptedException {
                return acted || !power.containsKey(request.plug()) ? super.status(request)
                        : FenceResult.unverified(PowerState.UNKNOWN, "not polled yet");
            }

            @Override
            public FenceResult off(FenceRequest request) throws InterruptedException {
                acted = true;
                return super.off(request);
            }
        }).run();
        assertOnly(report, STATUS_REPORTS_PLUG, "status of plug node2 must return SUCCESS with ON or OFF",
                "the agent returned SUCCESS UNKNOWN (not verified): not polled yet");
    }

    @Test
    public void offNotVerified() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public FenceResult off(FenceRequest request) throws InterruptedException {
                FenceResult r = super.off(request);
                return r.message().startsWith("Powered") ? FenceResult.unverified(PowerState.OFF, "command sent") : r;
            }
        }).run();
        assertOnly(report, OFF_VERIFIED, "off must succeed with the device confirming OFF (SUCCESS, verified, OFF)",
                "the agent returned SUCCESS OFF (not verified): command sent");
    }

    @Test
    public void offTimingOutWaitingForThePowerToDrop() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public FenceResult off(FenceRequest request) throws InterruptedException {
                return power.containsKey(request.plug())
                        ? FenceResult.failed(FenceResult.Outcome.TIMEOUT, "Timed out waiting to power OFF")
                        : noSuchPlug(request);
            }
        }).run();
        assertOnly(report, OFF_VERIFIED, EnumSet.of(OFF_ALREADY_OFF), "the agent returned TIMEOUT UNKNOWN (not verified):"
                + " Timed out waiting to power OFF", "status after off must say OFF; the agent returned SUCCESS ON");
        assertEquals("status did not say the plug is off (see off.verified)", report.result(OFF_ALREADY_OFF).message());
    }

    @Test
    public void statusLying() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public FenceResult status(FenceRequest request) throws InterruptedException {
                return power.containsKey(request.plug()) ? FenceResult.verified(PowerState.ON, "Status: ON")
                        : super.status(request);
            }
        }).run();
        // the device never says the plug is off, so "already off" cannot be tested
        assertOnly(report, OFF_VERIFIED, EnumSet.of(OFF_ALREADY_OFF),
                "status after off must say OFF; the agent returned SUCCESS ON (verified): Status: ON");
    }

    @Test
    public void offOfAPlugThatIsOffFailing() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public FenceResult off(FenceRequest request) throws InterruptedException {
                if (power.get(request.plug()) == PowerState.OFF) {
                    return FenceResult.failed(FenceResult.Outcome.FAILED, "outlet already off");
                }
                return super.off(request);
            }
        }).run();
        assertOnly(report, OFF_ALREADY_OFF, "off of a plug that is already off must succeed, verified OFF",
                "the agent returned FAILED UNKNOWN (not verified): outlet already off");
    }

    @Test
    public void onNotVerified() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public FenceResult on(FenceRequest request) throws InterruptedException {
                super.on(request);
                return FenceResult.unverified(PowerState.ON, "command sent");
            }
        }).run();
        assertOnly(report, ON_VERIFIED, "on must succeed with the device confirming ON",
                "the agent returned SUCCESS ON (not verified): command sent");
    }

    @Test
    public void rebootLeavingThePlugOff() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public FenceResult reboot(FenceRequest request) throws InterruptedException {
                FenceResult off = set(request, PowerState.OFF);
                return off.confirmedOff() ? FenceResult.verified(PowerState.ON, "Rebooted") : off;
            }
        }).run();
        assertOnly(report, REBOOT_VERIFIED, "status after reboot must say ON; the agent returned SUCCESS OFF (verified)");
    }

    @Test
    public void rebootNotVerified() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public FenceResult reboot(FenceRequest request) throws InterruptedException {
                super.reboot(request);
                return FenceResult.unverified(PowerState.ON, "cycled");
            }
        }).run();
        assertOnly(report, REBOOT_VERIFIED, "reboot must succeed verified", "the agent returned SUCCESS ON (not verified): cycled");
    }

    @Test
    public void listWithoutThePlug() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public List<String> list(FenceRequest request) {
                return List.of("node1");
            }
        }).run();
        assertOnly(report, LIST_CONTAINS_PLUG, "list must return the plugs the device knows, node2 among them",
                "the agent returned [node1]");
    }

    @Test
    public void anUnknownPlugReadAsOff() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public FenceResult status(FenceRequest request) throws InterruptedException {
                return power.containsKey(request.plug()) ? super.status(request)
                        : FenceResult.verified(PowerState.OFF, "Status: OFF"); // fence-agents' missing_as_off
            }
        }).withUnknownPlug("nodee2").run();
        assertOnly(report, UNKNOWN_PLUG_NOT_SUCCESS, "status of plug nodee2, which the device does not know, must not"
                + " succeed", "the agent returned SUCCESS OFF (verified): Status: OFF");
    }

    @Test
    public void statusLeavingAThreadBehind() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public FenceResult status(FenceRequest request) throws InterruptedException {
                if (request.plug().equals("node2") && calls.isEmpty()) {
                    leftBehind.waitingThread("session-keepalive").start();
                }
                return super.status(request);
            }
        }).run();
        assertOnly(report, NO_THREAD_LEFT, "status left thread 'session-keepalive' (daemon, WAITING)");
    }

    @Test
    public void aCallSlowerThanItsTimeout() {
        KitReport report = kit(new GoodFencingAgent() {
            @Override
            public List<String> list(FenceRequest request) throws InterruptedException {
                GoodResourceAgent.sleepIgnoringInterrupts(400);
                return super.list(request);
            }
        }).withTimeout(Duration.ofMillis(200)).run();
        assertOnly(report, WITHIN_TIMEOUT, "list took ", "more than its 200 ms timeout");
    }

    @Test
    public void requestsCarryTypeParametersPlugAndTimeout() {
        List<FenceRequest> seen = Collections.synchronizedList(new ArrayList<>());
        kit(new GoodFencingAgent() {
            @Override
            public FenceResult off(FenceRequest request) throws InterruptedException {
                seen.add(request);
                return super.off(request);
            }

            @Override
            public List<String> list(FenceRequest request) throws InterruptedException {
                seen.add(request);
                return super.list(request);
            }
        }).withTimeout(Duration.ofSeconds(9)).run().assertPassed();
        FenceRequest off = seen.get(0);
        assertEquals("fence_good", off.type());
        assertEquals(Map.of("ip", "192.0.2.1"), off.parameters());
        assertEquals("node2", off.plug());
        assertEquals(Duration.ofSeconds(9), off.timeout());
        FenceRequest list = seen.stream().filter(r -> r.plug().isEmpty()).findFirst().get();
        assertEquals(Map.of("ip", "192.0.2.1"), list.parameters());
        assertFalse("a request never prints its parameters", off.toString().contains("192.0.2.1"));
    }

    @Test
    public void skippedChecksMakeNoCalls() {
        GoodFencingAgent agent = new GoodFencingAgent();
        KitReport report = kit(agent).skip(UNKNOWN_PLUG_NOT_SUCCESS, REBOOT_VERIFIED, LIST_CONTAINS_PLUG).run();
        report.assertPassed();
        assertTrue(report.result(UNKNOWN_PLUG_NOT_SUCCESS).skipped());
        assertEquals(List.of("status node2", "off node2", "status node2", "off node2", "on node2", "status node2"),
                agent.calls);
    }
}
