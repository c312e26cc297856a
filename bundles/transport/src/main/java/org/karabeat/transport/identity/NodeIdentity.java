package org.karabeat.transport.identity;

import java.util.Objects;
import java.util.UUID;

/** Who this node is on the wire for one run: name ({@code src}), uuid ({@code srcuuid}) and generation ({@code hg}). */
public final class NodeIdentity {

    private final String nodeName;
    private final UUID uuid;
    private final long generation;

    public NodeIdentity(String nodeName, UUID uuid, long generation) {
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.uuid = Objects.requireNonNull(uuid, "uuid");
        this.generation = generation;
    }

    public String nodeName() {
        return nodeName;
    }

    public UUID uuid() {
        return uuid;
    }

    /** The uuid as the 16 bytes of {@code srcuuid}. */
    public byte[] uuidBytes() {
        return UuidBytes.toBytes(uuid);
    }

    public long generation() {
        return generation;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeIdentity n && n.nodeName.equals(nodeName) && n.uuid.equals(uuid)
                && n.generation == generation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeName, uuid, generation);
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + nodeName + ", " + uuid + ", generation " + generation + "]";
    }
}
