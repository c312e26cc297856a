package org.karabeat.transport.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.karabeat.transport.wire.HbMessage.Field;

/**
 * Reads the classic form ({@code >>>\n name=value\n ... <<<\n}) and checks its {@code auth} field the way
 * heartbeat's {@code isauthentic} does: the digest over the classic text of every other field, compared with the
 * last {@code auth} field. Empty lines between fields are skipped, as heartbeat skips them. Never throws.
 * <p>
 * The digest is checked before any field is built: the classic text of the fields is their lines as received
 * (binary values with the unused bits of their last base64 digit cleared, as writing the decoded bytes again
 * would make them), so a forged datagram costs one copy of its lines and no objects per field.
 */
final class ClassicReader {

    private static final byte[] SRC = Bytes.ascii(FieldNames.SRC);
    private static final byte[] AUTH = Bytes.ascii(FieldNames.AUTH);
    private static final byte[] BASE64_DIGITS =
            Bytes.ascii("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private ClassicReader() {
    }

    /** {@code b[off, off+len)} starts with {@code >>>\n}. */
    static DecodeResult read(byte[] b, int off, int len, Authenticator auth) {
        int end = off + len;
        int p = off + Bytes.CLASSIC_START.length;
        int fieldCount = 0;
        int srcOff = -1;
        int srcLen = 0;
        boolean hasAuth = false;
        int authOff = -1;
        int authLen = 0;
        while (true) {
            while (p < end && b[p] == '\n') {
                p++;
            }
            if (p >= end) {
                return drop(DropReason.TRUNCATED, b, srcOff, srcLen);
            }
            if (Bytes.startsWith(b, p, end, Bytes.CLASSIC_END)) {
                break;
            }
            int nl = Bytes.indexOf(b, p, end, (byte) '\n');
            if (nl < 0) {
                return drop(DropReason.TRUNCATED, b, srcOff, srcLen);
            }
            int eq = Bytes.indexOf(b, p, nl, (byte) '=');
            if (eq <= p) {
                return drop(DropReason.MALFORMED_FIELD, b, srcOff, srcLen);
            }
            int type = HbMessage.STRING;
            int nameStart = p;
            if (b[p] == '(') {
                if (eq - p < 4 || b[p + 2] != ')' || b[p + 1] < '0' || b[p + 1] > '9') {
                    return drop(DropReason.MALFORMED_FIELD, b, srcOff, srcLen);
                }
                type = b[p + 1] - '0';
                nameStart = p + 3;
                if (type == HbMessage.STRING || type > FieldRules.MAX_TYPE) {
                    return drop(DropReason.MALFORMED_FIELD, b, srcOff, srcLen); // heartbeat: "wrong type"
                }
                if (FieldRules.netstringOnly(type)) {
                    return drop(DropReason.UNSUPPORTED_FIELD_TYPE, b, srcOff, srcLen);
                }
                if (type == HbMessage.BINARY && !isBase64(b, eq + 1, nl)) {
                    return drop(DropReason.MALFORMED_FIELD, b, srcOff, srcLen);
                }
            } else if (Bytes.indexOf(b, eq + 1, nl, (byte) 0) >= 0) {
                return drop(DropReason.MALFORMED_FIELD, b, srcOff, srcLen);
            }
            if (!FieldRules.validName(b, nameStart, eq)) {
                return drop(DropReason.MALFORMED_FIELD, b, srcOff, srcLen);
            }
            if (type == HbMessage.STRING) {
                if (srcOff < 0 && Bytes.equalsAt(b, nameStart, eq - nameStart, SRC)) {
                    srcOff = eq + 1;
                    srcLen = nl - srcOff;
                }
                if (Bytes.equalsAt(b, nameStart, eq - nameStart, AUTH)) {
                    hasAuth = true; // the last one counts
                    authOff = eq + 1;
                    authLen = nl - authOff;
                }
            }
            fieldCount++;
            p = nl + 1;
        }
        int after = p + Bytes.CLASSIC_END.length;
        if (after != end && !(after == end - 1 && b[after] == 0)) {
            return drop(DropReason.TRAILING_GARBAGE, b, srcOff, srcLen);
        }
        if (!hasAuth) {
            return drop(DropReason.NO_AUTHENTICATION, b, srcOff, srcLen);
        }
        // The raw auth value, where the field would have byte 19 turned into a newline: both are blanks, which
        // the check refuses alike.
        byte[] signed = signedText(b, off + Bytes.CLASSIC_START.length, p);
        int code = auth.verify(b, authOff, authLen, signed, 0, signed.length);
        if (code < 0) {
            return drop(Authenticator.reasonOf(code), b, srcOff, srcLen);
        }
        List<Field> fields = fields(b, off + Bytes.CLASSIC_START.length, fieldCount);
        return DecodeResult.accepted(HbMessage.ofOwned(fields), WireForm.CLASSIC, code);
    }

