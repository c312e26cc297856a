package org.karabeat.transport.wire;

import java.nio.charset.StandardCharsets;

import org.karabeat.transport.wire.HbMessage.Field;

/** What a field must be for heartbeat to read it back; checked before anything is encoded. */
final class FieldRules {

    /** heartbeat's field types: string, binary, struct, list, compress, uncompress. */
    static final int MAX_TYPE = 5;

    private FieldRules() {
    }

    /**
     * The name as wire bytes (one byte a char).
     *
     * @throws IllegalArgumentException for an empty name, a char above U+00FF, {@code =}, a newline or NUL, a
     *                                  leading {@code (} (it would read as a type prefix), or a bad type or value
     */
    static byte[] checkedName(Field f) {
        String name = f.name();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty field name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0xff || c == '=' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("field name '" + printable(name) + "' has a character heartbeat"
                        + " cannot carry in a name (=, newline, NUL or above U+00FF)");
            }
        }
        if (name.charAt(0) == '(') {
            throw new IllegalArgumentException("field name '" + printable(name) + "' starts with '(', which reads"
                    + " as a type prefix");
        }
        if (f.type() < 0 || f.type() > MAX_TYPE) {
            throw new IllegalArgumentException("field '" + name + "' has type " + f.type() + "; heartbeat knows 0.."
                    + MAX_TYPE);
        }
        if (f.type() == HbMessage.STRING && Bytes.indexOf(f.raw(), 0, f.length(), (byte) 0) >= 0) {
            throw new IllegalArgumentException("string field '" + name + "' contains NUL; heartbeat strings are C"
                    + " strings (use a binary field)");
        }
        return name.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether wire bytes {@code b[from, to)} make a name {@link #checkedName} accepts, so that whatever the
     * decoder accepts can be encoded again.
     */
    static boolean validName(byte[] b, int from, int to) {
        if (to <= from || b[from] == '(') {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (b[i] == 0 || b[i] == '\n' || b[i] == '=') {
                return false;
            }
        }
        return true;
    }

    /** Struct, compress and uncompress fields make heartbeat use the netstring form without an inner auth. */
    static boolean netstringOnly(int type) {
        return type == 2 || type == 4 || type == 5;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            sb.append(c < ' ' || c > '~' ? '?' : c);
        }
        return sb.toString();
    }
}
