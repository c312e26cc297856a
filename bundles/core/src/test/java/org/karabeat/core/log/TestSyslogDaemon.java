package org.karabeat.core.log;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/** A real AF_UNIX datagram socket bound at a path, as rsyslog or journald bind /dev/log. */
final class TestSyslogDaemon implements AutoCloseable {

    /** What a syslog daemon needs from libc: bind and receive. */
    public interface Receiver extends Library {
        int socket(int domain, int type, int protocol);

        int bind(int fd, SyslogSocket.SockaddrUn addr, int len);

        NativeLong recv(int fd, byte[] buf, NativeLong len, int flags);

        int close(int fd);
    }

    private static final Receiver LIBC = Native.load("c", Receiver.class);
    private static final int MSG_DONTWAIT = 0x40;

    private final int fd;

    TestSyslogDaemon(Path path) {
        fd = LIBC.socket(1, 2, 0);
        SyslogSocket.SockaddrUn addr = new SyslogSocket.SockaddrUn(path);
        addr.write();
        assertEquals("bind " + path, 0, LIBC.bind(fd, addr, addr.size()));
    }

    /** The next datagram, waiting at most 2 s. */
    String receive() throws InterruptedException {
        byte[] buf = new byte[2048];
        for (int i = 0; i < 100; i++) {
            long n = LIBC.recv(fd, buf, new NativeLong(buf.length), MSG_DONTWAIT).longValue();
            if (n >= 0) {
                return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing received within 2 s");
    }

    @Override
    public void close() {
        LIBC.close(fd);
    }
}
