package org.karabeat.itests;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import javax.json.JsonObject;
import javax.json.JsonReader;
import javax.json.JsonValue;

/** A Karabeat node in a {@link NetLab} namespace, and how tests read its state. */
final class LabKarabeat {

    private LabKarabeat() {
    }

    /**
     * Writes a fresh {@code KARABEAT_BASE} under {@code base} for node {@code name}: {@code ha.d} with the
     * given files (authkeys mode 600), the node's name, and {@code state} as the directory of its hb_uuid and
     * hb_generation. The node runs in {@code namespace} once started.
     */
    static NodeProcess create(Path home, Path base, String namespace, String name, String haCf, String authkeys,
            String haresources, Path state) throws IOException, InterruptedException {
        Path conf = base.resolve("ha.d");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("ha.cf"), haCf);
        Files.writeString(conf.resolve("haresources"), haresources);
        Path ak = conf.resolve("authkeys");
        Files.writeString(ak, authkeys);
        Files.setPosixFilePermissions(ak, PosixFilePermissions.fromString("rw-------"));
        NodeProcess node = new NodeProcess(home, base, Map.of()).inNamespace(namespace);
        if (node.karabeat("verify", "--help").exit() != 0) { // creates the per-node etc/
            throw new AssertionError("bin/karabeat verify --help failed");
        }
        Path cfg = base.resolve("etc/org.karabeat.node.cfg");
        Files.writeString(cfg, Files.readString(cfg)
                .replace("node.name =", "node.name = " + name)
                .replace("ha.directory =", "ha.directory = " + conf)
                .replace("state.directory = /var/lib/heartbeat", "state.directory = " + state));
        return node;
    }

    /** {@code bin/karabeat status --json}; null when the node does not answer. */
    static JsonObject status(NodeProcess node) throws IOException, InterruptedException {
        NodeProcess.Result r = node.karabeat("status", "--json");
        if (r.exit() != 0) {
            return null;
        }
        try (JsonReader reader = new org.apache.johnzon.core.JsonProviderImpl().createReader(new StringReader(r.out()))) {
            return reader.readObject();
        }
    }

    /** One node of a status, by name. */
    static JsonObject node(JsonObject status, String name) {
        for (JsonValue v : status.getJsonArray("nodes")) {
            JsonObject n = v.asJsonObject();
            if (n.getString("name").equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no node " + name + " in " + status);
    }

    /** One link of a node of a status, by interface name. */
    static JsonObject link(JsonObject status, String node, String link) {
        for (JsonValue v : node(status, node).getJsonArray("links")) {
            if (v.asJsonObject().getString("name").equals(link)) {
                return v.asJsonObject();
            }
        }
        throw new AssertionError("no link " + link + " of " + node + " in " + status);
    }

    /** What {@code node} thinks of {@code peer} ({@code active}, {@code dead}, ...); "" when it does not answer. */
    static String stateOf(NodeProcess node, String peer) {
        try {
            JsonObject s = status(node);
            return s == null ? "" : node(s, peer).getString("state");
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The node's heartbeat log ({@code logfile} of the tests' ha.cf: {@code <base>/log/heartbeat.log}). */
    static String log(NodeProcess node) throws IOException {
        Path log = node.base().resolve("log/heartbeat.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }
}
