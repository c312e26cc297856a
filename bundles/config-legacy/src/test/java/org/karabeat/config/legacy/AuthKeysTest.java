package org.karabeat.config.legacy;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AuthKeysTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private ConfigDir dir;

    @Before
    public void setUp() throws IOException {
        dir = new ConfigDir(tmp.getRoot().toPath());
    }

    private AuthKeys keys(String text) throws IOException {
        return dir.authkeys(text).config("hb1").authKeys();
    }

    @Test
    public void seedKeyIsSelected() throws IOException {
        AuthKeys keys = keys(ConfigDir.SEED_AUTHKEYS);
        assertEquals(1, keys.activeIndex());
        assertEquals(AuthMethod.SHA1, keys.active().method());
        assertEquals("MaClefUltraSecurisee", keys.active().secret());
        assertFalse(keys.toString().contains("MaClefUltraSecurisee"));
        assertFalse(keys.active().toString().contains("MaClefUltraSecurisee"));
    }

    @Test
    public void severalKeysCommentsAndBlankLines() throws IOException {
        AuthKeys keys = keys("# keys\n\n  auth 2\n1 crc\n\t2 md5 first\n3 sha1 second # old\n"
                + "15 sha256 third\n0 sha1 z\n");
        assertEquals(2, keys.activeIndex());
        assertEquals(List.of(0, 1, 2, 3, 15), List.copyOf(keys.keys().keySet()));
        assertEquals(AuthMethod.CRC, keys.keys().get(1).method());
        assertEquals("", keys.keys().get(1).secret());
        assertEquals("second", keys.keys().get(3).secret());
        assertEquals(AuthMethod.SHA256, keys.keys().get(15).method());
        assertEquals(5, keys.keys().get(2).line());
    }

    @Test
    public void heartbeatsLooseSpellingsAreAccepted() throws IOException {
        assertEquals(1, keys("auth1\n1sha1 k\n").activeIndex());
        assertEquals(1, keys("auth 1\r\n1 sha1 k\r\n").activeIndex());
        assertEquals("k", keys("auth 1\r\n1 sha1 k\r\n").active().secret());
    }

    @Test
    public void keysKeepTheirExactBytes() throws IOException {
        byte[] latin1Key = {'c', 'l', (byte) 0xE9};
        byte[] file = ("auth 1\n1 sha1 " + new String(latin1Key, StandardCharsets.ISO_8859_1) + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.dir.resolve("authkeys"), file);
        assertArrayEquals(latin1Key, dir.config("hb1").authKeys().active().secretBytes());
        dir.authkeys("auth 1\n1 sha1 clé\n");
        assertArrayEquals("clé".getBytes(StandardCharsets.UTF_8), dir.config("hb1").authKeys().active().secretBytes());
    }

    @Test
    public void laterDefinitionOfAnIndexWins() throws IOException {
        dir.authkeys("auth 1\n1 md5 old\n1 sha1 new\n");
        LoadResult r = dir.load("hb1");
        assertEquals(AuthMethod.SHA1, r.config().get().authKeys().active().method());
        assertEquals(List.of("{dir}/authkeys:3: WARNING: key 1: index 1 is already defined on line 2; this later"
                + " line replaces it"), dir.findings(r));
    }

    @Test
    public void permissionsAreRefusedForAnyGroupOrOtherBit() throws IOException {
        for (String rwx : List.of("rw-r--r--", "rw-r-----", "rw----r--", "rw-rw----", "rw--w----", "rw------x")) {
            LoadResult r = dir.mode("authkeys", rwx).load("hb1");
            assertTrue(rwx, r.authkeysPermissionError());
            assertFalse(rwx, r.valid());
            assertTrue(rwx, r.findings().get(0).message().contains("chmod 600"));
        }
        for (String rwx : List.of("rw-------", "r--------")) {
            LoadResult r = dir.mode("authkeys", rwx).load("hb1");
            assertFalse(rwx, r.authkeysPermissionError());
            assertTrue(rwx, r.valid());
        }
    }

    @Test
    public void noFindingEverShowsTheKey() throws IOException {
        String secret = "S3cretKey";
        for (String text : List.of("auth 1\n1 " + secret + "\n", secret + "\n", "auth 1\n1 crc " + secret + "\n",
                "auth 1\n1 sha1 x " + secret + "\n", "auth 1\n1 Sha1 " + secret + "\n", "auth " + secret + "\n",
                "auth 1\n99 sha1 " + secret + "\n", "1 sha1 " + secret + "\nauth 1\n")) {
            LoadResult r = dir.authkeys(text).mode("authkeys", "rw-r--r--").load("hb1");
            assertFalse(text, r.findings().isEmpty());
            r.findings().forEach(f -> assertFalse(text + " -> " + f, f.toString().contains(secret)));
        }
    }
}
