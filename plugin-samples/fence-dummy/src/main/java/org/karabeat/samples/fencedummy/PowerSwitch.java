package org.karabeat.samples.fencedummy;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.karabeat.spi.FenceRequest;
import org.karabeat.spi.PowerState;

/**
 * The pretend switch one request talks to: its parameters, and the power file that is its memory.
 * <p>
 * Power file ({@code power_file}): one {@code <plug>=<state>} per line, {@code #} comments and blank lines
 * ignored, rewritten sorted by plug on every change (atomically: a reader never sees half a file). States:
 * {@code on}, {@code off}, and for tests of the node's verification {@code stuck-on} / {@code stuck-off} (the
 * switch accepts commands but the plug stays on / off, a lying BMC). A known plug missing from the file, or a
 * missing file, is {@code on}. Any other state is a device error.
 * <p>
 * Power log ({@code <power_file>.log}): one {@code <epoch-millis> <action> <plug>} line per off, on or reboot
 * call, written before acting (also when the plug is already in the state asked for).
 * <p>
 * Changes are serialised per power file within the JVM and, through {@code <power_file>.lock}, between
 * processes (two nodes of a test cluster sharing one switch).
 */
final class PowerSwitch {

    /** The switch's parameters, in meta-data order. */
    static final List<String> PARAMETERS = List.of("power_file", "plugs", "power_wait");

    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path powerFile;
    private final List<String> plugs;
    private final long waitMillis;

    private PowerSwitch(Path powerFile, List<String> plugs, long waitMillis) {
        this.powerFile = powerFile;
        this.plugs = plugs;
        this.waitMillis = waitMillis;
    }

    /**
     * The switch a request describes.
     *
     * @throws IllegalArgumentException naming the parameter that is missing or wrong; other names are ignored,
     *         as fence-agents ignores unknown options
     */
    static PowerSwitch of(FenceRequest request) {
        Map<String, String> p = request.parameters();
        String file = p.getOrDefault("power_file", "").trim();
        if (file.isEmpty()) {
            throw new IllegalArgumentException("power_file is required: the file holding the plug states");
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("power_file '" + file + "' is not a valid path: " + e.getReason());
        }
        if (!path.isAbsolute() || path.getFileName() == null) {
            throw new IllegalArgumentException("power_file '" + file + "' must be an absolute path to a file");
        }
        List<String> plugs = new ArrayList<>();
        for (String plug : p.getOrDefault("plugs", "").split(",")) {
            String name = plug.trim();
            if (!name.isEmpty() && !plugs.contains(name)) {
                if (name.contains("=") || name.contains("#") || name.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("plug name '" + name + "' in plugs may not contain '=', '#' or"
                            + " white space");
                }
                plugs.add(name);
            }
        }
        if (plugs.isEmpty()) {
            throw new IllegalArgumentException("plugs is required: the comma-separated plugs of the switch, such as"
                    + " node1,node2");
        }
        long wait = 0;
        String powerWait = p.getOrDefault("power_wait", "").trim();
        if (!powerWait.isEmpty()) {
            try {
                BigDecimal seconds = new BigDecimal(powerWait);
                if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(3600)) > 0) {
                    throw new IllegalArgumentException("power_wait '" + powerWait + "' must be between 0 and 3600 seconds");
                }
                wait = seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("power_wait '" + powerWait + "' is not a number of seconds (such as 2"
                        + " or 0.5)");
            }
        }
        return new PowerSwitch(path.normalize(), Collections.unmodifiableList(plugs), wait);
    }

    Path powerFile() {
        return powerFile;
    }

    List<String> plugs() {
        return plugs;
    }

    /** What {@code plug} reads now. @throws DeviceError when the file says something the switch cannot mean */
    PowerState read(String plug) throws IOException {
        String state = states().getOrDefault(plug, "on");
        switch (state) {
            case "on":
            case "stuck-on":
                return PowerState.ON;
            case "off":
            case "stuck-off":
                return PowerState.OFF;
            default:
                throw new DeviceError("power_file '" + powerFile + "' gives plug " + plug + " the state '" + state
                        + "'; the switch knows on, off, stuck-on and stuck-off");
        }
    }

    /** Tells the switch to set {@code plug} to {@code target}; a stuck plug ignores it. */
    void command(String plug, PowerState target) throws IOException, InterruptedException {
        ReentrantLock lock = LOCKS.computeIfAbsent(powerFile, f -> new ReentrantLock());
        lock.lockInterruptibly();
        Path lockFile = sibling(".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock fileLock = channel.lock()) {
            Map<String, String> states = states();
            if (!states.getOrDefault(plug, "on").startsWith("stuck-")) {
                states.put(plug, target.name().toLowerCase(Locale.ROOT));
                write(states);
            }
        } catch (ClosedByInterruptException e) {
            Thread.interrupted(); // reported by the exception instead
            throw new InterruptedException("interrupted while waiting for " + lockFile);
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps {@code power_wait}, as fence-agents does between a command and reading the state back. */
    void powerWait() throws InterruptedException {
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
    }

    /** Appends {@code <epoch-millis> <action> <plug>} to the power log. */
    void log(String action, String plug) throws IOException {
        Files.writeString(sibling(".log"), System.currentTimeMillis() + " " + action + " " + plug + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    private Map<String, String> states() throws IOException {
        Map<String, String> states = new TreeMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(powerFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return states;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new DeviceError("power_file '" + powerFile + "' line " + (i + 1) + ": expected <plug>=<state>, found '"
                        + line + "'");
            }
            states.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().toLowerCase(Locale.ROOT));
        }
        return states;
    }

    private void write(Map<String, String> states) throws IOException {
        StringBuilder b = new StringBuilder("# fence_dummy plug states: <plug>=on|off|stuck-on|stuck-off\n");
        states.forEach((plug, state) -> b.append(plug).append('=').append(state).append('\n'));
        Path tmp = Files.createTempFile(powerFile.getParent(), "." + powerFile.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, powerFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Path sibling(String suffix) {
        return powerFile.resolveSibling(powerFile.getFileName() + suffix);
    }

    /** The power file says something no switch would. */
    static final class DeviceError extends IOException {
        private static final long serialVersionUID = 1L;

        DeviceError(String message) {
            super(message);
        }
    }
}
