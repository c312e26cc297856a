package org.karabeat.config.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.karabeat.api.ConfigFinding;
import org.karabeat.api.VerificationReport;

/** The seed's files, whole-directory problems, host checks and the DS component. */
public class LegacyConfigLoaderTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** The seed's files for {@code node}, copied with the modes the seed's procedure sets. */
    private Path seed(String node) throws IOException {
        Path dir = tmp.newFolder(node).toPath();
        for (String f : CatalogueCase.FILES) {
            Files.copy(CatalogueTest.resource("seed/" + node).resolve(f), dir.resolve(f),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
        return dir;
    }

    private static List<String> lines(LoadResult r) {
        return r.findings().stream().map(ConfigFinding::toString).collect(Collectors.toList());
    }

    private static FakeHost seedHost(String node, String address) {
        return new FakeHost(node).withInterface("lo", "127.0.0.1", 8).withInterface("ens160", address, 24);
    }

    @Test
    public void seedLoadsWithoutAnyFindingOnBothNodes() throws IOException {
        for (String node : List.of("hb1", "hb2")) {
            LoadResult r = LegacyConfigLoader.load(seed(node), node, new LoadOptions(false, new FakeHost(node)));
            assertEquals(node, List.of(), r.findings());
            assertTrue(r.valid());
            assertFalse(r.authkeysPermissionError());
            LegacyConfig c = r.config().get();
            assertEquals(List.of("hb1", "hb2"), c.haCf().nodes());
            assertEquals("MaClefUltraSecurisee", c.authKeys().active().secret());
            assertEquals("IPaddr::192.168.0.200/24/ens160:0", c.haresources().groups().get(0).key());
        }
    }

    @Test
    public void seedPassesHostChecksOnItsOwnHosts() throws IOException {
        LoadResult hb1 = LegacyConfigLoader.load(seed("hb1"), "hb1",
                new LoadOptions(true, seedHost("hb1", "192.168.0.45")));
        assertEquals(List.of(), hb1.findings());
        LoadResult hb2 = LegacyConfigLoader.load(seed("hb2"), "hb2",
                new LoadOptions(true, seedHost("hb2", "192.168.0.29")));
        assertEquals(List.of(), hb2.findings());
    }

    @Test
    public void nodeNameComesFromTheHostWhenNotGivenAndIsComparedLowerCased() throws IOException {
        assertTrue(LegacyConfigLoader.load(seed("hb1"), null, new LoadOptions(false, new FakeHost("HB1"))).valid());
        assertTrue(LegacyConfigLoader.load(seed("hb2"), "Hb2", new LoadOptions(false, new FakeHost("x"))).valid());
    }

    @Test
    public void missingDirectoryIsOneFinding() {
        Path dir = tmp.getRoot().toPath().resolve("nowhere");
        LoadResult r = LegacyConfigLoader.load(dir, "hb1", LoadOptions.defaults());
        assertEquals(List.of(dir + ": ERROR: configuration directory not found"),
                lines(r));
        assertFalse(r.valid());
    }

    @Test
    public void unreadableFileIsAFindingNotAnException() throws IOException {
        Path dir = seed("hb1");
        Files.delete(dir.resolve("haresources"));
        Files.createDirectory(dir.resolve("haresources"));
        LoadResult r = LegacyConfigLoader.load(dir, "hb1", LoadOptions.defaults());
        assertEquals(List.of(dir.resolve("haresources") + ": ERROR: is a directory; expected a file"),
                lines(r));
    }

    @Test
    public void allFilesAreReadWhateverTheErrors() throws IOException {
        Path dir = seed("hb1");
        Files.writeString(dir.resolve("ha.cf"), "kepalive 1\nnode hb1 hb2\nucast ens160 192.168.0.29\n"
                + "logfacility daemon\nauto_failback on\n");
        Files.writeString(dir.resolve("authkeys"), "1 sha1 x\n");
        Files.writeString(dir.resolve("haresources"), "hb3 apache2\n");
        Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-r--r--"));
        LoadResult r = LegacyConfigLoader.load(dir, "hb1", LoadOptions.defaults());
        assertEquals(List.of(dir + "/ha.cf:1: ERROR: kepalive: unknown directive 'kepalive': did you mean 'keepalive'?",
                dir + "/authkeys: ERROR: authkeys is accessible by group or others (mode 644), so its keys are not"
                        + " secret; heartbeat refuses it too ('Bad permissions on keyfile [...], 600 recommended'):"
                        + " run chmod 600 " + dir + "/authkeys",
                dir + "/authkeys: ERROR: auth: missing the auth line: add 'auth <index>' naming one of the keys,"
                        + " such as 'auth 1', before the key lines",
                dir + "/haresources:1: ERROR: hb3: 'hb3' is not a node of ha.cf (nodes: hb1, hb2): the first word"
                        + " of a line names the group's preferred node"),
                lines(r));
        assertTrue(r.authkeysPermissionError());
        assertEquals(4, r.errorCount());
        assertEquals(0, r.warningCount());
    }

    @Test
    public void hostChecksAreOffByDefault() throws IOException {
        Path dir = seed("hb1");
        LoadResult r = LegacyConfigLoader.load(dir, "hb1", new LoadOptions(false, new FakeHost("hb1")));
        assertEquals(List.of(), r.findings()); // the fake host has no ens160, but nobody asked
    }

    @Test
    public void hostChecksFindMissingInterfaceAndAddressesOfThisHost() throws IOException {
        Path dir = seed("hb1");
        Files.writeString(dir.resolve("ha.cf"), "node hb1 hb2\nucast ens160 192.168.0.45\nbcast eth1\n"
                + "mcast nic9 239.0.0.1 694 1 0\nlogfacility daemon\nauto_failback on\n");
        FakeHost host = seedHost("hb1", "192.168.0.45").withInterface("eth1");
        LoadResult r = LegacyConfigLoader.load(dir, "hb1", new LoadOptions(true, host));
        assertEquals(List.of(dir + "/ha.cf:2: WARNING: ucast: 192.168.0.45 is an address of this host (ens160): this"
                + " line sends to this node itself; each node needs a ucast line naming the other node (harmless in an"
                + " ha.cf shared by both nodes)",
                dir + "/ha.cf:3: ERROR: bcast: interface eth1 has no IPv4 address: bcast needs one",
                dir + "/ha.cf:4: ERROR: mcast: interface nic9 does not exist on this host (interfaces: lo, ens160,"
                        + " eth1)"),
                lines(r));
    }

    @Test
    public void hostChecksResolvePeerNames() throws IOException {
        Path dir = seed("hb1");
        Files.writeString(dir.resolve("ha.cf"), "node hb1 hb2\nucast ens160 hb2\nlogfacility daemon\n"
                + "auto_failback on\n");
        FakeHost host = seedHost("hb1", "192.168.0.45").withName("hb2", "192.168.0.29");
        assertEquals(List.of(), LegacyConfigLoader.load(dir, "hb1", new LoadOptions(true, host)).findings());
    }

    @Test
    public void verifierComponentReportsTheLoadersFindings() throws IOException {
        Path dir = seed("hb1");
        Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-r-----"));
        VerificationReport report = new ConfigVerifierComponent().verify(dir, "hb1", false);
        assertEquals(dir.toString(), report.directory());
        assertFalse(report.valid());
        assertEquals(1, report.errorCount());
        assertTrue(report.findings().get(0).message().contains("chmod 600"));
    }

    @Test
    public void systemHostInfoAnswers() {
        SystemHostInfo host = new SystemHostInfo();
        assertFalse(host.nodeName().isBlank());
        assertTrue(host.interfaces().stream().anyMatch(n -> n.addresses().stream()
                .anyMatch(a -> a.address().startsWith("127."))));
        assertEquals(Optional.of("127.0.0.1"), host.resolveIpv4("127.0.0.1"));
        assertEquals(NodeName.local(), host.nodeName());
        assertEquals(Words.asciiLower(NodeName.local()), NodeName.local());
    }
}
