package org.karabeat.transport.wire;

/**
 * Settings of a {@link WireCodec}. Immutable; the {@code with...} methods return a changed copy.
 */
public final class WireOptions {

    private static final WireOptions DEFAULTS = new WireOptions(true, WireCodec.MAX_DATAGRAM_SIZE);

    private final boolean innerAuth;
    private final int maxDatagramSize;

    private WireOptions(boolean innerAuth, int maxDatagramSize) {
        this.innerAuth = innerAuth;
        this.maxDatagramSize = maxDatagramSize;
    }

    /** Inner {@code auth} field on, maximum {@link WireCodec#MAX_DATAGRAM_SIZE}: what 3.0.6 does by default. */
    public static WireOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Whether the netstring form carries the inner {@code auth} field (a digest over the classic text of the
     * other fields). heartbeat 3.0.6 writes it with the default {@code msgfmt classic} and leaves it out with
     * {@code msgfmt netstring}; no 3.0.6 receiver checks it in the netstring form.
     */
    public boolean innerAuth() {
        return innerAuth;
    }

    public WireOptions withInnerAuth(boolean value) {
        return new WireOptions(value, maxDatagramSize);
    }

    /** Largest datagram encoded or accepted, in bytes. */
    public int maxDatagramSize() {
        return maxDatagramSize;
    }

    /**
     * @param value 64 to {@link WireCodec#MAX_DATAGRAM_SIZE}; {@link WireCodec#MAX_UDP_IPV4_PAYLOAD} is the most a
     *              UDP/IPv4 datagram can carry
     */
    public WireOptions withMaxDatagramSize(int value) {
        if (value < 64 || value > WireCodec.MAX_DATAGRAM_SIZE) {
            throw new IllegalArgumentException("maximum datagram size " + value + " is outside 64.."
                    + WireCodec.MAX_DATAGRAM_SIZE);
        }
        return new WireOptions(innerAuth, value);
    }

    @Override
    public String toString() {
        return "WireOptions[innerAuth=" + innerAuth + ", maxDatagramSize=" + maxDatagramSize + "]";
    }
}
