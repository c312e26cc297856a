package org.karabeat.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A fresh copy of the distribution tarball, unpacked for one test class. */
final class Distribution {

    private Distribution() {
    }

    /** Unpacks the tarball under {@code target/dist-<name>} (removing an older copy) and returns its home. */
    static Path unpackFresh(String name) throws IOException, InterruptedException {
        Path tarball = Path.of(System.getProperty("karabeat.distribution"));
        if (!Files.isRegularFile(tarball)) {
            throw new AssertionError("distribution not built: " + tarball);
        }
        Path dir = Path.of("target", "dist-" + name).toAbsolutePath();
        if (Files.exists(dir)) {
            run(new ProcessBuilder("rm", "-rf", dir.toString()));
        }
        Files.createDirectories(dir);
        run(new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", dir.toString()));
        return dir.resolve("karabeat-" + System.getProperty("karabeat.version"));
    }

    private static void run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.inheritIO().start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("failed: " + pb.command());
        }
    }
}
