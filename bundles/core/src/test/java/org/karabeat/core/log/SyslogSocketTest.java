package org.karabeat.core.log;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Sends to a real AF_UNIX datagram socket bound by the test. */
public class SyslogSocketTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void deliversDatagramsAndReconnectsAfterTheDaemonRestarts() throws Exception {
        Path path = tmp.getRoot().toPath().resolve("log.sock");
        try (SyslogSocket s = new SyslogSocket(path)) {
            try (TestSyslogDaemon daemon = new TestSyslogDaemon(path)) {
                assertTrue(s.send("<30>Nov  5 07:08:09 heartbeat: [7]: info: hello"));
                assertEquals("<30>Nov  5 07:08:09 heartbeat: [7]: info: hello", daemon.receive());
            }
            // the daemon restarts: a new socket at the same path
            Files.delete(path);
            assertFalse("nobody listens", s.send("lost"));
            try (TestSyslogDaemon daemon = new TestSyslogDaemon(path)) {
                assertTrue(s.send("again"));
                assertEquals("again", daemon.receive());
            }
        }
    }

    @Test
    public void aMissingSocketIsNotAnError() {
        try (SyslogSocket s = new SyslogSocket(tmp.getRoot().toPath().resolve("absent"))) {
            assertFalse(s.socketExists());
            assertFalse(s.send("dropped"));
        }
    }
}
