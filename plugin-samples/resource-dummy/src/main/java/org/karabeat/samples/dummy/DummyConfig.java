package org.karabeat.samples.dummy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.karabeat.spi.AgentResult;
import org.karabeat.spi.ResourceRequest;
import org.karabeat.spi.ResultCode;

/**
 * The Dummy agent's parameters, read from one request; immutable.
 * <p>
 * Parameters, in meta-data order (a positional {@code haresources} argument fills them in this order, so
 * {@code Dummy::/run/x.state} sets {@code state}):
 * <ol>
 * <li>{@code state}: the state file, an absolute path. Empty: {@code <java.io.tmpdir>/karabeat-dummy/<resource
 * id with characters other than letters, digits, '.', '_' and '-' replaced by '_'>.state}.</li>
 * <li>{@code fake}: an opaque value, written into the state file (default {@code dummy}).</li>
 * <li>{@code op_sleep}: seconds (fractions allowed) every operation sleeps first, interruptibly (default 0).</li>
 * </ol>
 * Result codes of {@link #validate()}, chosen by the OCF developer guide's definitions:
 * <ul>
 * <li>{@code ERR_CONFIGURED} (fatal: wrong on every node) for a value that can never be right: an unknown
 * parameter name, a relative or malformed {@code state}, an {@code op_sleep} that is not a non-negative
 * number.</li>
 * <li>{@code ERR_ARGS} (hard: try another node) when the configuration "refers to a location not found on the
 * node": the state file's directory does not exist, is not a directory, or {@code state} names a
 * directory. OCF's own Dummy answers ERR_ARGS here too.</li>
 * <li>{@code ERR_PERM} (hard) when the directory exists but this node may not write to it.</li>
 * </ul>
 */
final class DummyConfig {

    static final List<String> PARAMETERS = List.of("state", "fake", "op_sleep");
    static final String DEFAULT_FAKE = "dummy";
    /** Longest file name made from a resource id, before the {@code .state} suffix. */
    private static final int MAX_NAME = 200;

    private final Path state;
    private final boolean defaultState;
    private final String fake;
    private final long sleepMillis;
    private final AgentResult problem;

    private DummyConfig(Path state, boolean defaultState, String fake, long sleepMillis, AgentResult problem) {
        this.state = state;
        this.defaultState = defaultState;
        this.fake = fake;
        this.sleepMillis = sleepMillis;
        this.problem = problem;
    }

