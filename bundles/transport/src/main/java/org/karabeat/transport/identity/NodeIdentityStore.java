package org.karabeat.transport.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * heartbeat's state directory ({@code /var/lib/heartbeat} by default), where the node's identity files live.
 * {@link #start} does what the classic daemon does at start-up, in the same order: the next generation
 * (stored durably first), then the uuid. Not safe against two daemons starting on the same directory at the
 * same moment; the node's lock must prevent that.
 */
public final class NodeIdentityStore {

    /** Where heartbeat 3.0.6 keeps its state ({@code HA_VARLIBHBDIR}). */
    public static final Path DEFAULT_STATE_DIRECTORY = Path.of("/var/lib/heartbeat");

    private final Path stateDirectory;
    private final HbGenerationFile generationFile;
    private final HbUuidFile uuidFile;

    public NodeIdentityStore(Path stateDirectory) {
        this.stateDirectory = Objects.requireNonNull(stateDirectory, "stateDirectory");
        this.generationFile = new HbGenerationFile(stateDirectory);
        this.uuidFile = new HbUuidFile(stateDirectory);
    }

    public Path stateDirectory() {
        return stateDirectory;
    }

    public HbGenerationFile generationFile() {
        return generationFile;
    }

    public HbUuidFile uuidFile() {
        return uuidFile;
    }

    /**
     * The identity for this run: generation one more than the stored one (stored before this returns), uuid
     * from {@code hb_uuid} (a new random one stored when missing) or from the name.
     *
     * @param epochSeconds the clock, for a first start
     * @throws IOException when a file cannot be read or written; the node must not start then
     */
    public NodeIdentity start(String nodeName, UuidSource source, LongSupplier epochSeconds) throws IOException {
        return start(nodeName, source, epochSeconds, false);
    }

    /** As {@link #start(String, UuidSource, LongSupplier)}; {@code timeBased} for {@code hbgenmethod time}. */
    public NodeIdentity start(String nodeName, UuidSource source, LongSupplier epochSeconds, boolean timeBased)
            throws IOException {
        long generation = generationFile.next(epochSeconds, timeBased);
        UUID uuid = source == UuidSource.NODENAME ? NameBasedUuid.of(nodeName)
                : uuidFile.readOrCreate(UUID::randomUUID);
        return new NodeIdentity(nodeName, uuid, generation);
    }

    @Override
    public String toString() {
        return "NodeIdentityStore[" + stateDirectory + "]";
    }
}
