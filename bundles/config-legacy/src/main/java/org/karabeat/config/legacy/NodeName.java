package org.karabeat.config.legacy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The name this host runs as in the cluster, found as heartbeat finds it. */
public final class NodeName {

    private NodeName() {
    }

    /**
     * The name a node runs as: {@code configured} (Karabeat's own {@code node.name}) when it is set, else
     * {@link #local()}; lower-cased either way, as heartbeat lower-cases node names.
     */
    public static String configuredOrLocal(String configured) {
        return configured == null || configured.isBlank() ? local() : Words.asciiLower(configured.trim());
    }

    /**
     * What {@code uname -n} prints (the kernel's node name; the resolver's local host name off Linux),
     * lower-cased (ASCII only) as heartbeat lower-cases it.
     */
    public static String local() {
        return Words.asciiLower(uname());
    }

    private static String uname() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | SecurityException e) {
            // Not Linux: ask the resolver below.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
