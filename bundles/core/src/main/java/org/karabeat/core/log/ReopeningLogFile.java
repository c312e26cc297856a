package org.karabeat.core.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * An append-only log file that follows logrotate: when the path no longer names the file we hold open
 * (renamed or deleted), the next write reopens it, as heartbeat's logging library does. The check is a
 * {@code stat} at most once per {@code checkIntervalMillis}, so a rotated file is picked up within that
 * time of the next message. Each line is written with one unbuffered {@code write}, so lines from a crash
 * are not lost.
 */
final class ReopeningLogFile implements AutoCloseable {

    private final Path path;
    private final long checkIntervalMillis;
    private final LongSupplier clock;
    private FileOutputStream out;
    private Object fileKey;
    private long lastCheck;
    private boolean failed;
    private long lastFailure;

    ReopeningLogFile(Path path, long checkIntervalMillis, LongSupplier clock) {
        this.path = Objects.requireNonNull(path, "path");
        this.checkIntervalMillis = checkIntervalMillis;
        this.clock = clock;
    }

    Path path() {
        return path;
    }

    /**
     * Appends a line. Returns true when the file had been rotated and was reopened by this call, so the
     * caller can note the rotation in the new file as heartbeat does.
     * @throws IOException when the file cannot be opened or written (retried at the next call, at most
     *                     once per check interval)
     */
    synchronized boolean append(String line) throws IOException {
        long now = clock.getAsLong();
        boolean rotated = false;
        if (out != null && now - lastCheck >= checkIntervalMillis) {
            lastCheck = now;
            if (!Objects.equals(currentKey(), fileKey)) {
                closeQuietly();
                rotated = true;
            }
        }
        if (out == null) {
            if (failed && now - lastFailure < checkIntervalMillis) {
                throw new IOException("cannot open log file " + path + " (retrying)");
            }
            try {
                open();
            } catch (IOException e) {
                failed = true;
                lastFailure = now;
                throw e;
            }
            failed = false;
            lastCheck = now;
        }
        out.write(line.getBytes(StandardCharsets.UTF_8));
        return rotated;
    }

    private void open() throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        out = new FileOutputStream(path.toFile(), true);
        fileKey = currentKey();
    }

    private Object currentKey() {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private void closeQuietly() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // nothing more we can do with a file we are dropping
        } finally {
            out = null;
            fileKey = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
