package org.karabeat.config.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class HaresourcesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private ConfigDir dir;

    @Before
    public void setUp() throws IOException {
        dir = new ConfigDir(tmp.getRoot().toPath());
    }

    private Haresources read(String text) throws IOException {
        return dir.haresources(text).config("hb1").haresources();
    }

    @Test
    public void seedGroup() throws IOException {
        ResourceGroup g = read(ConfigDir.SEED_HARESOURCES).groups().get(0);
        assertEquals("hb1", g.preferredNode());
        assertEquals("IPaddr::192.168.0.200/24/ens160:0", g.key());
        assertEquals(List.of(new ResourceSpec("IPaddr::192.168.0.200/24/ens160:0", "IPaddr",
                List.of("192.168.0.200/24/ens160:0"), 1), new ResourceSpec("apache2", "apache2", List.of(), 1)),
                g.resources());
    }

    @Test
    public void bareAddressesMeanIpaddr() throws IOException {
        Haresources h = read("hb1 192.168.0.200 apache2\nhb2 192.168.0.201/24/ens160:1 mysql\n");
        assertEquals(new ResourceSpec("IPaddr::192.168.0.200", "IPaddr", List.of("192.168.0.200"), 1),
                h.groups().get(0).resources().get(0));
        assertEquals("IPaddr::192.168.0.201/24/ens160:1", h.groups().get(1).key());
        assertEquals(Optional.of(h.groups().get(1)), h.group("IPaddr::192.168.0.201/24/ens160:1"));
    }

    @Test
    public void argumentsAreSplitOnDoubleColons() throws IOException {
        ResourceSpec fs = read("hb1 Filesystem::/dev/drbd0::/srv/www::ext4 drbddisk::r0\n").groups().get(0)
                .resources().get(0);
        assertEquals("Filesystem", fs.type());
        assertEquals(List.of("/dev/drbd0", "/srv/www", "ext4"), fs.arguments());
        assertEquals("Filesystem::/dev/drbd0::/srv/www::ext4", fs.spec());
    }

    @Test
    public void commentsBlankLinesContinuationsAndNodeCase() throws IOException {
        Haresources h = read("# groups\n\n  # indented comment\nHB1 IPaddr::192.168.0.200/24/ens160 \\\n"
                + "\tapache2 # web\nhb2\t192.168.0.201 \\\n  Filesystem::/dev/sdb1::/data::ext4 \\\n  mysql\n");
        assertEquals(2, h.groups().size());
        ResourceGroup web = h.groups().get(0);
        assertEquals("hb1", web.preferredNode());
        assertEquals(4, web.line());
        assertEquals(List.of("IPaddr::192.168.0.200/24/ens160", "apache2"),
                web.resources().stream().map(ResourceSpec::spec).collect(Collectors.toList()));
        assertEquals(5, web.resources().get(1).line());
        ResourceGroup db = h.groups().get(1);
        assertEquals(6, db.line());
        assertEquals(8, db.resources().get(2).line());
        assertEquals("mysql", db.resources().get(2).spec());
    }

    @Test
    public void continuationJoinsWithoutABlank() throws IOException {
        // ResourceManager's sed removes the backslash and the newline and puts nothing in their place.
        Haresources h = read("hb1 apa\\\nche2\n");
        assertEquals("apache2", h.groups().get(0).key());
    }

    @Test
    public void emptyFileHasNoGroups() throws IOException {
        assertEquals(List.of(), read("# nothing managed here\n").groups());
    }

    @Test
    public void findingsNameTheResource() throws IOException {
        LoadResult r = dir.haresources("hb1 IPaddr::10.0.0.1/33\n").load("hb1");
        assertEquals("IPaddr::10.0.0.1/33", r.findings().get(0).directive());
        assertEquals(1, r.findings().get(0).line());
        assertTrue(r.findings().get(0).message().contains("from 1 to 32"));
    }
}
