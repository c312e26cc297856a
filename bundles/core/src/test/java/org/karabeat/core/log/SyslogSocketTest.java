package org.karabeat.core.log;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/** Sends to a real AF_UNIX datagram socket bound by the test, as rsyslog or journald bind /dev/log. */
public class SyslogSocketTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** What a syslog daemon needs: bind and receive. */
    public interface Receiver extends Library {
        int socket(int domain, int type, int protocol);

        int bind(int fd, SyslogSocket.SockaddrUn addr, int len);

        NativeLong recv(int fd, byte[] buf, NativeLong len, int flags);

        int close(int fd);
    }

    private static final Receiver LIBC = Native.load("c", Receiver.class);

    @Test
    public void deliversDatagramsAndReconnectsAfterTheDaemonRestarts() throws Exception {
        Path path = tmp.getRoot().toPath().resolve("log.sock");
        int server = bind(path);
        try (SyslogSocket s = new SyslogSocket(path)) {
            assertTrue(s.send("<30>Nov  5 07:08:09 heartbeat: [7]: info: hello"));
            assertEquals("<30>Nov  5 07:08:09 heartbeat: [7]: info: hello", receive(server));

            // the daemon restarts: a new socket at the same path
            LIBC.close(server);
            java.nio.file.Files.delete(path);
            assertFalse("nobody listens", s.send("lost"));
            server = bind(path);
            assertTrue(s.send("again"));
            assertEquals("again", receive(server));
        } finally {
            LIBC.close(server);
        }
    }

    @Test
    public void aMissingSocketIsNotAnError() {
        try (SyslogSocket s = new SyslogSocket(tmp.getRoot().toPath().resolve("absent"))) {
            assertFalse(s.socketExists());
            assertFalse(s.send("dropped"));
        }
    }

    private static int bind(Path path) {
        int fd = LIBC.socket(1, 2, 0);
        SyslogSocket.SockaddrUn addr = new SyslogSocket.SockaddrUn(path);
        addr.write();
        assertEquals("bind " + path, 0, LIBC.bind(fd, addr, addr.size()));
        return fd;
    }

    private static String receive(int fd) throws InterruptedException {
        byte[] buf = new byte[2048];
        for (int i = 0; i < 100; i++) {
            long n = LIBC.recv(fd, buf, new NativeLong(buf.length), 0x40 /* MSG_DONTWAIT */).longValue();
            if (n >= 0) {
                return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing received within 2 s");
    }
}
