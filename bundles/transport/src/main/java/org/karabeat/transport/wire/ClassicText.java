package org.karabeat.transport.wire;

import java.util.Base64;
import java.util.List;

import org.karabeat.transport.wire.HbMessage.Field;

/**
 * The classic text form of fields, as clplumbing's {@code msg2string_buf} writes it: {@code name=value\n} for a
 * string (a newline in the value written as byte 0x13, heartbeat's {@code SPECIAL_SYM}),
 * {@code (1)name=<base64>\n} for binary, {@code (3)name=<packed list>\n} for a list. Used for the whole classic
 * message and for the text the {@code auth} field signs (all fields but {@code auth}, no markers).
 */
final class ClassicText {

    /** heartbeat's SPECIAL_SYM: stands for a newline inside a classic string value. */
    static final byte NEWLINE_SYMBOL = 19;

    private ClassicText() {
    }

    /**
     * @param withMarkers  whether to write {@code >>>\n} and {@code <<<\n} around the lines
     * @param skipAuth     whether to leave out every field named {@code auth}
     * @throws IllegalArgumentException for a struct / compress / uncompress field, which has no classic form here
     */
    static byte[] write(List<Field> fields, boolean withMarkers, boolean skipAuth) {
        byte[][] names = new byte[fields.size()][];
        byte[][] values = new byte[fields.size()][];
        int size = withMarkers ? 8 : 0;
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (skipAuth && f.name().equals(FieldNames.AUTH)) {
                continue;
            }
            names[i] = FieldRules.checkedName(f);
            values[i] = value(f);
            size += (f.type() == HbMessage.STRING ? 0 : 3) + names[i].length + 1 + values[i].length + 1;
        }
        byte[] out = new byte[size];
        int p = withMarkers ? Bytes.put(out, 0, Bytes.CLASSIC_START) : 0;
        for (int i = 0; i < fields.size(); i++) {
            if (names[i] == null) {
                continue;
            }
            int type = fields.get(i).type();
            if (type != HbMessage.STRING) {
                out[p++] = '(';
                out[p++] = (byte) ('0' + type);
                out[p++] = ')';
            }
            p = Bytes.put(out, p, names[i]);
            out[p++] = '=';
            p = Bytes.put(out, p, values[i]);
            out[p++] = '\n';
        }
        if (withMarkers) {
            Bytes.put(out, p, Bytes.CLASSIC_END);
        }
        return out;
    }

    private static byte[] value(Field f) {
        switch (f.type()) {
            case HbMessage.STRING: {
                byte[] v = f.value();
                for (int i = 0; i < v.length; i++) {
                    if (v[i] == '\n') {
                        v[i] = NEWLINE_SYMBOL;
                    }
                }
                return v;
            }
            case HbMessage.BINARY:
                return Base64.getEncoder().encode(f.raw());
            case 3:
                return f.raw();
            default:
                throw new IllegalArgumentException("field '" + f.name() + "' of type " + f.type()
                        + " has no classic form");
        }
    }
}
