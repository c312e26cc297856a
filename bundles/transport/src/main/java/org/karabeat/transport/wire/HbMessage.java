package org.karabeat.transport.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One heartbeat message: named fields in order. Order matters on the wire (heartbeat writes application
 * fields first, then the control fields {@code src srcuuid seq hg ts ld ttl auth}), and digests are computed
 * over the encoded bytes, so a message keeps its fields exactly as built or as received. Immutable.
 */
@ProviderType
public final class HbMessage {

    /** Field types as heartbeat numbers them ({@code (0)name=...}, {@code (1)name=...}). */
    public static final int STRING = 0;
    public static final int BINARY = 1;

    /** One field: name, heartbeat type code, and the raw value bytes (UTF-8 for strings). */
    public static final class Field {
        private final String name;
        private final int type;
        private final byte[] value;

        public Field(String name, int type, byte[] value) {
            this(Objects.requireNonNull(name, "name"), type, value.clone(), true);
        }

        /** Takes {@code value} without copying: for the decoder, which allocated it for this field only. */
        Field(String name, int type, byte[] value, boolean owned) {
            this.name = name;
            this.type = type;
            this.value = value;
        }

        public String name() {
            return name;
        }

        public int type() {
            return type;
        }

        public byte[] value() {
            return value.clone();
        }

        /** The value as text (strings are UTF-8; binary values are returned decoded as ISO-8859-1). */
        public String text() {
            return new String(value, type == STRING ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        }

        int length() {
            return value.length;
        }

        byte[] raw() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Field && ((Field) o).name.equals(name) && ((Field) o).type == type
                    && Arrays.equals(((Field) o).value, value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, type, Arrays.hashCode(value));
        }

        @Override
        public String toString() {
            return type == STRING ? name + "=" + text() : "(" + type + ")" + name + "=<" + value.length + " bytes>";
        }
    }

    private final List<Field> fields;

    private HbMessage(List<Field> fields) {
        this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
    }

    private HbMessage(List<Field> fields, boolean owned) {
        this.fields = Collections.unmodifiableList(fields);
    }

    /** Wraps {@code fields} without copying: for the decoder and encoder, which built the list for this message. */
    static HbMessage ofOwned(List<Field> fields) {
        return new HbMessage(fields, true);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting with this message's fields, to append control fields to application fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fields.addAll(fields);
        return b;
    }

    public List<Field> fields() {
        return fields;
    }

    /** The first field of that name, as text; null when absent. */
    public String get(String name) {
        for (Field f : fields) {
            if (f.name.equals(name)) {
                return f.text();
            }
        }
        return null;
    }

    /** The first field of that name, raw; null when absent. */
    public byte[] getBytes(String name) {
        for (Field f : fields) {
            if (f.name.equals(name)) {
                return f.value();
            }
        }
        return null;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    /** The message type, field {@code t}. */
    public String type() {
        return get("t");
    }

    /** The sending node, field {@code src}. */
    public String source() {
        return get("src");
    }

    /** This message without the fields of that name (e.g. {@code auth} before computing the inner digest). */
    public HbMessage without(String name) {
        List<Field> kept = new ArrayList<>();
        for (Field f : fields) {
            if (!f.name.equals(name)) {
                kept.add(f);
            }
        }
        return new HbMessage(kept);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HbMessage && ((HbMessage) o).fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /** {@code t=status st=up ... } with binary fields shown by length only. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Field f : fields) {
            if (f.name.equals("auth")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(f);
        }
        return sb.toString();
    }

    /** Appends fields in order. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        public Builder add(String name, String value) {
            fields.add(new Field(name, STRING, value.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        public Builder addBinary(String name, byte[] value) {
            fields.add(new Field(name, BINARY, value));
            return this;
        }

        public Builder add(Field field) {
            fields.add(field);
            return this;
        }

        public HbMessage build() {
            return new HbMessage(fields);
        }
    }
}
