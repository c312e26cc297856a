package org.karabeat.transport.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code hb_uuid} in the state directory: the node's uuid as 16 raw bytes, nothing else (3.0.6's
 * {@code GetUUID}). heartbeat uses the first 16 bytes of a longer file and generates a new uuid when the file
 * is missing or shorter ("No uuid found for current node - generating a new uuid").
 */
public final class HbUuidFile {

    /** The file name heartbeat uses. */
    public static final String NAME = "hb_uuid";

    private final Path file;

    public HbUuidFile(Path stateDirectory) {
        this.file = stateDirectory.resolve(NAME);
    }

    public Path path() {
        return file;
    }

    /** The stored uuid; empty when the file is missing or has fewer than 16 bytes. */
    public Optional<UUID> read() throws IOException {
        byte[] b = DurableFile.readPrefix(file, UuidBytes.LENGTH);
        return b.length < UuidBytes.LENGTH ? Optional.empty() : Optional.of(UuidBytes.fromBytes(b));
    }

    /** Stores {@code uuid} as 16 bytes, on disk before this returns. */
    public void write(UUID uuid) throws IOException {
        DurableFile.replace(file, UuidBytes.toBytes(uuid));
    }

    /** The stored uuid, or a new one from {@code generator}, stored first, when there is none. */
    public UUID readOrCreate(Supplier<UUID> generator) throws IOException {
        Optional<UUID> stored = read();
        if (stored.isPresent()) {
            return stored.get();
        }
        UUID fresh = generator.get();
        write(fresh);
        return fresh;
    }

    @Override
    public String toString() {
        return "HbUuidFile[" + file + "]";
    }
}
