package org.karabeat.transport.identity;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code hb_uuid}: 16 raw bytes, read and written as heartbeat 3.0.6 does. */
public class HbUuidFileTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void readsTheFileTheRealDaemonWrote() throws IOException {
        Path dir = tmp.newFolder().toPath();
        copy("sha1-hb2.hb_uuid", dir.resolve("hb_uuid"));
        // hb2 sent srcuuid 36 42 ec 29 d1 c2 41 89 94 a3 27 f5 7e 0d 2d ea in that run
        assertEquals(Optional.of(UUID.fromString("3642ec29-d1c2-4189-94a3-27f57e0d2dea")), new HbUuidFile(dir).read());
    }

    @Test
    public void writesSixteenRawBytes() throws IOException {
        Path dir = tmp.newFolder().toPath();
        UUID u = UUID.fromString("238d9e2b-850c-41e4-af46-2e895f416cfa");
        new HbUuidFile(dir).write(u);
        byte[] content = Files.readAllBytes(dir.resolve("hb_uuid"));
        assertArrayEquals(UuidBytes.toBytes(u), content);
        assertEquals(16, content.length);
        assertEquals((byte) 0x23, content[0]);
        assertEquals(Optional.of(u), new HbUuidFile(dir).read());
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("hb_uuid"))));
        try (var files = Files.list(dir)) {
            assertEquals("no temporary file left", 1, files.count());
        }
    }

    @Test
    public void aMissingOrShortFileHasNoUuidAndGetsANewOne() throws IOException {
        Path dir = tmp.newFolder().toPath();
        HbUuidFile f = new HbUuidFile(dir);
        assertFalse(f.read().isPresent());
        Files.write(dir.resolve("hb_uuid"), new byte[15]);
        assertFalse(f.read().isPresent());
        UUID fresh = UUID.randomUUID();
        assertEquals(fresh, f.readOrCreate(() -> fresh));
        assertEquals(Optional.of(fresh), f.read());
        assertEquals(fresh, f.readOrCreate(UUID::randomUUID));
    }

    @Test
    public void aLongerFileCountsByItsFirstSixteenBytes() throws IOException {
        Path dir = tmp.newFolder().toPath();
        UUID u = UUID.randomUUID();
        byte[] content = java.util.Arrays.copyOf(UuidBytes.toBytes(u), 20);
        Files.write(dir.resolve("hb_uuid"), content);
        assertEquals(Optional.of(u), new HbUuidFile(dir).read());
    }

    @Test
    public void uuidBytesAreInTextOrder() {
        UUID u = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        byte[] b = UuidBytes.toBytes(u);
        for (int i = 0; i < 16; i++) {
            assertEquals((byte) (i * 0x11), b[i]);
        }
        assertEquals(u, UuidBytes.fromBytes(b));
        assertTrue(new HbUuidFile(Path.of("/var/lib/heartbeat")).path().endsWith("hb_uuid"));
    }

    static void copy(String resource, Path target) throws IOException {
        try (InputStream in = HbUuidFileTest.class.getResourceAsStream("real/" + resource)) {
            Files.copy(in, target);
        }
    }
}
