package org.karabeat.config.legacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

import org.karabeat.api.ConfigFinding;

/** Writes a configuration directory for a test: the seed's hb1 files unless replaced. */
final class ConfigDir {

    static final String SEED_HA_CF = "logfile /var/log/heartbeat.log\nlogfacility daemon\nnode hb1 hb2\n"
            + "keepalive 1\ndeadtime 10\ninitdead 15\nwarntime 5\nucast ens160 192.168.0.29\nauto_failback yes\n";
    static final String SEED_AUTHKEYS = "auth 1\n1 sha1 MaClefUltraSecurisee\n";
    static final String SEED_HARESOURCES = "hb1 IPaddr::192.168.0.200/24/ens160:0 apache2\n";

    final Path dir;

    ConfigDir(Path dir) throws IOException {
        this.dir = dir;
        haCf(SEED_HA_CF);
        authkeys(SEED_AUTHKEYS);
        haresources(SEED_HARESOURCES);
    }

    ConfigDir haCf(String text) throws IOException {
        return write("ha.cf", text, "rw-r--r--");
    }

    ConfigDir authkeys(String text) throws IOException {
        return write("authkeys", text, "rw-------");
    }

    ConfigDir haresources(String text) throws IOException {
        return write("haresources", text, "rw-r--r--");
    }

    ConfigDir mode(String file, String rwx) throws IOException {
        Files.setPosixFilePermissions(dir.resolve(file), PosixFilePermissions.fromString(rwx));
        return this;
    }

    private ConfigDir write(String file, String text, String rwx) throws IOException {
        Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
        return mode(file, rwx);
    }

    LoadResult load(String node) {
        return LegacyConfigLoader.load(dir, node, new LoadOptions(false, new FakeHost(node)));
    }

    /** The findings with the directory replaced by {dir}. */
    List<String> findings(LoadResult result) {
        return result.findings().stream().map(ConfigFinding::toString)
                .map(s -> s.replace(dir.toString(), "{dir}")).collect(Collectors.toList());
    }

    /** The configuration of a valid directory, failing with the findings otherwise. */
    LegacyConfig config(String node) {
        LoadResult result = load(node);
        return result.config().orElseThrow(() -> new AssertionError("not valid: " + findings(result)));
    }
}
