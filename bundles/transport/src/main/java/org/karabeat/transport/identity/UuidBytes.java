package org.karabeat.transport.identity;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * A uuid as heartbeat stores and sends it ({@code cl_uuid_t}, libuuid's layout): 16 bytes in the order of its
 * text form, so {@code 3642ec29-d1c2-...} is the bytes {@code 36 42 ec 29 d1 c2 ...}.
 */
public final class UuidBytes {

    /** Bytes in a uuid. */
    public static final int LENGTH = 16;

    private UuidBytes() {
    }

    public static byte[] toBytes(UUID uuid) {
        return ByteBuffer.allocate(LENGTH).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
    }

    /** @throws IllegalArgumentException unless {@code bytes} has 16 bytes */
    public static UUID fromBytes(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a uuid has 16 bytes, not " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new UUID(b.getLong(), b.getLong());
    }
}
