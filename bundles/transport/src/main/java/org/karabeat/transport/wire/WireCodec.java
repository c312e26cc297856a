package org.karabeat.transport.wire;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.karabeat.config.legacy.AuthKeys;

/**
 * Heartbeat 3.0.6's message encodings with {@code authkeys} authentication.
 * <ul>
 * <li>{@link #encode} writes the netstring form byte for byte as 3.0.6 does, signed with the active key: the
 * inner {@code auth} field (see {@link WireOptions#innerAuth()}) and the trailer after {@code %%%\n}.</li>
 * <li>{@link #decode} reads either form and never throws: it returns an accepted message or a drop with a
 * {@link DropReason}. Netstring: only the trailer is checked, as 3.0.6 does. Classic: the {@code auth} field is
 * checked.</li>
 * </ul>
 * Immutable and thread-safe: one instance can serve every channel and thread. It keeps no per-message state,
 * so there is nothing to reset or release. A decode allocates the message it returns (about the size of the
 * datagram) plus a few hundred bytes for the digest; a dropped datagram allocates at most the claimed
 * {@code src}, and a classic-form one a copy of its lines for the digest. Create a new codec when
 * {@code authkeys} changes.
 * <p>
 * Sizes: heartbeat's {@code MAXMSG} is 256 KiB; its media read at most {@code MAXMSG - 1} bytes, which is the
 * default {@link WireOptions#maxDatagramSize()}. A UDP/IPv4 datagram cannot carry more than
 * {@value #MAX_UDP_IPV4_PAYLOAD} bytes in any case.
 */
public final class WireCodec {

    /** heartbeat's {@code MAXMSG} (clplumbing {@code ipc.h}): 256 KiB. */
    public static final int HEARTBEAT_MAXMSG = 256 * 1024;
    /** The largest datagram heartbeat's media read ({@code recvfrom(..., MAXMSG - 1, ...)}). */
    public static final int MAX_DATAGRAM_SIZE = HEARTBEAT_MAXMSG - 1;
    /** The largest UDP payload over IPv4: 65535 - 20 (IP header) - 8 (UDP header). */
    public static final int MAX_UDP_IPV4_PAYLOAD = 65_507;

    private final Authenticator auth;
    private final WireOptions options;

    private WireCodec(Authenticator auth, WireOptions options) {
        this.auth = auth;
        this.options = options;
    }

    /** A codec with {@link WireOptions#defaults()}. */
    public static WireCodec create(AuthKeys keys) {
        return create(keys, WireOptions.defaults());
    }

    /**
     * @throws IllegalArgumentException when a key index is outside 0..15
     */
    public static WireCodec create(AuthKeys keys, WireOptions options) {
        return new WireCodec(new Authenticator(Objects.requireNonNull(keys, "keys")),
                Objects.requireNonNull(options, "options"));
    }

    public WireOptions options() {
        return options;
    }

    /** The {@code authkeys} index outgoing messages are signed with. */
    public int activeKeyIndex() {
        return auth.activeIndex();
    }

    /**
     * The netstring form, as heartbeat 3.0.6 sends it.
     *
     * @throws MessageTooLargeException when it would be larger than {@link WireOptions#maxDatagramSize()}
     * @throws IllegalArgumentException for a field heartbeat cannot carry (see {@link HbMessage.Field}: empty
     *                                  name, {@code =} or newline in a name, NUL in a string, type outside 0..5)
     */
    public byte[] encode(HbMessage message) {
        return NetstringWriter.write(Objects.requireNonNull(message, "message"), auth, options);
    }

    /**
     * The classic form ({@code >>>\n name=value\n ... auth=<index> <digest>\n <<<\n}), which 3.0.6 accepts but
     * never sends; for tests and for peers older than 3.0. The {@code auth} field replaces the message's own in
     * place, or comes last.
     *
     * @throws MessageTooLargeException when it would be larger than {@link WireOptions#maxDatagramSize()}
     * @throws IllegalArgumentException as {@link #encode}, and for struct / compressed fields
     */
    public byte[] encodeClassic(HbMessage message) {
        Objects.requireNonNull(message, "message");
        byte[] text = ClassicText.write(message.fields(), false, true);
        byte[] authValue = auth.sign(text, 0, text.length);
        HbMessage.Builder b = HbMessage.builder();
        boolean placed = false;
        for (HbMessage.Field f : message.fields()) {
            if (!placed && f.name().equals(FieldNames.AUTH)) {
                b.add(new HbMessage.Field(FieldNames.AUTH, HbMessage.STRING, authValue, true));
                placed = true;
            } else {
                b.add(f);
            }
        }
        if (!placed) {
            b.add(new HbMessage.Field(FieldNames.AUTH, HbMessage.STRING, authValue, true));
        }
        byte[] out = ClassicText.write(b.build().fields(), true, false);
        if (out.length > options.maxDatagramSize()) {
            throw new MessageTooLargeException(out.length, options.maxDatagramSize());
        }
        return out;
    }

    /** Decodes a whole datagram. Never throws (except for a null array). */
    public DecodeResult decode(byte[] datagram) {
        return decode(datagram, 0, datagram.length);
    }

    /**
     * Decodes {@code buf[offset, offset+length)}. Never throws for any content; the array is only read and
     * may be reused once this returns.
     *
     * @throws IndexOutOfBoundsException when the range is outside the array
     */
    public DecodeResult decode(byte[] buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        if (length == 0) {
            return DecodeResult.dropped(DropReason.EMPTY, null, null);
        }
        if (length > options.maxDatagramSize()) {
            return DecodeResult.dropped(DropReason.OVERSIZE, null, null);
        }
        int end = offset + length;
        if (Bytes.startsWith(buf, offset, end, Bytes.NETSTRING_START)) {
            return NetstringReader.read(buf, offset, length, auth);
        }
        if (Bytes.startsWith(buf, offset, end, Bytes.CLASSIC_START)) {
            return ClassicReader.read(buf, offset, length, auth);
        }
        if (Bytes.isPrefixOf(buf, offset, length, Bytes.NETSTRING_START)
                || Bytes.isPrefixOf(buf, offset, length, Bytes.CLASSIC_START)) {
            return DecodeResult.dropped(DropReason.TRUNCATED, null, null);
        }
        return DecodeResult.dropped(DropReason.UNKNOWN_FORMAT, null, null);
    }

    /**
     * Decodes the remaining bytes of {@code datagram} without moving its position (for a Netty
     * {@code ByteBuf.nioBuffer()}); a buffer without an accessible array is copied once.
     */
    public DecodeResult decode(ByteBuffer datagram) {
        if (datagram.hasArray()) {
            return decode(datagram.array(), datagram.arrayOffset() + datagram.position(), datagram.remaining());
        }
        if (datagram.remaining() > options.maxDatagramSize()) {
            return DecodeResult.dropped(DropReason.OVERSIZE, null, null);
        }
        byte[] copy = new byte[datagram.remaining()];
        datagram.duplicate().get(copy);
        return decode(copy, 0, copy.length);
    }

    @Override
    public String toString() {
        return "WireCodec[activeKey=" + auth.activeIndex() + ", " + options + "]";
    }
}
