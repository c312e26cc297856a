package org.karabeat.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.karabeat.shell.control.ControlProtocol;

/** Runs one shell command in a running node through its control socket. */
final class ControlClient {

    /** What the node answered. */
    record Reply(int exit, String out, String err) {
    }

    /** The node is not there to answer (no socket, nobody listening). */
    static final class NotRunning extends IOException {
        NotRunning(String message) {
            super(message);
        }
    }

    private final Path socket;

    ControlClient(Path socket) {
        this.socket = socket;
    }

    Reply run(String command) throws IOException {
        if (!Files.exists(socket)) {
            throw new NotRunning("node is not running (no control socket " + socket + ")");
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (java.net.ConnectException e) {
                throw new NotRunning("node is not running (nothing listens on " + socket + ")");
            } catch (java.net.SocketException e) {
                if (String.valueOf(e.getMessage()).contains("ermission")) {
                    throw new IOException("permission denied on " + socket + ": run as root or as the node's user");
                }
                throw e;
            }
            ch.write(java.nio.ByteBuffer.wrap(command.getBytes(StandardCharsets.UTF_8)));
            ch.shutdownOutput();
            return read(Channels.newInputStream(ch));
        }
    }

    private static Reply read(InputStream in) throws IOException {
        String header = readLine(in);
        String[] parts = header.split(" ");
        if (!header.startsWith(ControlProtocol.MAGIC) || parts.length != 5) {
            throw new IOException("unexpected answer from the node: " + header);
        }
        int exit = Integer.parseInt(parts[2]);
        byte[] out = in.readNBytes(Integer.parseInt(parts[3]));
        byte[] err = in.readNBytes(Integer.parseInt(parts[4]));
        return new Reply(exit, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.write(c);
            if (line.size() > 256) {
                break;
            }
        }
        if (c < 0 && line.size() == 0) {
            throw new IOException("the node closed the connection without answering");
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
