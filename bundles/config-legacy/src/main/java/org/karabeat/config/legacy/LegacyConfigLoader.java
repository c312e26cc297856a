package org.karabeat.config.legacy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.karabeat.api.ConfigFinding;

/**
 * Reads {@code ha.cf}, {@code authkeys} and {@code haresources} from a directory. Never throws for bad or
 * missing files: every problem in every file is a {@link ConfigFinding}, and reading goes on after errors
 * so that one run shows them all.
 */
public final class LegacyConfigLoader {

    public static final String HA_CF = "ha.cf";
    public static final String AUTHKEYS = "authkeys";
    public static final String HARESOURCES = "haresources";

    private LegacyConfigLoader() {
    }

    /**
     * @param directory the configuration directory (see {@link ConfigLocator})
     * @param nodeName  the name this node runs as ({@code uname -n}); null for
     *                  {@link HostInfo#nodeName()}. Compared lower-cased, as heartbeat does.
     * @param options   host checks and host facts
     */
    public static LoadResult load(Path directory, String nodeName, LoadOptions options) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(options, "options");
        String localNode = Words.asciiLower((nodeName == null ? options.hostInfo().nodeName() : nodeName).strip());
        if (!Files.isDirectory(directory)) {
            List<ConfigFinding> findings = new ArrayList<>();
            new Findings(directory.toString(), findings).error(0, "", Files.exists(directory)
                    ? "is not a directory" : "configuration directory not found");
            return new LoadResult(findings, false, Optional.empty());
        }
        HostChecks hostChecks = options.hostChecks() ? new HostChecks(options.hostInfo()) : null;

        List<ConfigFinding> haCfFindings = new ArrayList<>();
        Findings haCfOut = new Findings(directory.resolve(HA_CF).toString(), haCfFindings);
        Optional<HaCfState> haCf = guarded(haCfOut, Optional.empty(),
                () -> readHaCf(directory.resolve(HA_CF), localNode, hostChecks, haCfOut));

        List<ConfigFinding> authFindings = new ArrayList<>();
        Findings authOut = new Findings(directory.resolve(AUTHKEYS).toString(), authFindings);
        AuthKeysRead authKeys = guarded(authOut, new AuthKeysRead(Optional.empty(), false),
                () -> readAuthKeys(directory.resolve(AUTHKEYS), authOut));

        List<ConfigFinding> resourceFindings = new ArrayList<>();
        Findings resourceOut = new Findings(directory.resolve(HARESOURCES).toString(), resourceFindings);
        // Without a node list (no ha.cf, or no node line: already an error) node names are not checked.
        Optional<Set<String>> nodes = haCf.filter(s -> !s.cf.nodes.isEmpty())
                .map(s -> new LinkedHashSet<>(s.cf.nodes));
        Optional<Haresources> haresources = guarded(resourceOut, Optional.empty(),
                () -> readHaresources(directory.resolve(HARESOURCES), nodes, hostChecks, resourceOut));

        List<ConfigFinding> all = new ArrayList<>();
        all.addAll(inLineOrder(haCfFindings));
        all.addAll(inLineOrder(authFindings));
        all.addAll(inLineOrder(resourceFindings));
        boolean valid = all.stream().noneMatch(ConfigFinding::isError);
        Optional<LegacyConfig> config = valid ? Optional.of(new LegacyConfig(directory, haCf.get().cf.build(),
                authKeys.keys().get(), haresources.get())) : Optional.empty();
        return new LoadResult(all, authKeys.permissionError(), config);
    }

    /** Runs one file's step; a bug in it becomes a finding on that file instead of an exception. */
    private static <T> T guarded(Findings out, T fallback, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            // Only the exception's type: its message might quote the file, and so a key.
            out.error(0, "", "Karabeat could not read this file (internal error: " + e.getClass().getName()
                    + "); please report it");
            return fallback;
        }
    }

    private static Optional<HaCfState> readHaCf(Path path, String localNode, HostChecks hostChecks, Findings out) {
        return TextFile.read(path, TextFile.Encoding.TEXT, out).map(file -> {
            if (localNode.isEmpty()) {
                out.error(0, "node", "no node name given for this host");
            }
            HaCfState state = HaCfParser.parse(file.lines(), localNode, out);
            HaCfCrossChecks.run(state, file);
            ParameterTable.complete(state);
            if (hostChecks != null) {
                hostChecks.media(state.cf.media, out);
            }
            return state;
        });
    }

    private static Optional<Haresources> readHaresources(Path path, Optional<Set<String>> nodes,
            HostChecks hostChecks, Findings out) {
        return TextFile.read(path, TextFile.Encoding.TEXT, out).flatMap(file -> {
            HaresourcesParser.Result read = HaresourcesParser.parse(file.lines(), nodes, out);
            if (hostChecks != null) {
                hostChecks.addresses(read.addresses(), out);
            }
            return read.haresources();
        });
    }

    /** The keys when authkeys is valid, and whether its permissions were refused. */
    private record AuthKeysRead(Optional<AuthKeys> keys, boolean permissionError) {
    }

    private static AuthKeysRead readAuthKeys(Path path, Findings out) {
        Optional<TextFile> file = TextFile.read(path, TextFile.Encoding.BYTES, out);
        if (file.isEmpty()) {
            return new AuthKeysRead(Optional.empty(), false);
        }
        boolean permissionError = file.get().accessibleByGroupOrOthers();
        if (permissionError) {
            out.error(0, "", "authkeys is accessible by group or others (mode " + file.get().modeText()
                    + "), so its keys are not secret; heartbeat refuses it too ('Bad permissions on keyfile"
                    + " [...], 600 recommended'): run chmod 600 " + path);
        }
        return new AuthKeysRead(AuthKeysParser.parse(file.get().lines(), out), permissionError);
    }

    private static List<ConfigFinding> inLineOrder(List<ConfigFinding> findings) {
        List<ConfigFinding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(ConfigFinding::line)); // stable: same line keeps report order
        return sorted;
    }
}
