package org.karabeat.transport.identity;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The uuid heartbeat derives from a node name with {@code uuidfrom nodename} ({@code gen_uuid_from_name} in
 * 3.0.6's {@code hb_uuid.c}): a 31-multiplier hash of the name's bytes (as signed C chars) seeds glibc's
 * {@code srand}, and 32 calls of {@code rand() % 16} give the hex digits in order. Not a random uuid: every
 * node computes every other node's uuid from its name.
 */
public final class NameBasedUuid {

    private static final int HEX_DIGITS = 32;

    private NameBasedUuid() {
    }

    /** The uuid for {@code nodeName} (its UTF-8 bytes, as {@code uname -n} gives them). */
    public static UUID of(String nodeName) {
        GlibcRandom random = new GlibcRandom(hash(nodeName.getBytes(StandardCharsets.UTF_8)));
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < HEX_DIGITS; i++) {
            long digit = random.next() % 16;
            if (i < HEX_DIGITS / 2) {
                msb = (msb << 4) | digit;
            } else {
                lsb = (lsb << 4) | digit;
            }
        }
        return new UUID(msb, lsb);
    }

    /** heartbeat's {@code string_hash}: h = first char, then h = 31 * h + next char; chars are signed. */
    static int hash(byte[] name) {
        if (name.length == 0 || name[0] == 0) {
            return 0;
        }
        int h = name[0];
        for (int i = 1; i < name.length; i++) {
            h = 31 * h + name[i];
        }
        return h;
    }
}
