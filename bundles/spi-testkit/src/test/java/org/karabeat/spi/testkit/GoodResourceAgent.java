package org.karabeat.spi.testkit;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.karabeat.spi.AgentResult;
import org.karabeat.spi.ResourceAgent;
import org.karabeat.spi.ResourceRequest;
import org.karabeat.spi.ResultCode;

/**
 * A correct agent for the kit's own tests: the resource is an entry in memory keyed by resource id.
 * Parameters: {@code name} (required, lower-case letters and digits), {@code sleep_ms} (start sleeps that
 * long, interruptibly). The broken agents of {@link ResourceAgentKitTest} override one behaviour each.
 */
class GoodResourceAgent implements ResourceAgent {

    static final String TYPE = "Good";

    static final String META_DATA = "<?xml version=\"1.0\"?>\n"
            + "<resource-agent name=\"Good\" version=\"1.0\">\n"
            + "  <version>1.0</version>\n"
            + "  <shortdesc lang=\"en\">A resource in memory</shortdesc>\n"
            + "  <parameters>\n"
            + "    <parameter name=\"name\" unique=\"1\" required=\"1\"><content type=\"string\"/></parameter>\n"
            + "    <parameter name=\"sleep_ms\"><content type=\"integer\" default=\"0\"/></parameter>\n"
            + "  </parameters>\n"
            + "  <actions>\n"
            + "    <action name=\"start\" timeout=\"20s\"/>\n"
            + "    <action name=\"stop\" timeout=\"20s\"/>\n"
            + "    <action name=\"monitor\" timeout=\"20s\" interval=\"10s\"/>\n"
            + "    <action name=\"status\" timeout=\"20s\"/>\n"
            + "    <action name=\"meta-data\" timeout=\"5s\"/>\n"
            + "    <action name=\"validate-all\" timeout=\"20s\"/>\n"
            + "  </actions>\n"
            + "</resource-agent>\n";

    final Set<String> running = ConcurrentHashMap.newKeySet();
    /** Every call, "operation resourceId", for tests that count. */
    final java.util.List<String> calls = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @Override
    public AgentResult start(ResourceRequest request) throws InterruptedException {
        calls.add("start " + request.resourceId());
        AgentResult invalid = check(request.parameters());
        if (invalid != null) {
            return invalid;
        }
        sleep(request);
        running.add(request.resourceId());
        return AgentResult.success();
    }

    @Override
    public AgentResult stop(ResourceRequest request) throws InterruptedException {
        calls.add("stop " + request.resourceId());
        running.remove(request.resourceId());
        return AgentResult.success();
    }

    @Override
    public AgentResult status(ResourceRequest request) throws InterruptedException {
        calls.add("status " + request.resourceId());
        return running.contains(request.resourceId()) ? AgentResult.success() : AgentResult.notRunning();
    }

    @Override
    public AgentResult validate(ResourceRequest request) throws InterruptedException {
        calls.add("validate " + request.resourceId());
        AgentResult invalid = check(request.parameters());
        return invalid == null ? AgentResult.success() : invalid;
    }

    @Override
    public String metaData(String type) {
        return META_DATA;
    }

    static AgentResult check(Map<String, String> parameters) {
        String name = parameters.getOrDefault("name", "");
        if (!name.matches("[a-z0-9]+")) {
            return AgentResult.failed(ResultCode.ERR_CONFIGURED, "name '" + name + "' must be lower-case letters and digits");
        }
        if (!parameters.getOrDefault("sleep_ms", "0").matches("[0-9]+")) {
            return AgentResult.failed(ResultCode.ERR_CONFIGURED, "sleep_ms must be a number of milliseconds");
        }
        return null;
    }

    static void sleep(ResourceRequest request) throws InterruptedException {
        Thread.sleep(Long.parseLong(request.parameters().getOrDefault("sleep_ms", "0")));
    }

    /** Sleeps {@code ms} and carries on when interrupted: what a broken agent does. */
    static void sleepIgnoringInterrupts(long ms) {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000L));
            } catch (InterruptedException e) {
                // swallowed: the bug under test
            }
        }
    }
}
