package org.karabeat.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.karabeat.api.ConfigFinding;
import org.karabeat.config.legacy.ConfigLocation;
import org.karabeat.config.legacy.ConfigLocator;
import org.karabeat.config.legacy.LegacyConfigLoader;
import org.karabeat.config.legacy.LoadOptions;
import org.karabeat.config.legacy.LoadResult;
import org.karabeat.config.legacy.NodeName;

/**
 * Finds and checks the configuration a node will start with, the same way the node's core does: the
 * node name and optional directory from {@code etc/org.karabeat.node.cfg}, then {@code $KARABEAT_CONF} or
 * {@code /etc/ha.d} / {@code /etc/heartbeat}.
 */
final class NodeConfiguration {

    static final String NODE_CFG = "org.karabeat.node.cfg";

    /** The outcome: findings to print and the exit code they mean (0 = start). */
    record Check(String nodeName, Optional<Path> directory, List<ConfigFinding> findings, int exitCode) {
        void print(PrintStream out) {
            for (ConfigFinding f : findings) {
                out.println(f);
            }
        }
    }

    private NodeConfiguration() {
    }

    static Check check(Map<String, String> env, Properties system) {
        Properties nodeCfg = nodeSettings(system);
        String nodeName = nodeName(nodeCfg, Optional.empty());
        ConfigLocation location = locate(env, nodeCfg);
        List<ConfigFinding> findings = new ArrayList<>(location.findings());
        if (location.directory().isEmpty()) {
            return new Check(nodeName, Optional.empty(), findings, 1);
        }
        LoadResult result = LegacyConfigLoader.load(location.directory().get(), nodeName, LoadOptions.defaults());
        findings.addAll(result.findings());
        int exit = result.valid() ? 0 : result.authkeysPermissionError() ? 6 : 1;
        return new Check(nodeName, location.directory(), findings, exit);
    }

    /** The node name: {@code override}, else {@code node.name} of the node settings, else {@code uname -n}. */
    static String nodeName(Properties nodeCfg, Optional<String> override) {
        return NodeName.configuredOrLocal(override.orElse(nodeCfg.getProperty("node.name")));
    }

    /** The configuration directory as the node's core finds it: {@code $KARABEAT_CONF}, {@code ha.directory}, /etc. */
    static ConfigLocation locate(Map<String, String> env, Properties nodeCfg) {
        Optional<Path> configured = Optional.ofNullable(nodeCfg.getProperty("ha.directory")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(Path::of);
        return new ConfigLocator(Path.of("/"), env).locate(configured);
    }

    /** {@code ${karaf.etc}/org.karabeat.node.cfg}, empty when absent. */
    static Properties nodeSettings(Properties system) {
        Properties p = new Properties();
        String etc = system.getProperty("karaf.etc");
        if (etc == null) {
            return p;
        }
        Path file = Path.of(etc, NODE_CFG);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                System.err.println("karabeat: cannot read " + file + ": " + e.getMessage());
            }
        }
        return p;
    }
}
