package org.karabeat.core.types;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/** A bundle jar fetched from a location into a temporary file, with the identity its manifest declares. */
record BundleFile(Path file, String symbolicName, Version version) implements AutoCloseable {

    /**
     * Fetches {@code location} ({@code mvn:}, {@code file:}, {@code http(s):}: whatever URL handlers the node
     * has) and reads its manifest.
     *
     * @throws IllegalArgumentException when it cannot be read or is not an OSGi bundle, with the reason
     */
    static BundleFile fetch(String location, Path tmpDir) {
        Path file;
        try {
            Files.createDirectories(tmpDir);
            file = Files.createTempFile(tmpDir, "load-type-", ".jar");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create a temporary file in " + tmpDir + ": " + e.getMessage(), e);
        }
        try (InputStream in = new URL(location).openStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            try (JarFile jar = new JarFile(file.toFile())) {
                Manifest mf = jar.getManifest();
                Attributes main = mf == null ? null : mf.getMainAttributes();
                String bsn = main == null ? null : main.getValue(Constants.BUNDLE_SYMBOLICNAME);
                if (bsn == null) {
                    throw new IllegalArgumentException(location + " is not an OSGi bundle (no Bundle-SymbolicName)");
                }
                int semi = bsn.indexOf(';');
                return new BundleFile(file, (semi < 0 ? bsn : bsn.substring(0, semi)).trim(),
                        Version.parseVersion(main.getValue(Constants.BUNDLE_VERSION)));
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file left in data/tmp is harmless
        }
    }
}
