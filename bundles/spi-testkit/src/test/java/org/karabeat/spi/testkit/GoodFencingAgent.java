package org.karabeat.spi.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.karabeat.spi.FenceRequest;
import org.karabeat.spi.FenceResult;
import org.karabeat.spi.FencingAgent;
import org.karabeat.spi.PowerState;

/**
 * A correct fencing agent for the kit's own tests: a switch in memory with plugs node1 and node2, both ON.
 * The broken agents of {@link FencingAgentKitTest} override one behaviour each.
 */
class GoodFencingAgent implements FencingAgent {

    static final String TYPE = "fence_good";

    static final String META_DATA = "<?xml version=\"1.0\" ?>\n"
            + "<resource-agent name=\"fence_good\" shortdesc=\"A switch in memory\">\n"
            + "<parameters>\n"
            + "  <parameter name=\"ip\" unique=\"0\" required=\"0\"><content type=\"string\"/></parameter>\n"
            + "  <parameter name=\"plug\" unique=\"0\" required=\"1\"><content type=\"string\"/></parameter>\n"
            + "</parameters>\n"
            + "<actions>\n"
            + "  <action name=\"on\"/><action name=\"off\"/><action name=\"reboot\"/><action name=\"status\"/>\n"
            + "  <action name=\"list\"/><action name=\"metadata\"/>\n"
            + "</actions>\n"
            + "</resource-agent>\n";

    final Map<String, PowerState> power = new ConcurrentHashMap<>(Map.of("node1", PowerState.ON, "node2", PowerState.ON));
    /** Every call, "action plug". */
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @Override
    public FenceResult status(FenceRequest request) throws InterruptedException {
        calls.add("status " + request.plug());
        PowerState s = power.get(request.plug());
        return s == null ? noSuchPlug(request) : FenceResult.verified(s, "Status: " + s);
    }

    @Override
    public FenceResult off(FenceRequest request) throws InterruptedException {
        calls.add("off " + request.plug());
        return set(request, PowerState.OFF);
    }

    @Override
    public FenceResult on(FenceRequest request) throws InterruptedException {
        calls.add("on " + request.plug());
        return set(request, PowerState.ON);
    }

    @Override
    public FenceResult reboot(FenceRequest request) throws InterruptedException {
        calls.add("reboot " + request.plug());
        FenceResult off = set(request, PowerState.OFF);
        if (!off.confirmedOff()) {
            return off;
        }
        FenceResult on = set(request, PowerState.ON);
        return FenceResult.verified(on.powerState(), "Rebooted");
    }

    @Override
    public List<String> list(FenceRequest request) throws InterruptedException {
        calls.add("list " + request.plug());
        return new ArrayList<>(new java.util.TreeSet<>(power.keySet()));
    }

    @Override
    public String metaData(String type) {
        return META_DATA;
    }

    FenceResult set(FenceRequest request, PowerState want) {
        PowerState s = power.get(request.plug());
        if (s == null) {
            return noSuchPlug(request);
        }
        if (s == want) {
            return FenceResult.verified(want, "Already " + want);
        }
        power.put(request.plug(), want);
        PowerState readBack = power.get(request.plug());
        return readBack == want ? FenceResult.verified(want, "Powered " + want)
                : FenceResult.failed(FenceResult.Outcome.TIMEOUT, "Timed out waiting to power " + want);
    }

    static FenceResult noSuchPlug(FenceRequest request) {
        return FenceResult.failed(FenceResult.Outcome.NO_SUCH_PLUG, "no plug '" + request.plug() + "'");
    }
}
