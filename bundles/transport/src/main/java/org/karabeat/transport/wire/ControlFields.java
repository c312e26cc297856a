package org.karabeat.transport.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.karabeat.transport.wire.HbMessage.Field;

/**
 * The control fields heartbeat adds to every outgoing message, and {@link #stamp} to add them in heartbeat's
 * order ({@code add_control_msg_fields} in 3.0.6's {@code ha_msg_internal.c}), so that callers need not know it:
 * <ol>
 * <li>with a destination: {@code dest} (kept where the application put it, else appended) and
 * {@code destuuid} right after the application fields;</li>
 * <li>{@code src srcuuid seq hg ts ld ttl}. A field the message already has is replaced in place
 * ({@code ha_msg_mod}). For types starting with {@code NS_} (NS_ackmsg, NS_rexmit, NS_nak_rexmit, NS_st)
 * {@code seq} and {@code ld} are left out and a field the message already has is kept as it is.</li>
 * </ol>
 * The inner {@code auth} field is added by the codec when encoding. Formats: {@code seq hg ts} lowercase hex
 * without padding (unsigned), {@code ttl} decimal. Immutable.
 */
public final class ControlFields {

    /** Types with this prefix carry no sequence number (heartbeat's {@code NOSEQ_PREFIX}). */
    public static final String NO_SEQUENCE_PREFIX = "NS_";

    private final String src;
    private final byte[] srcUuid;
    private final boolean hasSeq;
    private final long seq;
    private final long generation;
    private final long timestamp;
    private final String load;
    private final int ttl;
    private final String dest;
    private final byte[] destUuid;

    private ControlFields(Builder b) {
        this.src = b.src;
        this.srcUuid = b.srcUuid;
        this.hasSeq = b.hasSeq;
        this.seq = b.seq;
        this.generation = b.generation;
        this.timestamp = b.timestamp;
        this.load = b.load;
        this.ttl = b.ttl;
        this.dest = b.dest;
        this.destUuid = b.destUuid;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether messages of that type take a sequence number (every type not starting with {@code NS_}). */
    public static boolean takesSequence(String type) {
        return !type.startsWith(NO_SEQUENCE_PREFIX);
    }

    /** {@code v} as heartbeat's {@code %lx}: unsigned, lowercase hex, no leading zeros. */
    public static String hex(long v) {
        return Long.toHexString(v);
    }

    /**
     * {@code application} (which must have a {@code t} field) with the control fields added in heartbeat's order.
     *
     * @throws IllegalArgumentException when {@code t} is missing, when a sequence number is given for an
     *                                  {@code NS_} type or missing for another type
     */
    public HbMessage stamp(HbMessage application) {
        String type = application.type();
        if (type == null) {
            throw new IllegalArgumentException("the message has no t field");
        }
        boolean noSeq = !takesSequence(type);
        if (noSeq && hasSeq) {
            throw new IllegalArgumentException(type + " messages carry no sequence number");
        }
        if (!noSeq && !hasSeq) {
            throw new IllegalArgumentException(type + " messages need a sequence number");
        }
        List<Field> fields = new ArrayList<>(application.fields());
        if (dest != null) {
            mod(fields, FieldNames.DEST, HbMessage.STRING, utf8(dest));
            if (destUuid != null) {
                mod(fields, FieldNames.DESTUUID, HbMessage.BINARY, destUuid);
            }
        }
        control(fields, noSeq, FieldNames.SRC, HbMessage.STRING, utf8(src));
        control(fields, noSeq, FieldNames.SRCUUID, HbMessage.BINARY, srcUuid);
        if (!noSeq) {
            mod(fields, FieldNames.SEQ, HbMessage.STRING, ascii(hex(seq)));
        }
        control(fields, noSeq, FieldNames.HG, HbMessage.STRING, ascii(hex(generation)));
        control(fields, noSeq, FieldNames.TS, HbMessage.STRING, ascii(hex(timestamp)));
        if (!noSeq && load != null) {
            mod(fields, FieldNames.LD, HbMessage.STRING, utf8(load));
        }
        control(fields, noSeq, FieldNames.TTL, HbMessage.STRING, ascii(Integer.toString(ttl)));
        return HbMessage.ofOwned(fields);
    }

    /** NS_ messages keep a control field they already have ("don't put in duplicate values"). */
    private static void control(List<Field> fields, boolean noSeq, String name, int type, byte[] value) {
        if (noSeq && indexOf(fields, name) >= 0) {
            return;
        }
        mod(fields, name, type, value);
    }

    /** heartbeat's {@code ha_msg_mod}: replace the first field of that name in place, or append. */
    private static void mod(List<Field> fields, String name, int type, byte[] value) {
        Field f = new Field(name, type, value, true);
        int i = indexOf(fields, name);
        if (i >= 0) {
            fields.set(i, f);
        } else {
            fields.add(f);
        }
    }

    private static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "ControlFields[src=" + src + (hasSeq ? ", seq=" + hex(seq) : "") + ", hg=" + hex(generation)
                + ", ts=" + hex(timestamp) + ", ttl=" + ttl + (dest == null ? "" : ", dest=" + dest) + "]";
    }

