package org.karabeat.transport.udp;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies what is written to {@code System.err} (where slf4j-simple logs in the tests, looking the stream up at
 * each line) while it is open, and still passes it through.
 */
final class StderrCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    StderrCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                copy.write(b, off, len);
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** The lines written so far that contain {@code text}. */
    List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : copy.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains(text)) {
                out.add(line);
            }
        }
        return out;
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
