package org.karabeat.transport.wire;

/**
 * Why {@link WireCodec#decode} dropped a datagram. Meant for a rate-limited log line and a counter per
 * reason; {@link #description()} is short, fixed text that never contains packet content.
 */
public enum DropReason {
    /** Zero bytes. */
    EMPTY("empty datagram"),
    /** Longer than the codec's maximum datagram size (heartbeat reads at most MAXMSG - 1 bytes). */
    OVERSIZE("datagram larger than the maximum size"),
    /** Starts with neither {@code ###\n} (netstring form) nor {@code >>>\n} (classic form). */
    UNKNOWN_FORMAT("not a heartbeat message"),
    /** Ends inside a field, before {@code %%%\n} / {@code <<<\n}, or inside the trailer. */
    TRUNCATED("message truncated"),
    /** A netstring whose length is not 1 to 7 digits followed by {@code :}, or that is not closed by {@code ,}. */
    BAD_NETSTRING_LENGTH("bad netstring length"),
    /**
     * A field that is not {@code (type)name=value} (netstring) or {@code name=value} (classic): no {@code =},
     * empty name, type outside 0..5, NUL in a string value, bad base64.
     */
    MALFORMED_FIELD("malformed field"),
    /** A classic-form field of type struct (2), compressed (4) or uncompressed (5), which Karabeat does not read. */
    UNSUPPORTED_FIELD_TYPE("unsupported field type"),
    /** Bytes after the end of the message (one trailing NUL, as C senders of the classic form add, is allowed). */
    TRAILING_GARBAGE("bytes after the end of the message"),
    /** Netstring form without the trailer after {@code %%%\n}; classic form without an {@code auth} field. */
    NO_AUTHENTICATION("no authentication"),
    /** The authentication is not {@code <index> <digest>}. */
    BAD_AUTH_FORMAT("malformed authentication"),
    /** The key index is not in {@code authkeys}. */
    UNKNOWN_KEY_INDEX("unknown key index"),
    /** The digest cannot come from the method of that index (for example an md5 digest under a sha1 index). */
    WRONG_METHOD("wrong authentication method for the key index"),
    /** The digest does not match: wrong key, or the message was changed. */
    BAD_DIGEST("authentication failed");

    private final String description;

    DropReason(String description) {
        this.description = description;
    }

    /** A few words for a log line, such as "authentication failed". */
    public String description() {
        return description;
    }
}