    /** Collects the values; {@link #build()} checks that the required ones are there. */
    public static final class Builder {
        private String src;
        private byte[] srcUuid;
        private boolean hasSeq;
        private long seq;
        private boolean hasGeneration;
        private long generation;
        private boolean hasTimestamp;
        private long timestamp;
        private String load;
        private int ttl = -1;
        private String dest;
        private byte[] destUuid;

        private Builder() {
        }

        /** Required: this node's name ({@code uname -n}) and 16-byte uuid. */
        public Builder source(String name, byte[] uuid) {
            this.src = Objects.requireNonNull(name, "name");
            this.srcUuid = uuid16(uuid, "source uuid");
            return this;
        }

        /** Required for every type not starting with {@code NS_}, forbidden for those. */
        public Builder sequence(long value) {
            this.hasSeq = true;
            this.seq = value;
            return this;
        }

        /** Required: this node's heartbeat generation ({@code hg}). */
        public Builder generation(long value) {
            this.hasGeneration = true;
            this.generation = value;
            return this;
        }

        /** Required: the sending time, Unix seconds ({@code ts}). */
        public Builder timestamp(long epochSeconds) {
            this.hasTimestamp = true;
            this.timestamp = epochSeconds;
            return this;
        }

        /**
         * Optional: the load text ({@code ld}), heartbeat's {@code /proc/loadavg} without the newline, or
         * {@code n/a}; left out of NS_ messages.
         */
        public Builder load(String value) {
            this.load = value;
            return this;
        }

        /** Required: the hop count, heartbeat's {@code hopfudge + node count} (3 for two nodes by default). */
        public Builder ttl(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("ttl " + value + " is negative");
            }
            this.ttl = value;
            return this;
        }

        /** Optional: the one node the message is for, with its uuid when known (else no {@code destuuid}). */
        public Builder destination(String name, byte[] uuid) {
            this.dest = Objects.requireNonNull(name, "name");
            this.destUuid = uuid == null ? null : uuid16(uuid, "destination uuid");
            return this;
        }

        /** @throws IllegalStateException when source, generation, timestamp or ttl is missing */
        public ControlFields build() {
            if (src == null || !hasGeneration || !hasTimestamp || ttl < 0) {
                throw new IllegalStateException("source, generation, timestamp and ttl are required");
            }
            return new ControlFields(this);
        }

        private static byte[] uuid16(byte[] uuid, String what) {
            if (uuid.length != 16) {
                throw new IllegalArgumentException(what + " has " + uuid.length + " bytes, not 16");
            }
            return uuid.clone();
        }
    }
}