    static DummyConfig of(ResourceRequest request) {
        Map<String, String> p = request.parameters();
        AgentResult problem = null;
        for (String name : p.keySet()) {
            if (!PARAMETERS.contains(name)) {
                problem = configured("unknown parameter '" + name + "' (Dummy has " + String.join(", ", PARAMETERS) + ")");
            }
        }

        Path state = null;
        boolean defaultState = false;
        String given = p.getOrDefault("state", "").trim();
        if (given.isEmpty()) {
            state = defaultDirectory().resolve(fileName(request.resourceId()) + ".state");
            defaultState = true;
        } else {
            try {
                Path path = Path.of(given);
                if (!path.isAbsolute()) {
                    problem = configured("state '" + given + "' must be an absolute path");
                } else if (path.getFileName() == null) {
                    problem = configured("state '" + given + "' names no file");
                } else {
                    state = path.normalize();
                }
            } catch (InvalidPathException e) {
                problem = configured("state '" + given + "' is not a valid path: " + e.getReason());
            }
        }

        long sleep = 0;
        String opSleep = p.getOrDefault("op_sleep", "").trim();
        if (!opSleep.isEmpty()) {
            try {
                BigDecimal seconds = new BigDecimal(opSleep);
                if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(86_400)) > 0) {
                    problem = configured("op_sleep '" + opSleep + "' must be between 0 and 86400 seconds");
                } else {
                    sleep = seconds.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
                }
            } catch (NumberFormatException | ArithmeticException e) {
                problem = configured("op_sleep '" + opSleep + "' is not a number of seconds (such as 2 or 0.5)");
            }
        }
        String fake = p.getOrDefault("fake", "");
        return new DummyConfig(state, defaultState, fake.isEmpty() ? DEFAULT_FAKE : fake, sleep, problem);
    }

    /**
     * What is wrong with this configuration on this node, or null. Changes nothing: a missing default
     * directory is fine when {@code java.io.tmpdir} is writable (start creates it).
     */
    AgentResult validate() {
        if (problem != null) {
            return problem;
        }
        Path dir = state.getParent();
        if (defaultState && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (!Files.exists(dir)) {
            return AgentResult.failed(ResultCode.ERR_ARGS, "state directory '" + dir + "' does not exist");
        }
        if (!Files.isDirectory(dir)) {
            return AgentResult.failed(ResultCode.ERR_ARGS, "state directory '" + dir + "' is not a directory");
        }
        if (!Files.isWritable(dir)) {
            return AgentResult.failed(ResultCode.ERR_PERM, "state directory '" + dir + "' is not writable");
        }
        if (Files.isDirectory(state)) {
            return AgentResult.failed(ResultCode.ERR_ARGS, "state '" + state + "' is a directory");
        }
        return null;
    }

    /** The state file; null when the configuration names none usable (then {@link #problem()} says why). */
    Path state() {
        return state;
    }

    boolean defaultState() {
        return defaultState;
    }

    String fake() {
        return fake;
    }

    long sleepMillis() {
        return sleepMillis;
    }

    /** The configuration error found while reading the parameters, or null. */
    AgentResult problem() {
        return problem;
    }

    static Path defaultDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "karabeat-dummy");
    }

    /** A resource id as a file name: unsafe characters replaced, long ids shortened with a hash. */
    static String fileName(String resourceId) {
        String safe = resourceId == null || resourceId.isEmpty() ? "resource" : resourceId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > MAX_NAME) {
            safe = safe.substring(0, MAX_NAME - 17) + "-" + sha256(resourceId).substring(0, 16);
        }
        return safe;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static AgentResult configured(String message) {
        return AgentResult.failed(ResultCode.ERR_CONFIGURED, message);
    }

    /** OCF meta-data: parameters in {@code haresources} argument order, actions with their minimum timeouts. */
    static String metaData(String type) {
        String tmp = escape(defaultDirectory().toString());
        return "<?xml version=\"1.0\"?>\n"
                + "<resource-agent name=\"" + escape(type) + "\" version=\"0.1.0\">\n"
                + "<version>1.0</version>\n"
                + "<longdesc lang=\"en\">\n"
                + "Does nothing but keep its state in a file, like OCF's Dummy: a template for agent authors and a\n"
                + "resource for tests. Every operation appends \"epoch-millis operation\" to STATE.calls, then sleeps\n"
                + "op_sleep seconds.\n"
                + "</longdesc>\n"
                + "<shortdesc lang=\"en\">Example resource agent: a state file</shortdesc>\n"
                + "<parameters>\n"
                + "<parameter name=\"state\" unique=\"1\" required=\"0\">\n"
                + "<longdesc lang=\"en\">Absolute path of the state file; its directory must exist. Empty: "
                + tmp + "/RESOURCE-ID.state.</longdesc>\n"
                + "<shortdesc lang=\"en\">State file</shortdesc>\n"
                + "<content type=\"string\" default=\"\" />\n"
                + "</parameter>\n"
                + "<parameter name=\"fake\" unique=\"0\" required=\"0\">\n"
                + "<longdesc lang=\"en\">An opaque value, written into the state file.</longdesc>\n"
                + "<shortdesc lang=\"en\">Fake attribute</shortdesc>\n"
                + "<content type=\"string\" default=\"" + DEFAULT_FAKE + "\" />\n"
                + "</parameter>\n"
                + "<parameter name=\"op_sleep\" unique=\"0\" required=\"0\">\n"
                + "<longdesc lang=\"en\">Seconds (fractions allowed) every operation sleeps before acting, to test"
                + " timeouts.</longdesc>\n"
                + "<shortdesc lang=\"en\">Operation sleep</shortdesc>\n"
                + "<content type=\"string\" default=\"0\" />\n"
                + "</parameter>\n"
                + "</parameters>\n"
                + "<actions>\n"
                + "<action name=\"start\" timeout=\"20s\" />\n"
                + "<action name=\"stop\" timeout=\"20s\" />\n"
                + "<action name=\"monitor\" timeout=\"20s\" interval=\"10s\" depth=\"0\" />\n"
                + "<action name=\"status\" timeout=\"20s\" />\n"
                + "<action name=\"meta-data\" timeout=\"5s\" />\n"
                + "<action name=\"validate-all\" timeout=\"20s\" />\n"
                + "</actions>\n"
                + "</resource-agent>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
