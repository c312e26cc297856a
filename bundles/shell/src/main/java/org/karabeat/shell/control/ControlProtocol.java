package org.karabeat.shell.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The wire format of the control socket, shared by the node and the {@code bin/karabeat} client:
 * the client sends the command text and closes its output; the node answers with one header line
 * {@code KARABEAT 1 <exit> <stdout-bytes> <stderr-bytes>\n} followed by the two outputs.
 */
public final class ControlProtocol {

    public static final String MAGIC = "KARABEAT 1";
    /** Commands are one line of shell; anything larger is refused. */
    public static final int MAX_REQUEST = 64 * 1024;

    private ControlProtocol() {
    }

    /** Reads a request until EOF; null when it is too large. */
    public static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        while ((n = in.read(chunk)) > 0) {
            buf.write(chunk, 0, n);
            if (buf.size() > MAX_REQUEST) {
                return null;
            }
        }
        return buf.toString(StandardCharsets.UTF_8).trim();
    }

    public static void writeResponse(OutputStream out, int exit, byte[] stdout, byte[] stderr) throws IOException {
        out.write(String.format("%s %d %d %d%n", MAGIC, exit, stdout.length, stderr.length)
                .getBytes(StandardCharsets.US_ASCII));
        out.write(stdout);
        out.write(stderr);
        out.flush();
    }
}
