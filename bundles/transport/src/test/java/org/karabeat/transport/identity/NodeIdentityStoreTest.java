package org.karabeat.transport.identity;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Start-up identity: generation first, then uuid, in heartbeat's files. */
public class NodeIdentityStoreTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void takesOverTheStateOfTheClassicDaemon() throws IOException {
        Path dir = tmp.newFolder().toPath();
        HbUuidFileTest.copy("crc-hb1.hb_uuid", dir.resolve("hb_uuid"));
        HbUuidFileTest.copy("crc-hb1.hb_generation", dir.resolve("hb_generation"));
        NodeIdentity id = new NodeIdentityStore(dir).start("hb1", UuidSource.FILE, () -> 0L);
        assertEquals(UUID.fromString("238d9e2b-850c-41e4-af46-2e895f416cfa"), id.uuid());
        assertEquals(1_795_637_267L, id.generation());
        assertEquals("hb1", id.nodeName());
        assertArrayEquals(UuidBytes.toBytes(id.uuid()), id.uuidBytes());
    }

    @Test
    public void aNewNodeGetsBothFilesAndKeepsItsUuid() throws IOException {
        Path dir = tmp.newFolder().toPath().resolve("not-yet");
        NodeIdentityStore store = new NodeIdentityStore(dir);
        NodeIdentity first = store.start("n1", UuidSource.FILE, () -> 100L);
        assertEquals(101L, first.generation());
        assertTrue(Files.exists(dir.resolve("hb_uuid")));
        NodeIdentity second = store.start("n1", UuidSource.FILE, () -> 100L);
        assertEquals(first.uuid(), second.uuid());
        assertEquals(102L, second.generation());
    }

    @Test
    public void uuidFromNodenameTouchesNoUuidFile() throws IOException {
        Path dir = tmp.newFolder().toPath();
        NodeIdentity id = new NodeIdentityStore(dir).start("hb2", UuidSource.of(true), () -> 100L);
        assertEquals(NameBasedUuid.of("hb2"), id.uuid());
        assertFalse(Files.exists(dir.resolve("hb_uuid")));
        assertEquals(UuidSource.FILE, UuidSource.of(false));
    }
}
