package org.karabeat.core.log;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ReopeningLogFileTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    public void followsARenameAsLogrotateDoesIt() throws Exception {
        Path log = tmp.getRoot().toPath().resolve("ha-log");
        try (ReopeningLogFile f = new ReopeningLogFile(log, 1000, now::get)) {
            assertFalse(f.append("one\n"));
            Files.move(log, tmp.getRoot().toPath().resolve("ha-log.1"));
            // within the check interval the open file keeps receiving: nothing is lost
            now.addAndGet(500);
            assertFalse(f.append("two\n"));
            now.addAndGet(600);
            assertTrue("rotation detected", f.append("three\n"));
            assertFalse(f.append("four\n"));
        }
        assertEquals("one\ntwo\n", Files.readString(tmp.getRoot().toPath().resolve("ha-log.1")));
        assertEquals("three\nfour\n", Files.readString(log));
    }

    @Test
    public void recreatesADeletedFileAndItsDirectory() throws Exception {
        Path log = tmp.getRoot().toPath().resolve("sub/dir/ha-log");
        try (ReopeningLogFile f = new ReopeningLogFile(log, 1000, now::get)) {
            f.append("a\n");
            Files.delete(log);
            now.addAndGet(1000);
            assertTrue(f.append("b\n"));
        }
        assertEquals("b\n", Files.readString(log));
    }

    @Test
    public void copytruncateKeepsWritingToTheSameFile() throws Exception {
        Path log = tmp.getRoot().toPath().resolve("ha-log");
        try (ReopeningLogFile f = new ReopeningLogFile(log, 1000, now::get)) {
            f.append("a\n");
            Files.copy(log, tmp.getRoot().toPath().resolve("ha-log.1"));
            Files.write(log, new byte[0]); // truncate in place
            now.addAndGet(2000);
            assertFalse("same inode: not a rotation", f.append("b\n"));
        }
        assertEquals("b\n", Files.readString(log).replace("\0", ""));
    }

    @Test
    public void anUnwritableFileIsRetriedOncePerIntervalAndRecovers() throws Exception {
        Path blocker = tmp.getRoot().toPath().resolve("var");
        Files.writeString(blocker, "a file where the log directory should be");
        Path log = blocker.resolve("ha-log");
        try (ReopeningLogFile f = new ReopeningLogFile(log, 1000, now::get)) {
            assertThrows(java.io.IOException.class, () -> f.append("lost\n"));
            Files.delete(blocker);
            now.addAndGet(500);
            // not retried within the interval: a broken disk must not cost a system call per message
            assertThrows(java.io.IOException.class, () -> f.append("lost too\n"));
            now.addAndGet(600);
            f.append("back\n");
        }
        assertEquals("back\n", Files.readString(log));
    }
}
