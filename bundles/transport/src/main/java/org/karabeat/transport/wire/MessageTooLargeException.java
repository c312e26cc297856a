package org.karabeat.transport.wire;

/** A message whose encoded form would exceed the codec's maximum datagram size; nothing was encoded. */
public final class MessageTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int size;
    private final int maximum;

    MessageTooLargeException(int size, int maximum) {
        super("message too large: " + size + " bytes encoded, the maximum datagram is " + maximum + " bytes");
        this.size = size;
        this.maximum = maximum;
    }

    /** The encoded size (at least; encoding stops as soon as the size is known to be too large). */
    public int size() {
        return size;
    }

    /** The codec's maximum datagram size. */
    public int maximum() {
        return maximum;
    }
}
