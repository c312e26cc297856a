package org.karabeat.samples.fencedummy;

import java.io.IOException;
import java.util.List;

import org.karabeat.spi.FenceRequest;
import org.karabeat.spi.FenceResult;
import org.karabeat.spi.FenceResult.Outcome;
import org.karabeat.spi.FencingAgent;
import org.karabeat.spi.PowerState;
import org.osgi.service.component.annotations.Component;

/**
 * {@code fence_dummy}: a pretend power switch whose plug states live in a file ({@link PowerSwitch}), the
 * template for fencing agents. It follows fence-agents' {@code fence_action}: read the state first (already
 * there is a success), send the command, wait {@code power_wait}, read the state back; success only when the
 * switch confirms it. Reboot is a verified off, then on.
 * <p>
 * Parameters: {@code power_file} (required, absolute path), {@code plugs} (required, comma-separated; any other
 * plug is {@link Outcome#NO_SUCH_PLUG}), {@code power_wait} (seconds, fractions allowed, default 0).
 */
@Component(service = FencingAgent.class, property = FencingAgent.TYPE + "=" + FenceDummyAgent.TYPE)
public final class FenceDummyAgent implements FencingAgent {

    /** The fencing type. */
    public static final String TYPE = "fence_dummy";

    @Override
    public FenceResult status(FenceRequest request) throws InterruptedException {
        try {
            PowerSwitch sw = PowerSwitch.of(request);
            FenceResult unknown = checkPlug(sw, request.plug());
            if (unknown != null) {
                return unknown;
            }
            PowerState state = sw.read(request.plug());
            return FenceResult.verified(state, "Status: " + state);
        } catch (IllegalArgumentException | IOException e) {
            return failed(e);
        }
    }

    @Override
    public FenceResult off(FenceRequest request) throws InterruptedException {
        return power(request, PowerState.OFF);
    }

    @Override
    public FenceResult on(FenceRequest request) throws InterruptedException {
        return power(request, PowerState.ON);
    }

    @Override
    public FenceResult reboot(FenceRequest request) throws InterruptedException {
        try {
            PowerSwitch sw = PowerSwitch.of(request);
            String plug = request.plug();
            FenceResult unknown = checkPlug(sw, plug);
            if (unknown != null) {
                return unknown;
            }
            sw.log("reboot", plug);
            if (sw.read(plug) != PowerState.OFF && set(sw, plug, PowerState.OFF) != PowerState.OFF) {
                return FenceResult.failed(Outcome.TIMEOUT, "Failed: Timed out waiting to power OFF (plug " + plug + ")");
            }
            PowerState after = set(sw, plug, PowerState.ON);
            // the off was confirmed: the target counts as fenced even if it does not come back (fence_action)
            return FenceResult.verified(after, after == PowerState.ON ? "Success: Rebooted"
                    : "Success: Rebooted, but plug " + plug + " did not power ON again");
        } catch (IllegalArgumentException | IOException e) {
            return failed(e);
        }
    }

    @Override
    public List<String> list(FenceRequest request) {
        return PowerSwitch.of(request).plugs();
    }

    @Override
    public String metaData(String type) {
        return "<?xml version=\"1.0\" ?>\n"
                + "<resource-agent name=\"" + escape(type) + "\" shortdesc=\"Pretend power switch (Karabeat sample)\" >\n"
                + "<longdesc>A power switch that exists only as a file: each line of power_file is plug=on|off."
                + " Every off, on and reboot is appended to power_file.log and verified by reading the file back."
                + " For tests and as a template; it fences nothing.</longdesc>\n"
                + "<parameters>\n"
                + "\t<parameter name=\"power_file\" unique=\"0\" required=\"1\">\n"
                + "\t\t<getopt mixed=\"--power-file=[file]\" />\n"
                + "\t\t<content type=\"string\"  />\n"
                + "\t\t<shortdesc lang=\"en\">Absolute path of the file holding the plug states</shortdesc>\n"
                + "\t</parameter>\n"
                + "\t<parameter name=\"plugs\" unique=\"0\" required=\"1\">\n"
                + "\t\t<getopt mixed=\"--plugs=[plug,plug]\" />\n"
                + "\t\t<content type=\"string\"  />\n"
                + "\t\t<shortdesc lang=\"en\">The switch's plugs, comma-separated (node1,node2)</shortdesc>\n"
                + "\t</parameter>\n"
                + "\t<parameter name=\"power_wait\" unique=\"0\" required=\"0\">\n"
                + "\t\t<getopt mixed=\"--power-wait=[seconds]\" />\n"
                + "\t\t<content type=\"second\" default=\"0\"  />\n"
                + "\t\t<shortdesc lang=\"en\">Wait X seconds after issuing ON/OFF</shortdesc>\n"
                + "\t</parameter>\n"
                + "</parameters>\n"
                + "<actions>\n"
                + "\t<action name=\"on\" automatic=\"0\"/>\n"
                + "\t<action name=\"off\" />\n"
                + "\t<action name=\"reboot\" />\n"
                + "\t<action name=\"status\" />\n"
                + "\t<action name=\"list\" />\n"
                + "\t<action name=\"metadata\" />\n"
                + "</actions>\n"
                + "</resource-agent>\n";
    }

    /** fence_action for off and on: already there, or command, wait, read back. */
    private static FenceResult power(FenceRequest request, PowerState target) throws InterruptedException {
        try {
            PowerSwitch sw = PowerSwitch.of(request);
            String plug = request.plug();
            FenceResult unknown = checkPlug(sw, plug);
            if (unknown != null) {
                return unknown;
            }
            sw.log(target.name().toLowerCase(java.util.Locale.ROOT), plug);
            if (sw.read(plug) == target) {
                return FenceResult.verified(target, "Success: Already " + target);
            }
            PowerState readBack = set(sw, plug, target);
            return readBack == target ? FenceResult.verified(target, "Success: Powered " + target)
                    : FenceResult.failed(Outcome.TIMEOUT, "Failed: Timed out waiting to power " + target + " (plug " + plug
                            + " still reads " + readBack + ")");
        } catch (IllegalArgumentException | IOException e) {
            return failed(e);
        }
    }

    /** Commands the plug, waits power_wait, and returns what it reads afterwards. */
    private static PowerState set(PowerSwitch sw, String plug, PowerState target) throws IOException, InterruptedException {
        sw.command(plug, target);
        sw.powerWait();
        return sw.read(plug);
    }

    private static FenceResult checkPlug(PowerSwitch sw, String plug) {
        if (plug == null || plug.isEmpty()) {
            return FenceResult.failed(Outcome.NO_SUCH_PLUG, "Failed: no plug given");
        }
        if (!sw.plugs().contains(plug)) {
            return FenceResult.failed(Outcome.NO_SUCH_PLUG, "Failed: plug '" + plug + "' is not one of the switch's plugs ("
                    + String.join(",", sw.plugs()) + ")");
        }
        return null;
    }

    private static FenceResult failed(Exception e) {
        if (e instanceof IllegalArgumentException || e instanceof PowerSwitch.DeviceError) {
            return FenceResult.failed(Outcome.FAILED, "Failed: " + e.getMessage());
        }
        return FenceResult.failed(Outcome.FAILED, "Failed: " + e);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
