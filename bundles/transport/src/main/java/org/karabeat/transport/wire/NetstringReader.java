package org.karabeat.transport.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.karabeat.transport.wire.HbMessage.Field;

/**
 * Reads the netstring form. As heartbeat 3.0.6 does ({@code netstring2msg}), only the trailer is checked; the
 * inner {@code auth} field, when present, is kept as an ordinary field and not checked.
 * <p>
 * Two passes: the first checks the structure and the trailer without allocating; only an authentic datagram
 * gets the second, which builds the fields. Stricter than heartbeat in what it accepts (no junk before
 * {@code :}, no bytes after the trailer but one NUL); never throws.
 */
final class NetstringReader {

    /** Enough digits for any length up to the largest datagram; more is malformed (and could overflow). */
    private static final int MAX_LENGTH_DIGITS = 7;
    private static final byte[] SRC = Bytes.ascii(FieldNames.SRC);

    private NetstringReader() {
    }

    /** {@code b[off, off+len)} starts with {@code ###\n}. */
    static DecodeResult read(byte[] b, int off, int len, Authenticator auth) {
        int end = off + len;
        int p = off + Bytes.NETSTRING_START.length;
        int fieldCount = 0;
        int srcOff = -1;
        int srcLen = 0;
        while (true) {
            if (p >= end) {
                return drop(DropReason.TRUNCATED, b, srcOff, srcLen);
            }
            if (Bytes.startsWith(b, p, end, Bytes.NETSTRING_END)) {
                break;
            }
            if (Bytes.isPrefixOf(b, p, end - p, Bytes.NETSTRING_END)) {
                return drop(DropReason.TRUNCATED, b, srcOff, srcLen); // cut inside %%%\n
            }
            long span = netstring(b, p, end);
            if (span < 0) {
                return drop(reasonOf(span), b, srcOff, srcLen);
            }
            int c = contentStart(span);
            int cend = contentEnd(span);
            // (<type>)<name>=<value>: the type one digit 0..5, the name at least one byte
            if (cend - c < 5 || b[c] != '(' || b[c + 2] != ')' || b[c + 1] < '0'
                    || b[c + 1] > '0' + FieldRules.MAX_TYPE) {
                return drop(DropReason.MALFORMED_FIELD, b, srcOff, srcLen);
            }
            int nameStart = c + 3;
            int eq = Bytes.indexOf(b, nameStart, cend, (byte) '=');
            if (eq < 0 || !FieldRules.validName(b, nameStart, eq)) {
                return drop(DropReason.MALFORMED_FIELD, b, srcOff, srcLen);
            }
            boolean string = b[c + 1] == '0';
            if (string && Bytes.indexOf(b, eq + 1, cend, (byte) 0) >= 0) {
                return drop(DropReason.MALFORMED_FIELD, b, srcOff, srcLen);
            }
            if (string && srcOff < 0 && Bytes.equalsAt(b, nameStart, eq - nameStart, SRC)) {
                srcOff = eq + 1;
                srcLen = cend - srcOff;
            }
            fieldCount++;
            p = cend + 1;
        }
        int bodyEnd = p + Bytes.NETSTRING_END.length;
        if (bodyEnd == end || (bodyEnd == end - 1 && b[bodyEnd] == 0)) {
            return drop(DropReason.NO_AUTHENTICATION, b, srcOff, srcLen);
        }
        long trailer = netstring(b, bodyEnd, end);
        if (trailer < 0) {
            return drop(reasonOf(trailer), b, srcOff, srcLen);
        }
        int after = contentEnd(trailer) + 1;
        if (after != end && !(after == end - 1 && b[after] == 0)) {
            return drop(DropReason.TRAILING_GARBAGE, b, srcOff, srcLen);
        }
        int code = auth.verify(b, contentStart(trailer), contentEnd(trailer) - contentStart(trailer), b, off,
                bodyEnd - off);
        if (code < 0) {
            return drop(Authenticator.reasonOf(code), b, srcOff, srcLen);
        }
        return DecodeResult.accepted(HbMessage.ofOwned(fields(b, off + Bytes.NETSTRING_START.length, fieldCount)),
                WireForm.NETSTRING, code);
    }

    /** Second pass over a structure the first pass checked. */
    private static List<Field> fields(byte[] b, int p, int count) {
        List<Field> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long span = netstring(b, p, b.length);
            int c = contentStart(span);
            int cend = contentEnd(span);
            int nameStart = c + 3;
            int eq = Bytes.indexOf(b, nameStart, cend, (byte) '=');
            String name = FieldNames.intern(b, nameStart, eq - nameStart);
            fields.add(new Field(name, b[c + 1] - '0', Arrays.copyOfRange(b, eq + 1, cend), true));
            p = cend + 1;
        }
        return fields;
    }

    /**
     * Parses {@code <len>:<content>,} at {@code p}: content start and end packed into a long, or a negative
     * {@link DropReason} code.
     */
    private static long netstring(byte[] b, int p, int end) {
        int start = p;
        int length = 0;
        while (p < end && p - start < MAX_LENGTH_DIGITS && b[p] >= '0' && b[p] <= '9') {
            length = length * 10 + (b[p] - '0');
            p++;
        }
        if (p >= end) {
            return code(DropReason.TRUNCATED);
        }
        if (p == start || b[p] != ':') {
            return code(DropReason.BAD_NETSTRING_LENGTH);
        }
        int c = p + 1;
        long cend = (long) c + length;
        if (cend >= end) {
            return code(DropReason.TRUNCATED);
        }
        if (b[(int) cend] != ',') {
            return code(DropReason.BAD_NETSTRING_LENGTH);
        }
        return ((long) c << 32) | cend;
    }

    private static int contentStart(long span) {
        return (int) (span >>> 32);
    }

    private static int contentEnd(long span) {
        return (int) span;
    }

    private static long code(DropReason reason) {
        return -1L - reason.ordinal();
    }

    private static DropReason reasonOf(long code) {
        return Authenticator.reasonOf((int) code);
    }

    private static DecodeResult drop(DropReason reason, byte[] b, int srcOff, int srcLen) {
        return DecodeResult.dropped(reason, WireForm.NETSTRING,
                srcOff < 0 ? null : new String(b, srcOff, srcLen, StandardCharsets.UTF_8));
    }
}
