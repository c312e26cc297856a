package org.karabeat.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Bundle jars for upgrade tests. */
final class Jars {

    private Jars() {
    }

    /** Copies {@code source} to {@code target} with {@code Bundle-Version} set to {@code version}: a newer release of the same bundle. */
    static Path withVersion(Path source, Path target, String version) throws IOException {
        try (JarFile in = new JarFile(source.toFile())) {
            Manifest mf = new Manifest(in.getManifest());
            mf.getMainAttributes().putValue("Bundle-Version", version);
            Files.createDirectories(target.getParent());
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, mf)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.getName().equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    try (InputStream data = in.getInputStream(e)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return target;
    }
}
