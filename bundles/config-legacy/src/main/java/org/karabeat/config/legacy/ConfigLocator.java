package org.karabeat.config.legacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.karabeat.api.ConfigFinding;
import org.karabeat.api.ConfigFinding.Severity;

/**
 * Decides which directory holds the configuration: {@code $KARABEAT_CONF} if set; else the directory
 * Karabeat's own configuration names, if any; else the first of {@code /etc/ha.d} and {@code /etc/heartbeat}
 * that holds an {@code ha.cf} (other packages create an empty {@code /etc/ha.d}; Debian makes
 * {@code /etc/heartbeat} a symlink to {@code ha.d}). Two different {@code ha.cf} files there are refused.
 * The file system root and the environment are injected so that tests can build any layout.
 */
public final class ConfigLocator {

    /** The environment variable that names the directory. */
    public static final String ENV = "KARABEAT_CONF";
    /** The classic directories, in the order they are tried. */
    public static final List<String> CLASSIC_DIRECTORIES = List.of("/etc/ha.d", "/etc/heartbeat");

    private final Path root;
    private final Map<String, String> env;

    /**
     * @param root where {@code /} is (a temporary directory in tests)
     * @param env  the environment
     */
    public ConfigLocator(Path root, Map<String, String> env) {
        this.root = Objects.requireNonNull(root, "root");
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** The locator for this host and process. */
    public static ConfigLocator system() {
        return new ConfigLocator(Path.of("/"), System.getenv());
    }

    /**
     * @param configured the directory Karabeat's own configuration names, if any
     */
    public ConfigLocation locate(Optional<Path> configured) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return explicit(onHost(fromEnv.strip()), "$" + ENV + " is set to " + fromEnv.strip(), "$" + ENV);
        }
        if (configured.isPresent()) {
            Path dir = onHost(configured.get().toString());
            return explicit(dir, "Karabeat's configuration names " + configured.get(), "Karabeat's configuration");
        }
        return classic();
    }

    private ConfigLocation explicit(Path dir, String why, String who) {
        if (Files.isRegularFile(dir.resolve(LegacyConfigLoader.HA_CF))) {
            return new ConfigLocation(Optional.of(dir), "using " + dir + ": " + why, List.of());
        }
        String problem = Files.isDirectory(dir) ? who + " names " + dir + ", which holds no ha.cf"
                : who + " names " + dir + ", which is not a directory";
        return failed(dir, problem);
    }

    private ConfigLocation classic() {
        List<Path> withHaCf = new ArrayList<>();
        for (String candidate : CLASSIC_DIRECTORIES) {
            Path dir = onHost(candidate);
            if (Files.isRegularFile(dir.resolve(LegacyConfigLoader.HA_CF))) {
                withHaCf.add(dir);
            }
        }
        Path first = onHost(CLASSIC_DIRECTORIES.get(0));
        Path second = onHost(CLASSIC_DIRECTORIES.get(1));
        String order = "the first of " + String.join(", ", CLASSIC_DIRECTORIES) + " that holds an ha.cf";
        if (withHaCf.isEmpty()) {
            return failed(first, "no ha.cf in " + first + " or " + second + ": write one there, or set " + ENV
                    + " to the directory that holds it");
        }
        Path chosen = withHaCf.get(0);
        if (withHaCf.size() == 1) {
            return new ConfigLocation(Optional.of(chosen), "using " + chosen + ": " + order, List.of());
        }
        Path a = first.resolve(LegacyConfigLoader.HA_CF);
        Path b = second.resolve(LegacyConfigLoader.HA_CF);
        try {
            if (Files.isSameFile(a, b)) {
                return new ConfigLocation(Optional.of(chosen), "using " + chosen + ": " + order + " (" + b
                        + " is the same file)", List.of());
            }
            if (Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b))) {
                return new ConfigLocation(Optional.of(chosen), "using " + chosen + ": " + order + " (" + b
                        + " is an identical copy)", List.of());
            }
        } catch (IOException | SecurityException e) {
            return failed(a, "cannot compare " + a + " and " + b + ": " + e.getMessage());
        }
        return failed(a, "two different ha.cf files, " + a + " and " + b + ": keep one (Debian's heartbeat makes "
                + second + " a symlink to " + first.getFileName() + ") or set " + ENV + " to the directory to use");
    }

    private static ConfigLocation failed(Path file, String problem) {
        ConfigFinding finding = new ConfigFinding(Severity.ERROR, file.toString(), 0, "", problem);
        return new ConfigLocation(Optional.empty(), problem, List.of(finding));
    }

    /** A path as seen by this host: absolute paths are taken under {@link #root}. */
    private Path onHost(String path) {
        Path p = Path.of(path);
        if (!p.isAbsolute()) {
            p = Path.of("").toAbsolutePath().resolve(p);
        }
        Path relative = p.getRoot().relativize(p);
        return relative.toString().isEmpty() ? root : root.resolve(relative.toString());
    }
}