    /**
     * What the {@code auth} field signs, {@code ClassicText.write(fields, false, true)} of the fields in
     * {@code b[from, to)}, made from the lines the first pass checked: every non-empty line but those of a field
     * named {@code auth}, as received. That is the text of the parsed fields because a string line is written
     * back as it came (byte 19 stands for a newline both ways), a list line too, and a binary line as the base64
     * of its decoded bytes, which is the same text but for the unused low bits of the last digit before
     * {@code =} padding (the decoder ignores them; they are cleared here).
     */
    private static byte[] signedText(byte[] b, int from, int to) {
        int size = 0;
        for (int p = from; p < to;) {
            if (b[p] == '\n') {
                p++;
                continue;
            }
            int nl = Bytes.indexOf(b, p, to, (byte) '\n');
            if (!isAuthLine(b, p, nl)) {
                size += nl + 1 - p;
            }
            p = nl + 1;
        }
        byte[] out = new byte[size];
        int o = 0;
        for (int p = from; p < to;) {
            if (b[p] == '\n') {
                p++;
                continue;
            }
            int nl = Bytes.indexOf(b, p, to, (byte) '\n');
            if (!isAuthLine(b, p, nl)) {
                System.arraycopy(b, p, out, o, nl + 1 - p);
                if (b[p] == '(' && b[p + 1] - '0' == HbMessage.BINARY) {
                    int eq = Bytes.indexOf(b, p, nl, (byte) '=');
                    clearUnusedBase64Bits(out, o + (eq + 1 - p), o + (nl - p));
                }
                o += nl + 1 - p;
            }
            p = nl + 1;
        }
        return out;
    }

    /** Whether the line {@code b[p, nl)} is a field named {@code auth} (of any type: none is signed). */
    private static boolean isAuthLine(byte[] b, int p, int nl) {
        int eq = Bytes.indexOf(b, p, nl, (byte) '=');
        int nameStart = b[p] == '(' ? p + 3 : p;
        return Bytes.equalsAt(b, nameStart, eq - nameStart, AUTH);
    }

    /**
     * Base64 {@code v[from, to)} (checked by {@link #isBase64}) as encoding its decoded bytes again writes it:
     * with one {@code =} the last digit's low 2 bits are 0, with two its low 4 bits.
     */
    private static void clearUnusedBase64Bits(byte[] v, int from, int to) {
        int pad = to - from >= 2 && v[to - 1] == '=' ? (v[to - 2] == '=' ? 2 : 1) : 0;
        if (pad == 0) {
            return;
        }
        int last = to - pad - 1;
        int value = base64Value(v[last]);
        v[last] = BASE64_DIGITS[value & (pad == 1 ? ~3 : ~15)];
    }

    private static int base64Value(byte c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : 63;
    }

    /** Second pass over lines the first pass checked. */
    private static List<Field> fields(byte[] b, int p, int count) {
        List<Field> fields = new ArrayList<>(count);
        while (fields.size() < count) {
            while (b[p] == '\n') {
                p++;
            }
            int nl = Bytes.indexOf(b, p, b.length, (byte) '\n');
            int eq = Bytes.indexOf(b, p, nl, (byte) '=');
            int type = b[p] == '(' ? b[p + 1] - '0' : HbMessage.STRING;
            int nameStart = b[p] == '(' ? p + 3 : p;
            String name = FieldNames.intern(b, nameStart, eq - nameStart);
            byte[] value;
            if (type == HbMessage.BINARY) {
                value = Base64.getDecoder().decode(Arrays.copyOfRange(b, eq + 1, nl));
            } else {
                value = Arrays.copyOfRange(b, eq + 1, nl);
                if (type == HbMessage.STRING) {
                    for (int i = 0; i < value.length; i++) {
                        if (value[i] == ClassicText.NEWLINE_SYMBOL) {
                            value[i] = '\n';
                        }
                    }
                }
            }
            fields.add(new Field(name, type, value, true));
            p = nl + 1;
        }
        return fields;
    }

    /**
     * Base64 as clplumbing's {@code base64_to_binary} takes it: a multiple of 4 characters of the standard
     * alphabet, with at most two {@code =} at the end.
     */
    private static boolean isBase64(byte[] b, int from, int to) {
        int n = to - from;
        if (n % 4 != 0) {
            return false;
        }
        int pad = 0;
        if (n > 0 && b[to - 1] == '=') {
            pad = n > 1 && b[to - 2] == '=' ? 2 : 1;
        }
        for (int i = from; i < to - pad; i++) {
            byte c = b[i];
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static DecodeResult drop(DropReason reason, byte[] b, int srcOff, int srcLen) {
        return DecodeResult.dropped(reason, WireForm.CLASSIC,
                srcOff < 0 ? null : new String(b, srcOff, srcLen, StandardCharsets.UTF_8));
    }
}
