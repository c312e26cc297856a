/**
 * Heartbeat 3.0.6's messages on the wire: the message model, the netstring and classic encodings, and the
 * crc / md5 / sha1 (and Karabeat-only sha256) authentication. Decoding never throws on bad input.
 * <p>
 * {@link org.karabeat.transport.wire.WireCodec} encodes an {@link org.karabeat.transport.wire.HbMessage} byte
 * for byte as 3.0.6 does and decodes a datagram into a {@link org.karabeat.transport.wire.DecodeResult}
 * (accepted, or dropped with a {@link org.karabeat.transport.wire.DropReason}).
 * {@link org.karabeat.transport.wire.ControlFields} adds {@code src srcuuid seq hg ts ld ttl} (and
 * {@code destuuid}) in heartbeat's order; {@link org.karabeat.transport.wire.FieldNames} names the fields.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.karabeat.transport.wire;
