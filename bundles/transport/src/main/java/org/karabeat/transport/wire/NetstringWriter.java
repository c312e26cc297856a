package org.karabeat.transport.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.karabeat.transport.wire.HbMessage.Field;

/**
 * Writes the netstring form byte for byte as heartbeat 3.0.6 does (clplumbing {@code msg2netstring_ll}): the
 * fields as {@code <len>:(<type>)<name>=<value>,} between {@code ###\n} and {@code %%%\n}, then the trailer
 * {@code <len>:<index> <digest>,} over everything from {@code ###\n} through {@code %%%\n}.
 */
final class NetstringWriter {

    private NetstringWriter() {
    }

    static byte[] write(HbMessage message, Authenticator auth, WireOptions options) {
        List<Field> fields = withInnerAuth(message.fields(), auth, options.innerAuth());
        int max = options.maxDatagramSize();
        byte[][] names = new byte[fields.size()][];
        long size = Bytes.NETSTRING_START.length + Bytes.NETSTRING_END.length;
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            names[i] = FieldRules.checkedName(f);
            long content = 3L + names[i].length + 1 + f.length();
            size += Bytes.decimalLength((int) Math.min(content, Integer.MAX_VALUE)) + 2 + content;
            if (size > max) {
                throw new MessageTooLargeException((int) Math.min(size, Integer.MAX_VALUE), max);
            }
        }
        int bodyLength = (int) size;
        byte[] body = new byte[bodyLength];
        int p = Bytes.put(body, 0, Bytes.NETSTRING_START);
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            p = Bytes.putDecimal(body, p, 3 + names[i].length + 1 + f.length());
            body[p++] = ':';
            body[p++] = '(';
            body[p++] = (byte) ('0' + f.type());
            body[p++] = ')';
            p = Bytes.put(body, p, names[i]);
            body[p++] = '=';
            System.arraycopy(f.raw(), 0, body, p, f.length());
            p += f.length();
            body[p++] = ',';
        }
        Bytes.put(body, p, Bytes.NETSTRING_END);

        byte[] trailer = auth.sign(body, 0, bodyLength);
        int total = bodyLength + Bytes.decimalLength(trailer.length) + 2 + trailer.length;
        if (total > max) {
            throw new MessageTooLargeException(total, max);
        }
        byte[] out = Arrays.copyOf(body, total);
        p = Bytes.putDecimal(out, bodyLength, trailer.length);
        out[p++] = ':';
        p = Bytes.put(out, p, trailer);
        out[p] = ',';
        return out;
    }

    /**
     * The fields to write. With the inner auth (heartbeat's default {@code msgfmt classic}): {@code auth} over the
     * classic text of the other fields, replacing the first {@code auth} field in place (heartbeat's
     * {@code ha_msg_mod}) or appended last. Without it ({@code msgfmt netstring}, or a struct / compressed field,
     * for which heartbeat never computes one): every {@code auth} field left out.
     */
    private static List<Field> withInnerAuth(List<Field> fields, Authenticator auth, boolean innerAuth) {
        boolean compute = innerAuth;
        for (Field f : fields) {
            if (FieldRules.netstringOnly(f.type())) {
                compute = false;
            }
        }
        List<Field> out = new ArrayList<>(fields.size() + 1);
        if (!compute) {
            for (Field f : fields) {
                if (!f.name().equals(FieldNames.AUTH)) {
                    out.add(f);
                }
            }
            return out;
        }
        byte[] text = ClassicText.write(fields, false, true);
        Field authField = new Field(FieldNames.AUTH, HbMessage.STRING, auth.sign(text, 0, text.length), true);
        boolean placed = false;
        for (Field f : fields) {
            if (!placed && f.name().equals(FieldNames.AUTH)) {
                out.add(authField);
                placed = true;
            } else {
                out.add(f);
            }
        }
        if (!placed) {
            out.add(authField);
        }
        return out;
    }
}
