package org.karabeat.transport.identity;

/** Where a node's uuid comes from: {@code ha.cf}'s {@code uuidfrom file | nodename}. */
public enum UuidSource {
    /** {@code hb_uuid} in the state directory, generated at random the first time (the default). */
    FILE,
    /** Derived from the node name ({@link NameBasedUuid}); {@code hb_uuid} is neither read nor written. */
    NODENAME;

    /** From {@code HaCf.uuidFromNodename()}. */
    public static UuidSource of(boolean uuidFromNodename) {
        return uuidFromNodename ? NODENAME : FILE;
    }
}
