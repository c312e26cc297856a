package org.karabeat.transport.wire;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link WireCodec#decode} made of one datagram: an accepted message (with its form and the key index it
 * was authenticated with) or a drop (with the reason and, when the fields could be read that far, the
 * {@code src} the sender claims: the claim is not authenticated, so use it for logging only). Immutable.
 */
public final class DecodeResult {

    /** Drops with nothing else known are shared, so junk costs no allocation here. */
    private static final Map<DropReason, DecodeResult> BARE = new EnumMap<>(DropReason.class);

    static {
        for (DropReason r : DropReason.values()) {
            BARE.put(r, new DecodeResult(null, null, -1, r, null));
        }
    }

    private final HbMessage message;
    private final WireForm form;
    private final int keyIndex;
    private final DropReason dropReason;
    private final String claimedSource;

    private DecodeResult(HbMessage message, WireForm form, int keyIndex, DropReason dropReason,
            String claimedSource) {
        this.message = message;
        this.form = form;
        this.keyIndex = keyIndex;
        this.dropReason = dropReason;
        this.claimedSource = claimedSource;
    }

    static DecodeResult accepted(HbMessage message, WireForm form, int keyIndex) {
        return new DecodeResult(message, form, keyIndex, null, null);
    }

    static DecodeResult dropped(DropReason reason, WireForm form, String claimedSource) {
        if (form == null && claimedSource == null) {
            return BARE.get(reason);
        }
        return new DecodeResult(null, form, -1, reason, claimedSource);
    }

    /** Whether the datagram was a well-formed, authenticated message. */
    public boolean isAccepted() {
        return message != null;
    }

    /**
     * The message, with every field as received (including the inner {@code auth} field when there is one).
     *
     * @throws IllegalStateException when the datagram was dropped
     */
    public HbMessage message() {
        if (message == null) {
            throw new IllegalStateException("dropped: " + dropReason.description());
        }
        return message;
    }

    /** The form, when the datagram started like one; empty for junk. */
    public Optional<WireForm> form() {
        return Optional.ofNullable(form);
    }

    /** The {@code authkeys} index the message was authenticated with; -1 when dropped. */
    public int keyIndex() {
        return keyIndex;
    }

    /** Why the datagram was dropped; null when accepted. */
    public DropReason dropReason() {
        return dropReason;
    }

    /** The unauthenticated {@code src} of a dropped message, when it could be read; empty otherwise. */
    public Optional<String> claimedSource() {
        return Optional.ofNullable(claimedSource);
    }

    @Override
    public String toString() {
        if (message != null) {
            return "accepted " + form + " key " + keyIndex + ": " + message;
        }
        return "dropped: " + dropReason.description() + (claimedSource == null ? "" : " (claims src " + claimedSource
                + ")");
    }
}
