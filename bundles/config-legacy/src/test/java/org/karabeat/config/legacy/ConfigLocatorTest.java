package org.karabeat.config.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.karabeat.api.ConfigFinding;

public class ConfigLocatorTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path root;
    private Path haD;
    private Path heartbeat;

    @Before
    public void setUp() {
        root = tmp.getRoot().toPath();
        haD = root.resolve("etc/ha.d");
        heartbeat = root.resolve("etc/heartbeat");
    }

    private ConfigLocation locate(Map<String, String> env, Optional<Path> configured) {
        return new ConfigLocator(root, env).locate(configured);
    }

    private ConfigLocation locate() {
        return locate(Map.of(), Optional.empty());
    }

    private static void haCf(Path dir, String text) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ha.cf"), text);
    }

    private static void assertFailed(ConfigLocation location, String... parts) {
        assertFalse(location.found());
        assertEquals(1, location.findings().size());
        ConfigFinding f = location.findings().get(0);
        assertTrue(f.isError());
        for (String part : parts) {
            assertTrue(f + " should contain " + part, f.message().contains(part));
        }
        assertEquals(f.message(), location.description());
    }

    @Test
    public void haDWins() throws IOException {
        haCf(haD, "node a\n");
        ConfigLocation l = locate();
        assertEquals(Optional.of(haD), l.directory());
        assertEquals("using " + haD + ": the first of /etc/ha.d, /etc/heartbeat that holds an ha.cf", l.description());
        assertTrue(l.findings().isEmpty());
    }

    @Test
    public void emptyHaDFallsThroughToHeartbeat() throws IOException {
        Files.createDirectories(haD);
        haCf(heartbeat, "node a\n");
        assertEquals(Optional.of(heartbeat), locate().directory());
    }

    @Test
    public void heartbeatSymlinkToHaDIsTheSameFile() throws IOException {
        haCf(haD, "node a\n");
        Files.createSymbolicLink(heartbeat, Path.of("ha.d"));
        ConfigLocation l = locate();
        assertEquals(Optional.of(haD), l.directory());
        assertTrue(l.description(), l.description().endsWith("(" + heartbeat.resolve("ha.cf") + " is the same file)"));
    }

    @Test
    public void identicalCopiesAreAccepted() throws IOException {
        haCf(haD, "node a\n");
        haCf(heartbeat, "node a\n");
        ConfigLocation l = locate();
        assertEquals(Optional.of(haD), l.directory());
        assertTrue(l.description(), l.description().endsWith("is an identical copy)"));
    }

    @Test
    public void twoDifferentFilesAreRefusedNamingBoth() throws IOException {
        haCf(haD, "");
        haCf(heartbeat, "node a\n");
        assertFailed(locate(), "two different ha.cf files", haD.resolve("ha.cf").toString(),
                heartbeat.resolve("ha.cf").toString());
    }

    @Test
    public void nothingFound() throws IOException {
        Files.createDirectories(haD);
        assertFailed(locate(), "no ha.cf in " + haD + " or " + heartbeat, "KARABEAT_CONF");
    }

    @Test
    public void environmentWins() throws IOException {
        haCf(haD, "node a\n");
        haCf(root.resolve("srv/cluster"), "node b\n");
        ConfigLocation l = locate(Map.of("KARABEAT_CONF", "/srv/cluster"), Optional.of(Path.of("/etc/ha.d")));
        assertEquals(Optional.of(root.resolve("srv/cluster")), l.directory());
        assertEquals("using " + root.resolve("srv/cluster") + ": $KARABEAT_CONF is set to /srv/cluster",
                l.description());
    }

    @Test
    public void environmentWithoutHaCfIsAnError() throws IOException {
        haCf(haD, "node a\n");
        Files.createDirectories(root.resolve("srv/empty"));
        assertFailed(locate(Map.of("KARABEAT_CONF", "/srv/empty"), Optional.empty()), "$KARABEAT_CONF names",
                "holds no ha.cf");
        assertFailed(locate(Map.of("KARABEAT_CONF", "/srv/none"), Optional.empty()), "is not a directory");
    }

    @Test
    public void blankEnvironmentIsUnset() throws IOException {
        haCf(haD, "node a\n");
        assertEquals(Optional.of(haD), locate(Map.of("KARABEAT_CONF", "  "), Optional.empty()).directory());
    }

    @Test
    public void karabeatsOwnConfigurationComesBeforeTheClassicDirectories() throws IOException {
        haCf(haD, "node a\n");
        haCf(root.resolve("opt/karabeat/etc/ha"), "node b\n");
        ConfigLocation l = locate(Map.of(), Optional.of(Path.of("/opt/karabeat/etc/ha")));
        assertEquals(Optional.of(root.resolve("opt/karabeat/etc/ha")), l.directory());
        assertTrue(l.description().contains("Karabeat's configuration names /opt/karabeat/etc/ha"));
        assertFailed(locate(Map.of(), Optional.of(Path.of("/opt/none"))), "Karabeat's configuration names");
    }
}
