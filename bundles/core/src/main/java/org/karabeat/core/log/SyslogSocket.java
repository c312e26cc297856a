package org.karabeat.core.log;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

/**
 * Sends datagrams to the local syslog socket ({@code /dev/log}, an AF_UNIX SOCK_DGRAM socket that Java
 * cannot open by itself), through libc via JNA. Connects lazily and reconnects after an error, so a
 * syslog daemon that restarts or appears later is picked up; never blocks the caller.
 */
final class SyslogSocket implements AutoCloseable {

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;

    /** The subset of libc we need. */
    public interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        int connect(int fd, SockaddrUn addr, int len);

        NativeLong send(int fd, byte[] buf, NativeLong len, int flags);

        int close(int fd);
    }

    /** {@code struct sockaddr_un}. */
    @Structure.FieldOrder({"sun_family", "sun_path"})
    public static class SockaddrUn extends Structure {
        public short sun_family = AF_UNIX;
        public byte[] sun_path = new byte[108];

        SockaddrUn(Path path) {
            byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
            if (p.length >= sun_path.length) {
                throw new IllegalArgumentException("socket path too long: " + path);
            }
            System.arraycopy(p, 0, sun_path, 0, p.length);
        }

        @Override
        protected List<String> getFieldOrder() {
            return Arrays.asList("sun_family", "sun_path");
        }
    }

    private final Path path;
    private final LibC libc;
    private int fd = -1;

    SyslogSocket(Path path) {
        this(path, Native.load("c", LibC.class));
    }

    SyslogSocket(Path path, LibC libc) {
        this.path = path;
        this.libc = libc;
    }

    Path path() {
        return path;
    }

    boolean socketExists() {
        return Files.exists(path);
    }

    /** Sends one message; returns false if it could not be delivered (no syslog daemon, queue full). */
    synchronized boolean send(String message) {
        if (fd < 0 && !connect()) {
            return false;
        }
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        long sent = libc.send(fd, bytes, new NativeLong(bytes.length), MSG_DONTWAIT | MSG_NOSIGNAL).longValue();
        if (sent < 0) {
            // the daemon may have restarted: its socket is a new one, reconnect next time
            close();
            return false;
        }
        return true;
    }

    private boolean connect() {
        if (!Files.exists(path)) {
            return false;
        }
        int s = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (s < 0) {
            return false;
        }
        SockaddrUn addr = new SockaddrUn(path);
        addr.write();
        if (libc.connect(s, addr, addr.size()) != 0) {
            libc.close(s);
            return false;
        }
        fd = s;
        return true;
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
    }
}
