package org.karabeat.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The seed procedure's cluster (hb1/hb2, VIP, apache2) mapped to loopback for tests: hb1 = 127.0.0.1,
 * hb2 = 127.0.0.2, the VIP 192.168.0.200 becomes 192.0.2.200, an unprivileged udpport. The authkeys secret
 * is random per run.
 */
final class TestCluster {

    private TestCluster() {
    }

    static String haCf(Path logDir) {
        return "logfile " + logDir.resolve("heartbeat.log") + "\n"
                + "logfacility daemon\n"
                + "node hb1 hb2\n"
                + "keepalive 1\n"
                + "deadtime 10\n"
                + "initdead 15\n"
                + "warntime 5\n"
                + "udpport 16940\n"
                + "ucast lo 127.0.0.2\n"
                + "auto_failback yes\n";
    }

    static final String HARESOURCES = "hb1 IPaddr::192.0.2.200/24/lo:0 apache2\n";

    /** Writes ha.cf, authkeys (mode 600) and haresources into {@code dir}; returns {@code dir}. */
    static Path write(Path dir, String haCf, String haresources) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ha.cf"), haCf);
        Files.writeString(dir.resolve("haresources"), haresources);
        writeAuthkeys(dir, "rw-------");
        return dir;
    }

    static void writeAuthkeys(Path dir, String mode) throws IOException {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        Path authkeys = dir.resolve("authkeys");
        Files.writeString(authkeys, "auth 1\n1 sha1 " + HexFormat.of().formatHex(secret) + "\n");
        Files.setPosixFilePermissions(authkeys, PosixFilePermissions.fromString(mode));
    }
}
